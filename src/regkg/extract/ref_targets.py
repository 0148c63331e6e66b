"""From a reference's steps to a node: the tree of eIds of an instrument, and how a citation walks it.

:class:`TreeIndex` is built from eIds alone, so it works the same on the parsed model and on the built store.
:func:`resolve_spec` turns a :class:`~regkg.extract.ref_grammar.RefSpec` found in a provision into a target, relative
to where the provision is (前款 is the paragraph before the citing one; "paragraph 2" alone is in the citing
article), choosing the version of a cited work as of the citing instrument's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import eid as eids
from ..labels import citation_label
from .ref_aliases import Aliases, External, Hit
from .ref_grammar import SELF, RefSpec, Step, Unknown

_KIND_WORD = {
    "article": "article",
    "paragraph": "paragraph",
    "point": "point",
    "subpoint": "sub-point",
    "annex": "annex",
    "recital": "recital",
    "title": "title",
    "chapter": "chapter",
    "section": "section",
    "des": "subdivision",
    "des_para": "paragraph",
}
RANK_PARAGRAPH = 5


class TargetError(LookupError):
    """A reference names a node the instrument does not have; the message says which part failed."""


@dataclass
class _Rec:
    eid: str
    kind: str
    num: str
    parent: str | None
    children: list[str] = field(default_factory=list)


def _same_num(a: str, b: str) -> bool:
    return a == b or a.lower() == b.lower()


class TreeIndex:
    """The node tree of one instrument, from its eIds (document order)."""

    def __init__(self, instrument: str, eid_list: Iterable[str], jurisdiction: str = "CN") -> None:
        self.instrument = instrument
        self.jurisdiction = jurisdiction
        self.nodes: dict[str, _Rec] = {}
        self.roots: list[str] = []
        self.by_anchor: dict[tuple[str, str], str] = {}  # (article|annex|recital, num) -> eid
        for e in eid_list:
            if not e or e in self.nodes:
                continue
            parts = e.split("__")
            last = parts[-1]
            if last == "preamble":
                kind, num = "preamble", ""
            else:
                kind, num = eids.parse(last)[0]
            parent = "__".join(parts[:-1]) or None
            self.nodes[e] = _Rec(e, kind, num, parent)
            if parent and parent in self.nodes:
                self.nodes[parent].children.append(e)
            else:
                self.roots.append(e)
            if kind in ("article", "annex", "recital"):
                self.by_anchor.setdefault((kind, num.upper() if kind == "annex" else num), e)

    def __contains__(self, eid: str) -> bool:
        return eid in self.nodes

    def label(self, eid: str) -> str:
        """How an error message names a node: "article 13 of pipl-2021"."""
        parts = eids.parse(eids.provision_path(eid)) if self.nodes[eid].kind != "preamble" else []
        words = [f"{_KIND_WORD.get(k, k)} {n}" for k, n in reversed(parts)]
        return " of ".join(words) + f" of {self.instrument}" if words else self.instrument

    def implicit_paragraph(self, eid: str) -> bool:
        rec = self.nodes.get(eid)
        if rec is None or rec.kind != "paragraph" or rec.parent is None:
            return False
        return sum(self.nodes[c].kind == "paragraph" for c in self.nodes[rec.parent].children) == 1

    def citation(self, eid: str, lang: str) -> str:
        """The citation label of a node ("Article 5(1)(d)", "第十三条第一款")."""
        implicit = False
        rec = self.nodes[eid]
        while rec is not None:
            if rec.kind == "paragraph":
                implicit = self.implicit_paragraph(rec.eid)
                break
            rec = self.nodes.get(rec.parent) if rec.parent else None
        return citation_label(self.jurisdiction, eid, lang, implicit)

    def ancestor(self, eid: str, kind: str) -> str | None:
        """The nearest node of ``kind`` at or above ``eid``."""
        cur: str | None = eid
        while cur is not None:
            rec = self.nodes.get(cur)
            if rec is None:
                return None
            if rec.kind == kind:
                return cur
            cur = rec.parent
        return None

    def anchor(self, kind: str, num: str) -> str:
        key = (kind, num.upper() if kind == "annex" else num)
        if key not in self.by_anchor:
            raise TargetError(f"{self.instrument} has no {_KIND_WORD[kind]} {num}")
        return self.by_anchor[key]

    def structure(self, kind: str, num: str, within: str | None, near: str | None) -> str:
        """A title/chapter/section: a child of ``within`` if given, else the one nearest to ``near``."""
        if within is not None:
            for c in self._descendants(within, depth=2):
                rec = self.nodes[c]
                if rec.kind == kind and _same_num(rec.num, num):
                    return c
            raise TargetError(f"{self.label(within)} has no {_KIND_WORD[kind]} {num}")
        found = [e for e, r in self.nodes.items() if r.kind == kind and _same_num(r.num, num)]
        if not found:
            raise TargetError(f"{self.instrument} has no {_KIND_WORD[kind]} {num}")
        if len(found) > 1:
            # chapters numbered within each title: "Chapter 2" means the one in the citing title
            found.sort(key=lambda e: -_common_prefix(e, near or ""))
            shared = [_common_prefix(e, near or "") for e in found[:2]]
            if shared[0] == 0 or shared[0] == shared[1]:
                raise TargetError(f"{_KIND_WORD[kind]} {num} is ambiguous in {self.instrument}")
        return found[0]

    def _descendants(self, eid: str, depth: int) -> list[str]:
        out, frontier = [], [eid]
        for _ in range(depth):
            frontier = [c for f in frontier for c in self.nodes[f].children]
            out += frontier
        return out

    def child(self, base: str, kind: str, num: str) -> str:
        """The subdivision ``num`` of ``base``. An article's single unnumbered paragraph is looked through
        (Article 3(44) is point 44 of it); a designator in parentheses names whatever kind of child has that number
        (Article 5(1) a paragraph, (1)(d) a point); an annex's "point 3" may be a paragraph or a section."""
        kids = [self.nodes[c] for c in self.nodes[base].children]
        same = [c for c in kids if _same_num(c.num, num)]
        exact = [c for c in same if c.kind == kind]
        if len(exact) == 1:
            return exact[0].eid
        in_annex = self.ancestor(base, "annex") is not None
        loose_ok = kind in ("des", "des_para") or (kind == "point" and in_annex)
        loose = [c for c in same if c.kind != "section" or in_annex]
        if loose_ok and len(loose) == 1:
            return loose[0].eid
        paras = [c for c in kids if c.kind == "paragraph"]
        if kind != "paragraph" and len(paras) == 1 and not (loose_ok and loose):
            try:
                return self.child(paras[0].eid, kind, num)
            except TargetError:
                pass
        if kind in ("point", "des", "subpoint"):
            wanted = ("point", "subpoint", "paragraph") if in_annex else ("point", "subpoint")
            grand = [g for g in self._descendants(base, 2) if _same_num(self.nodes[g].num, num)]
            grand = [g for g in grand if self.nodes[g].kind in wanted]
            if len(grand) == 1:
                return grand[0]
        raise TargetError(f"{self.label(base)} has no {_KIND_WORD.get(kind, kind)} {num}")


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.split("__"), b.split("__"), strict=False):
        if x != y:
            break
        n += 1
    return n


@dataclass
class Where:
    """Where the citing text is: the node, and (for amendment decisions) the article and paragraph it speaks in."""

    instrument: str
    eid: str
    date: dt.date
    self_instrument: str | None = None  # what 本法 / "this Law" means (default: the citing instrument)
    default_instrument: str | None = None  # which instrument an unqualified 第十条 cites (default: self)
    article_eid: str | None = None  # overrides of the current article and paragraph
    paragraph_eid: str | None = None
    text_before: str = ""  # the citing text before the reference (for 前款 in a paragraph the source merged)
    default_external: External | None = None  # text inserted into another act: its references are to that act


@dataclass
class Target:
    """What a reference resolved to."""

    kind: str  # "internal" or "external"
    instrument: str | None  # corpus id
    eid: str | None  # node within it (None: the whole instrument)
    external: External | None = None
    resolved: bool = True
    reason: str = ""  # why it did not resolve, or how (e.g. the version choice)


def _instrument_of(spec: RefSpec, where: Where, aliases: Aliases) -> tuple[str | None, External | None, str]:
    inst = spec.instrument
    if where.default_external is not None and (inst is None or inst == SELF):
        return None, where.default_external, ""
    if inst is None:
        return where.default_instrument or where.instrument, None, ""
    if inst == SELF:
        return where.self_instrument or where.instrument, None, ""
    if isinstance(inst, Unknown):
        return None, None, f"no antecedent for {inst.text!r}"
    if isinstance(inst, Hit):
        if inst.external is not None:
            return None, inst.external, ""
        choice = aliases.choose(inst, where.date)
        assert choice is not None
        return choice.instrument, None, choice.reason
    return None, None, f"unknown instrument step {inst!r}"


def resolve_spec(spec: RefSpec, where: Where, indexes: dict[str, TreeIndex], aliases: Aliases) -> Target:
    """Resolve one reference found in ``where``; never raises (an unresolved reference says why)."""
    target_id, external, reason = _instrument_of(spec, where, aliases)
    if external is not None:
        # an EU act cited by its number is identified even when aliases.yaml does not list it; a Chinese title
        # it does not list is not (the stub keeps the title, and the record says why)
        ok = external.known or external.by_number
        reason = "" if ok else "title not listed in corpus/aliases.yaml"
        return Target("external", None, None, external, resolved=ok, reason=reason)
    if target_id is None:
        return Target("external", None, None, None, resolved=False, reason=reason)
    kind = "internal" if target_id == where.instrument else "external"
    steps = spec.location
    if not steps:
        return Target(kind, target_id, None, resolved=True, reason=reason)
    index = indexes.get(target_id)
    if index is None:
        return Target(kind, target_id, None, resolved=False, reason=f"{target_id} is not parsed")
    try:
        here = {where.self_instrument or where.instrument, where.default_instrument or where.instrument}
        eid = walk(steps, index, where if target_id in here else None)
    except TargetError as exc:
        return Target(kind, target_id, None, resolved=False, reason=str(exc))
    return Target(kind, target_id, eid, resolved=True, reason=reason)


def _current(where: Where, index: TreeIndex, kind: str) -> str:
    if kind == "article" and where.article_eid:
        return where.article_eid
    if kind == "paragraph" and where.paragraph_eid:
        return where.paragraph_eid
    found = index.ancestor(where.eid, kind) if where.eid in index else None
    if found is None:
        raise TargetError(f"the citing text is not inside a {kind}")
    return found


def walk(steps: list[Step], index: TreeIndex, where: Where | None) -> str:
    """Follow ``steps`` (coarse to fine) down ``index``; ``where`` (the citing place, when the reference is to
    the citing instrument) fills what the citation leaves implicit."""
    base: str | None = None
    for st in steps:
        if st.level == "rel":
            if where is None:
                raise TargetError("a relative reference (前款, this Article) into another instrument")
            base = _relative(st.value, where, index)  # type: ignore[arg-type]
        elif st.level in ("title", "chapter", "section"):
            near = where.eid if where is not None else None
            base = index.structure(st.level, str(st.value), base, near)
        elif st.level in ("article", "annex", "recital"):
            base = index.anchor(st.level, str(st.value))
        elif st.level == "subparagraph":
            if base is None and where is not None:
                base = _current(where, index, "paragraph")
        elif st.level in ("paragraph", "point", "subpoint", "des"):
            if base is None:
                if where is None:
                    raise TargetError(f"{_KIND_WORD.get(st.level, st.level)} {st.value} of which article?")
                if st.level == "paragraph":
                    base = _current(where, index, "article")
                else:
                    base = _implicit_container(where, index, str(st.value))
            # the first designator in parentheses after an article is its paragraph, or a point of its single
            # paragraph (Article 3(44)); it is never a point of one of several paragraphs
            kind = "des_para" if st.level == "des" and st.rank <= RANK_PARAGRAPH else st.level
            base = _child_dotted(index, base, kind, str(st.value).rstrip("."))
    if base is None:
        raise TargetError("nothing to resolve")
    return base


def _child_dotted(index: TreeIndex, base: str, kind: str, num: str) -> str:
    """A child, where an annex's "point 3.2" may be numbered "3.2" itself or be point 2 of point 3."""
    try:
        return index.child(base, kind, num)
    except TargetError:
        if "." not in num:
            raise
    for part in num.split("."):
        base = index.child(base, "des", part)
    return base


def _implicit_container(where: Where, index: TreeIndex, num: str) -> str:
    """The node a bare point (第二项, "point (b)", an annex's "point 3") belongs to: the citing paragraph, else
    the citing article, else the citing annex."""
    try:
        para = _current(where, index, "paragraph")
        if any(_same_num(index.nodes[c].num, num) for c in index.nodes[para].children):
            return para
    except TargetError:
        pass
    if where.article_eid or (where.eid in index and index.ancestor(where.eid, "article")):
        return _current(where, index, "article")
    annex = index.ancestor(where.eid, "annex") if where.eid in index else None
    if annex is None:
        raise TargetError(f"point {num} of which article?")
    section = index.ancestor(where.eid, "section")
    if section is not None and section.startswith(annex):
        try:  # a sibling point of the same annex section
            index.child(section, "point", num)
            return section
        except TargetError:
            pass
    return annex


def _relative(value: tuple[str, int], where: Where, index: TreeIndex) -> str:
    name, count = value
    if name in ("this_article", "that_article"):
        return _current(where, index, "article")
    if name in ("this_para", "that_para"):
        return _current(where, index, "paragraph")
    if name in ("this_point", "that_point"):
        found = index.ancestor(where.eid, "point")
        if found is None:
            raise TargetError("the citing text is not inside a point")
        return found
    if name == "this_chapter":
        return _structural_ancestor(where, index, "chapter")
    if name == "this_title":
        return _structural_ancestor(where, index, "title")
    if name == "this_section":
        return _structural_ancestor(where, index, "section")
    if name == "this_annex":
        return _structural_ancestor(where, index, "annex")
    if name == "prev_article":
        art = index.nodes[_current(where, index, "article")]
        if not art.num.isdigit() or int(art.num) <= count:
            raise TargetError(f"no article before article {art.num}")
        return index.anchor("article", str(int(art.num) - count))
    if name == "prev_para":
        para = index.nodes[_current(where, index, "paragraph")]
        n = int(para.num) - count if para.num.isdigit() else 0
        if n >= 1:
            return index.child(para.parent, "paragraph", str(n))  # type: ignore[arg-type]
        if re.search(r"[。；]|[.;]\s", where.text_before):
            # the source merged the paragraphs of this article (deep-synthesis JSON): the "preceding paragraph"
            # is earlier text of this same paragraph, so the smallest node containing it is this paragraph
            return para.eid
        raise TargetError(f"no paragraph before paragraph {para.num} of article {_article_num(index, para)}")
    if name == "prev_point":
        pt = index.ancestor(where.eid, "point")
        if pt is None or not index.nodes[pt].num.isdigit():
            raise TargetError("the citing text is not inside a numbered point")
        rec = index.nodes[pt]
        return index.child(rec.parent, "point", str(int(rec.num) - count))  # type: ignore[arg-type]
    raise TargetError(f"unknown relative reference {name}")


def _article_num(index: TreeIndex, rec: _Rec) -> str:
    art = index.ancestor(rec.eid, "article")
    return index.nodes[art].num if art else "?"


def _structural_ancestor(where: Where, index: TreeIndex, kind: str) -> str:
    found = index.ancestor(where.eid, kind)
    if found is None:
        raise TargetError(f"the citing text is not inside a {kind}")
    return found


__all__ = ["Target", "TargetError", "TreeIndex", "Where", "resolve_spec", "walk"]
