"""The parse-health report: counts of every level per instrument and language, and the checks that must pass.

Problems (numbering gaps, duplicates, empty nodes, zh/en misalignment, differences between two copies of the same
text) must be zero on the shipped corpus; inferred structure is listed as information.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .model import KINDS, Document, Instrument, Node
from .numerals import int_to_roman, roman_to_int
from .parse import ParseResult

COUNTED = (
    "part",
    "title",
    "chapter",
    "section",
    "article",
    "paragraph",
    "point",
    "subpoint",
    "recital",
    "annex",
    "item",
)


@dataclass
class Health:
    instrument: str
    counts: dict[str, dict[str, int]]  # lang -> kind -> count
    problems: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"counts": self.counts, "problems": self.problems, "inferred": self.inferred}


def count_nodes(nodes, lang: str | None = None) -> dict[str, int]:
    """Nodes per kind; with ``lang``, only nodes that have text (or a heading) in that language."""
    c: Counter[str] = Counter()
    for top in nodes:
        for n in top.walk():
            if lang is None or n.text.get(lang) or n.heading.get(lang) or n.kind == "article":
                c[n.kind] += 1
    return {k: c[k] for k in KINDS if k in COUNTED and c[k]}


def _next(num: str) -> set[str]:
    """Numbers that may follow ``num`` among siblings: 3 -> 4, b -> c, B -> C, iv -> v, 3.1 -> 3.2."""
    if num.isdigit():
        return {str(int(num) + 1)}
    out = set()
    if "." in num:
        head, _, tail = num.rpartition(".")
        if tail.isdigit():
            out.add(f"{head}.{int(tail) + 1}")
    if len(num) == 1 and num.isalpha() and num not in "zZ":
        out.add(chr(ord(num) + 1))
    if num == "z":
        out.add("aa")
    try:
        r = roman_to_int(num)
        out.add(int_to_roman(r + 1) if num.isupper() else int_to_roman(r + 1).lower())
    except ValueError:
        pass
    return out


def _first_ok(num: str, parent_num: str) -> bool:
    return num in {"1", "a", "i", "I", "A"} or num == f"{parent_num}.1"


def check_numbering(
    nodes: tuple[Node, ...],
    where: str = "",
    parent_num: str = "",
    continue_from: dict[str, str] | None = None,
) -> list[str]:
    """Gaps and duplicates among siblings of the same kind (articles are checked through the whole instrument).

    A list may go on where the same kind of list in the previous sibling container stopped (Annex I of the AI
    Act numbers its section B from 13): ``continue_from`` holds those last numbers.
    """
    problems = []
    by_kind: dict[str, list[Node]] = {}
    for n in nodes:
        if n.kind not in ("article", "preamble"):
            by_kind.setdefault(n.kind, []).append(n)
    for kind, sibs in by_kind.items():
        nums = [s.num for s in sibs]
        for dup in sorted({x for x in nums if nums.count(x) > 1}):
            problems.append(f"{where or 'top'}: duplicate {kind} {dup}")
        prev = (continue_from or {}).get(kind)
        if not _first_ok(nums[0], parent_num) and kind != "item" and not (prev and nums[0] in _next(prev)):
            problems.append(f"{where or 'top'}: first {kind} is {nums[0]}")
        for a, b in zip(nums, nums[1:], strict=False):
            if b not in _next(a):
                problems.append(f"{where or 'top'}: {kind} {b} follows {a}")
    last: dict[str, str] = {}
    for n in nodes:
        problems.extend(check_numbering(n.children, n.eid, n.num, dict(last)))
        for c in n.children:
            last[c.kind] = c.num
    return problems


def check_articles(inst_nodes) -> list[str]:
    arts = [n.num for top in inst_nodes for n in top.walk() if n.kind == "article"]
    problems = [f"duplicate article {a}" for a in sorted({x for x in arts if arts.count(x) > 1})]
    for a, b in zip(arts, arts[1:], strict=False):
        if b not in _next(a):
            problems.append(f"article {b} follows article {a}")
    return problems


def check_empty(nodes, lang: str) -> list[str]:
    problems = []
    for top in nodes:
        for n in top.walk():
            headed_group = n.heading.get(lang) and n.children  # "3. Quality management" over its items
            if n.kind in ("paragraph", "point", "subpoint", "recital", "item") and not (
                n.text.get(lang) or headed_group
            ):
                problems.append(f"{n.eid}: empty {n.kind} ({lang})")
            if n.kind in ("article", "annex") and not n.children:
                problems.append(f"{n.eid}: {n.kind} without content")
    return problems


def health(result: ParseResult) -> Health:
    inst: Instrument = result.instrument
    lang = inst.authoritative_lang
    counts = {}
    for dlang, doc in result.documents.items():
        counts[dlang] = count_nodes(doc.body)
    h = Health(inst.id, counts)
    primary: Document = result.documents[lang]
    h.problems += check_articles(primary.body)
    h.problems += check_numbering(primary.body)
    h.problems += check_empty(inst.body, lang)
    for dlang, doc in result.documents.items():
        if dlang != lang:
            h.problems += [f"{dlang}: {p}" for p in check_articles(doc.body)]
    h.problems += result.alignment_problems
    for name, diffs in result.crosscheck.items():
        h.problems += [f"cross-check {name}: {d}" for d in diffs]
    for dlang, notes in result.notes.items():
        h.inferred += [f"{dlang}: {n}" for n in notes]
    return h
