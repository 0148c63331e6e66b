"""The actor crosswalk (``corpus/crosswalk.yaml``): roles of each instrument mapped to cross-jurisdiction roles
(``xj:``) and to DPV / DPV-TECH / DPV EU AI Act / AIRO terms, with a SKOS relation and a note on each mapping.

>>> cw = Crosswalk.from_data({"targets": [{"id": "xj:data-subject", "label": {"en": "data subject", "zh": "信息主体"}}],
...     "mappings": [{"role": "cn:individual", "matches": [{"target": "xj:data-subject", "relation": "exactMatch",
...     "note": "The person the information relates to."}]}]}, roles=None)
>>> [(m.role, m.relation, m.target) for m in cw.mappings]
[('cn:individual', 'exactMatch', 'xj:data-subject')]
>>> sorted(cw.xj_roles("cn:individual"))
['xj:data-subject']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import URIRef

from ..eid import BASE
from ..rdf import namespaces as ns
from .data import CompareDataError, corpus_file, load_yaml, require

RELATIONS = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch")
_ROLE_ID = re.compile(r"^(cn|eu|xj):[a-z0-9]+(-[a-z0-9]+)*$")
# prefixes of reused vocabularies a mapping may target, and the closed namespace that checks the term exists
VOCABULARIES = {"dpv": ns.DPV, "tech": ns.TECH, "eu-aiact": ns.EUAIACT, "airo": ns.AIRO}


def role_iri(role_id: str) -> URIRef:
    """IRI of a role of the vocabulary (``cn:…``, ``eu:…``) or of a cross-jurisdiction role (``xj:…``).

    The role vocabulary's own IRI function is used when it provides one, so the crosswalk and the extracted
    facts name a role with the same IRI.
    """
    if not _ROLE_ID.match(role_id):
        raise ValueError(f"not a role id: {role_id!r}")
    if not role_id.startswith("xj:"):
        try:  # the role vocabulary owns the IRIs of its roles
            from ..extract import roles as vocabulary

            if hasattr(vocabulary, "role_iri"):
                return URIRef(str(vocabulary.role_iri(role_id)))
        except ImportError:
            pass
    prefix, slug = role_id.split(":", 1)
    return URIRef(f"{BASE}role/{prefix}/{slug}")


def vocabulary_term(name: str) -> URIRef | None:
    """``dpv:DataController`` -> its IRI; None if the prefix is not a reused vocabulary. A term the closed
    namespace does not list raises AttributeError."""
    prefix, _, local = name.partition(":")
    space = VOCABULARIES.get(prefix)
    if space is None:
        return None
    return getattr(space, local)


@dataclass(frozen=True)
class CrossRole:
    """A cross-jurisdiction role (``xj:…``)."""

    id: str
    labels: dict = field(compare=False, hash=False)
    definition: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class RoleMapping:
    role: str  # a role id of the vocabulary
    relation: str  # one of RELATIONS: "ROLE relation TARGET"
    target: str  # xj:…, a role id, or a prefixed term of a reused vocabulary
    note: str


@dataclass(frozen=True)
class Crosswalk:
    targets: tuple[CrossRole, ...]
    mappings: tuple[RoleMapping, ...]
    labels: dict = field(default_factory=dict, compare=False, hash=False)
    path: str = ""

    @classmethod
    def from_data(
        cls, data: Mapping, path: Path | str = "<data>", roles: Iterable[str] | None = ()
    ) -> Crosswalk:
        """Check and build the crosswalk. ``roles``: the role ids of the vocabulary (None: not checked)."""
        path = Path(path)
        known = set(roles) if roles is not None else None
        targets = []
        for i, raw in enumerate(data.get("targets") or []):
            tid = require(raw, "id", path, f"targets[{i}]")
            if not tid.startswith("xj:") or not _ROLE_ID.match(tid):
                raise CompareDataError(path, f"target {tid!r}", "cross-jurisdiction roles are xj:slug")
            labels = require(raw, "label", path, f"target {tid!r}", dict)
            for lang in ("zh", "en"):
                require(labels, lang, path, f"target {tid!r} label")
            targets.append(CrossRole(tid, dict(labels), dict(raw.get("definition") or {})))
        xj = {t.id for t in targets}
        if len(xj) != len(targets):
            raise CompareDataError(path, "targets", "duplicate xj ids")
        mappings = []
        seen = set()
        raw_mappings = data.get("mappings")
        if not isinstance(raw_mappings, list):
            raise CompareDataError(path, "mappings", "expected a list")
        for i, raw in enumerate(raw_mappings):
            rid = require(raw, "role", path, f"mappings[{i}]")
            where = f"mapping of {rid!r}"
            if not _ROLE_ID.match(rid) or rid.startswith("xj:"):
                raise CompareDataError(path, where, "expected a role id cn:… or eu:…")
            if known is not None and rid not in known:
                raise CompareDataError(
                    path, where, "no such role in the role vocabulary (src/regkg/data/roles.yaml)"
                )
            if rid in seen:
                raise CompareDataError(
                    path, where, "the role is mapped twice; list all its matches under one entry"
                )
            seen.add(rid)
            matches = require(raw, "matches", path, where, list)
            for j, m in enumerate(matches):
                w = f"{where}, match {j + 1}"
                target = require(m, "target", path, w)
                relation = require(m, "relation", path, w)
                note = require(m, "note", path, w)
                if relation not in RELATIONS:
                    raise CompareDataError(
                        path, w, f"relation must be one of {RELATIONS}, found {relation!r}"
                    )
                if target.startswith("xj:"):
                    if target not in xj:
                        raise CompareDataError(path, w, f"{target} is not defined under targets")
                elif _ROLE_ID.match(target):
                    if known is not None and target not in known:
                        raise CompareDataError(path, w, f"{target} is not in the role vocabulary")
                else:
                    try:
                        iri = vocabulary_term(target)
                    except AttributeError:
                        raise CompareDataError(
                            path, w, f"{target} is not a term of that vocabulary (regkg.rdf.namespaces)"
                        ) from None
                    if iri is None:
                        raise CompareDataError(
                            path, w, f"{target}: prefix must be xj, cn, eu or one of {sorted(VOCABULARIES)}"
                        )
                mappings.append(RoleMapping(rid, relation, target, note.strip()))
        scheme = data.get("scheme") or {}
        return cls(tuple(targets), tuple(mappings), dict(scheme.get("label") or {}), str(path))

    def target(self, xj_id: str) -> CrossRole:
        for t in self.targets:
            if t.id == xj_id:
                return t
        raise KeyError(f"no cross-jurisdiction role {xj_id!r} in {self.path}")

    def for_role(self, role_id: str) -> list[RoleMapping]:
        return [m for m in self.mappings if m.role == role_id]

    @property
    def roles(self) -> list[str]:
        return list(dict.fromkeys(m.role for m in self.mappings))

    def xj_roles(self, role_id: str) -> set[str]:
        """The cross-jurisdiction roles a role maps to, directly or through another role it maps to."""
        out: set[str] = set()
        todo, seen = [role_id], set()
        while todo:
            r = todo.pop()
            if r in seen:
                continue
            seen.add(r)
            for m in self.for_role(r):
                if m.target.startswith("xj:"):
                    out.add(m.target)
                elif _ROLE_ID.match(m.target) and m.relation in ("exactMatch", "closeMatch", "broadMatch"):
                    todo.append(m.target)
        return out


def vocabulary_role_ids() -> list[str] | None:
    """The ids of the role vocabulary, or None when it cannot be loaded."""
    try:
        from ..extract.roles import load_roles
    except ImportError:
        return None
    return [r.id for r in load_roles().roles]


def load_crosswalk(path: Path | None = None, check_roles: bool = True) -> Crosswalk:
    """Read and check ``corpus/crosswalk.yaml`` (role ids checked against the role vocabulary)."""
    path = path or corpus_file("crosswalk.yaml")
    roles = vocabulary_role_ids() if check_roles else None
    return Crosswalk.from_data(load_yaml(path), path, roles)


@cache
def default_crosswalk() -> Crosswalk:
    return load_crosswalk()


def role_labels(role_id: str) -> dict[str, str]:
    """zh/en labels of a vocabulary role (empty if the vocabulary is not available)."""
    try:
        from ..extract.roles import role
    except ImportError:
        return {}
    try:
        return dict(role(role_id).labels)
    except KeyError:
        return {}


def role_instruments(role_id: str) -> tuple[str, ...]:
    try:
        from ..extract.roles import role
    except ImportError:
        return ()
    try:
        return tuple(role(role_id).instruments)
    except KeyError:
        return ()
