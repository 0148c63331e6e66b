"""Terms of the API: subdivision kinds, the URL values that name a unit, RDF terms to Python values and back,
and the small helpers that shape query rows (bilingual labels, dedupe, sort keys)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pyoxigraph as ox

from .. import eid as eids
from ..errors import RegkgError
from ..store import default_build_dir

# kind of a subdivision <- its rkg: class (local name)
KINDS = {
    "Preamble": "preamble",
    "Recital": "recital",
    "Part": "part",
    "Title": "title",
    "Chapter": "chapter",
    "Section": "section",
    "Subsection": "subsection",
    "Article": "article",
    "Paragraph": "paragraph",
    "Point": "point",
    "Subpoint": "subpoint",
    "Annex": "annex",
    "Item": "item",
}
STRUCTURE = ("part", "title", "chapter", "section", "subsection")
# the units a reader opens: an article, or an annex, recital, amendment item, preamble
UNITS = ("article", "annex", "recital", "item", "preamble")
_UNIT_PREFIX = {"annex": "annex", "recital": "rec", "item": "item"}
_UNIT_OF_PREFIX = {v: k for k, v in _UNIT_PREFIX.items()}
_NUM = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.-]{0,15}$")


class ExplorerError(RegkgError):
    """A request the explorer cannot answer (unknown instrument, malformed IRI, ...)."""


def build_dir_from_env() -> Path:
    """The build folder: ``$REGKG_BUILD`` if set, else the project's ``build/``."""
    env = os.environ.get("REGKG_BUILD")
    return Path(env) if env else default_build_dir()


def _term(value: object) -> ox.NamedNode | ox.Literal:
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if isinstance(value, bool):
        return ox.Literal(
            "true" if value else "false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
        )
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(str(value))


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INT_TYPES = {_XSD + t for t in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger")}
_FLOAT_TYPES = {_XSD + t for t in ("decimal", "double", "float")}


def _value(t: object) -> object:
    """A plain Python value: IRIs and strings as str, numbers as int/float, booleans as bool."""
    if t is None:
        return None
    if isinstance(t, ox.Literal):
        dt = t.datatype.value if t.datatype is not None else ""
        try:
            if dt in _INT_TYPES:
                return int(t.value)
            if dt in _FLOAT_TYPES:
                return float(t.value)
        except ValueError:
            return t.value
        if dt == _XSD + "boolean":
            return t.value in ("true", "1")
        return t.value
    if isinstance(t, ox.NamedNode):
        return t.value
    return str(t)


def iri_term(iri: str) -> ox.NamedNode:
    """A NamedNode for a caller's IRI; ExplorerError when it is not an absolute IRI."""
    try:
        node = ox.NamedNode(str(iri))
    except ValueError:
        raise ExplorerError(f"not an IRI: {str(iri)[:80]!r}") from None
    if not re.match(r"^[a-z][a-z0-9+.-]*:", node.value):
        raise ExplorerError(f"not an absolute IRI: {str(iri)[:80]!r}")
    return node


def local_name(iri: str | None) -> str:
    if not iri:
        return ""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def unit_param(kind: str, num: str | None) -> str:
    """The URL value that names a unit: "13" for Article 13, "annex_III", "rec_12", "item_3", "preamble"."""
    if kind == "article":
        return num or ""
    if kind == "preamble":
        return "preamble"
    return f"{_UNIT_PREFIX.get(kind, kind)}_{num}"


def parse_unit(param: str) -> tuple[str, str | None]:
    """Inverse of :func:`unit_param`; ExplorerError for anything else."""
    p = (param or "").strip()
    if p == "preamble":
        return "preamble", None
    if p.lower().startswith(("art_", "article ")):
        p = p.split("_", 1)[1] if "_" in p else p.split(" ", 1)[1]
    if "_" in p:
        prefix, _, num = p.partition("_")
        if prefix in _UNIT_OF_PREFIX and _NUM.match(num):
            return _UNIT_OF_PREFIX[prefix], num
    elif _NUM.match(p):
        return "article", p
    raise ExplorerError(f"not an article number or unit: {param[:40]!r} (e.g. 13, annex_III, rec_12, item_3)")


def unit_of(iri: str, eid: str) -> tuple[str | None, str | None]:
    """(URL value, IRI) of the unit (article, annex, recital, item, preamble) that holds node ``iri``/``eid``.

    From the eId alone: node IRIs are the instrument's IRI plus the provision path (see :mod:`regkg.eid`), so
    the unit's IRI is the node's IRI cut after the unit's own segment. (None, None) for chapters and the like.
    """
    path = eids.provision_path(eid).split("__")
    prefix, _, num = path[0].partition("_")
    kind = eids.KIND.get(prefix)
    if kind not in UNITS:
        return None, None
    rest = "/" + "/".join(path[1:]) if len(path) > 1 else ""
    unit_iri = iri[: len(iri) - len(rest)] if rest and iri.endswith(rest) else iri
    return unit_param(kind, num or None), unit_iri


# ---------------------------------------------------------------------------------------------- shaping rows


def _num_key(num: str | None) -> tuple:
    """Sort key for numbers such as 5, 5a, III, 12."""
    if not num:
        return (0, 0, "")
    m = re.match(r"^(\d+)(.*)$", num)
    return (1, int(m.group(1)), m.group(2)) if m else (2, 0, num)


def _bilingual(row: dict, name: str) -> dict[str, str]:
    return {lang: row[f"{name}_{lang}"] for lang in ("zh", "en") if row.get(f"{name}_{lang}")}


def _dedupe(rows: list[dict]) -> list[dict]:
    seen, out = set(), []
    for r in rows:
        key = json.dumps(r, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _unit_sort_key(unit: str) -> tuple:
    kind, _, num = unit.rpartition("_") if "_" in unit else ("", "", unit)
    return (kind, _num_key(num))


def _role_id(iri: str) -> str:
    """ "cn:network-operator" from an IRI ending in /cn/network-operator or #cn-network-operator (best effort)."""
    parts = [p for p in re.split(r"[#/]", iri) if p]
    if len(parts) >= 2 and parts[-2] in ("cn", "eu", "xj"):
        return f"{parts[-2]}:{parts[-1]}"
    return parts[-1] if parts else iri
