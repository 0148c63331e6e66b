"""Compare two readings of the same text (a DOCX and its Markdown copy, an official page and a JSON dump).

:func:`compare_documents` lists, in words, every difference in structure (kinds and numbers of the nodes) and
in text after whitespace normalisation. The parse-health report prints the list; an empty list means the two
copies agree. Headings are compared only where both copies have one (some sources omit chapter headings);
texts only when both documents are in the same language.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Document, Node
from .zh_structure import normalize

_SHORT = {
    "chapter": "ch",
    "section": "sec",
    "article": "art",
    "paragraph": "para",
    "point": "pt",
    "subpoint": "sub",
}


def _name(node: Node) -> str:
    return f"{_SHORT.get(node.kind, node.kind)} {node.num}".strip()


def _text_diff(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    lo = max(0, i - 10)
    return f"at char {i}: {a[lo : i + 15]!r} vs {b[lo : i + 15]!r}"


def _compare_nodes(
    a: Sequence[Node], b: Sequence[Node], where: str, lang: str | None, out: list[str]
) -> None:
    keys_a = [(n.kind, n.num) for n in a]
    keys_b = [(n.kind, n.num) for n in b]
    if keys_a != keys_b:
        only_a = [f"{k} {n}" for k, n in keys_a if (k, n) not in keys_b]
        only_b = [f"{k} {n}" for k, n in keys_b if (k, n) not in keys_a]
        parts = []
        if only_a:
            parts.append(f"only in first: {', '.join(only_a)}")
        if only_b:
            parts.append(f"only in second: {', '.join(only_b)}")
        if not parts:
            parts.append("same children in a different order")
        out.append(f"{where or 'top level'}: {'; '.join(parts)}")
    lookup_b = {(n.kind, n.num): n for n in b}
    for na in a:
        nb = lookup_b.get((na.kind, na.num))
        if nb is None:
            continue
        here = f"{where}/{_name(na)}" if where else _name(na)
        if lang is not None:
            for field in ("heading", "text", "wrap"):
                ta, tb = getattr(na, field).get(lang), getattr(nb, field).get(lang)
                if field == "heading" and (ta is None or tb is None):
                    continue  # a copy without headings is not a difference in the text
                ta, tb = normalize(ta or ""), normalize(tb or "")
                if ta != tb:
                    out.append(f"{here}: {field} differs {_text_diff(ta, tb)}")
        _compare_nodes(na.children, nb.children, here, lang, out)


def compare_documents(a: Document, b: Document) -> list[str]:
    """Human-readable differences between two documents; ``[]`` when they agree.

    Structure (kind and number of every node, in order) is always compared; texts and headings, after
    whitespace normalisation, only when both documents are in the same language.
    """
    out: list[str] = []
    lang = a.lang if a.lang == b.lang else None
    _compare_nodes(a.body, b.body, "", lang, out)
    return out
