"""Identifiers of provisions: Akoma Ntoso style eIds and the IRIs built from them.

This module is the only place that builds identifiers; everything else calls it.

An eId names a node by its kind prefix and number, joined from the outermost container down:
``chp_2__art_13__para_1__point_2``. The *provision path* drops the structural containers above an
article (``art_13__para_1__point_2``): articles are numbered through the whole instrument, so the path is
stable when chapters change, and it is what translations are aligned on and what IRIs use.

>>> eid_for("chp_2", "article", "13")
'chp_2__art_13'
>>> provision_path("chp_2__sec_1__art_13__para_1__point_2")
'art_13__para_1__point_2'
>>> parse("art_5__para_1__point_d")
[('article', '5'), ('paragraph', '1'), ('point', 'd')]
>>> iri("https://w3id.org/regkg/", "cn/pipl/2021", "chp_2__art_13__para_1__point_2")
'https://w3id.org/regkg/cn/pipl/2021/art_13/para_1/point_2'
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import STRUCTURE_KINDS, Node

BASE = "https://w3id.org/regkg/"

PREFIX = {
    "preamble": "preamble",
    "recital": "rec",
    "part": "part",
    "title": "title",
    "chapter": "chp",
    "section": "sec",
    "subsection": "subsec",
    "article": "art",
    "paragraph": "para",
    "point": "point",
    "subpoint": "subpoint",
    "annex": "annex",
    "item": "item",
}
KIND = {v: k for k, v in PREFIX.items()}

_COMPONENT = re.compile(r"^(?P<prefix>[a-z]+)_(?P<num>[0-9A-Za-z][0-9A-Za-z.-]*)$")
_STRUCTURAL_PREFIXES = {PREFIX[k] for k in STRUCTURE_KINDS} | {"preamble"}


class EidError(ValueError):
    pass


def component(kind: str, num: str) -> str:
    if kind not in PREFIX:
        raise EidError(f"no eId prefix for kind {kind!r}")
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.-]*", num):
        raise EidError(f"number {num!r} of a {kind} cannot be part of an eId")
    return f"{PREFIX[kind]}_{num}"


def eid_for(parent: str, kind: str, num: str) -> str:
    own = component(kind, num)
    return f"{parent}__{own}" if parent else own


def parse(eid: str) -> list[tuple[str, str]]:
    """Split an eId or provision path into (kind, num) pairs; raise EidError if malformed."""
    out = []
    for part in eid.split("__"):
        m = _COMPONENT.match(part)
        if not m or m["prefix"] not in KIND:
            raise EidError(f"malformed eId {eid!r} at {part!r}")
        out.append((KIND[m["prefix"]], m["num"]))
    return out


def provision_path(eid: str) -> str:
    """The eId without the structural containers above an article, annex or recital."""
    parts = eid.split("__")
    for i, part in enumerate(parts):
        if part.split("_", 1)[0] not in _STRUCTURAL_PREFIXES:
            return "__".join(parts[i:])
    return eid  # a structural node: its full eId is its path


def iri(base: str, instrument_path: str, eid: str = "") -> str:
    """IRI of an instrument (``eid`` empty) or of one of its nodes."""
    root = base.rstrip("/") + "/" + instrument_path.strip("/")
    if not eid:
        return root
    return root + "/" + provision_path(eid).replace("__", "/")


def assign(nodes: tuple[Node, ...], parent: str = "") -> tuple[Node, ...]:
    """Return the tree with every node's eId set from its position."""
    out = []
    for n in nodes:
        if n.kind == "preamble":
            own = PREFIX["preamble"]
            own = f"{parent}__{own}" if parent else own
        else:
            own = eid_for(parent, n.kind, n.num)
        out.append(replace(n, eid=own, children=assign(n.children, own)))
    return tuple(out)
