"""Align a translation with the authoritative text: by article, then by paragraph and point.

The authoritative document's tree is kept; the translation's texts are attached to the nodes with the same
provision path (``art_13__para_1__point_2``), and its chapter/section headings to the containers with the same
structural eId (``chp_3__sec_1``). Whatever does not line up is reported, never dropped silently: when an
article's structure differs, the translation of the whole article is attached to the article node so a reader
still sees it, and the mismatch is listed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from . import eid as eids
from .model import STRUCTURE_KINDS, Document, Node, Texts

CONTENT_KINDS = ("paragraph", "point", "subpoint")


@dataclass
class Alignment:
    body: tuple[Node, ...]
    problems: list[str] = field(default_factory=list)
    aligned_articles: int = 0


def _index(nodes: tuple[Node, ...]) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for top in nodes:
        for n in top.walk():
            if n.kind in STRUCTURE_KINDS or n.kind == "preamble":
                out["S:" + n.eid] = n
            else:
                out[eids.provision_path(n.eid)] = n
    return out


def _shape(article: Node) -> list[str]:
    return sorted(eids.provision_path(n.eid) for n in article.walk() if n.kind in CONTENT_KINDS)


def flatten_text(node: Node, lang: str) -> str:
    """All text of a node and its descendants in one language, in document order."""
    parts = []
    for n in node.walk():
        for t in (n.text.get(lang), n.wrap.get(lang)):
            if t:
                parts.append(t)
    return "\n".join(parts)


def align(primary: Document, translation: Document | None) -> Alignment:
    """Merge ``translation`` into ``primary`` (both with eIds assigned)."""
    if translation is None:
        return Alignment(primary.body)
    lang = translation.lang
    tr = _index(translation.body)
    tr_articles = {eids.provision_path(n.eid): n for n in translation.walk() if n.kind == "article"}
    pr_articles = {eids.provision_path(n.eid): n for n in primary.walk() if n.kind == "article"}
    result = Alignment(())
    mismatched: set[str] = set()
    for path, art in pr_articles.items():
        other = tr_articles.get(path)
        if other is None:
            result.problems.append(f"{path}: no {lang} text")
            mismatched.add(path)
            continue
        a, b = _shape(art), _shape(other)
        if a != b:
            counts = defaultdict(lambda: [0, 0])
            for p in a:
                counts[p.rsplit("__", 1)[-1].split("_")[0]][0] += 1
            for p in b:
                counts[p.rsplit("__", 1)[-1].split("_")[0]][1] += 1
            detail = ", ".join(f"{k}s {v[0]} vs {v[1]}" for k, v in sorted(counts.items()) if v[0] != v[1])
            result.problems.append(
                f"{path}: structure differs from {lang} ({detail or 'different numbering'}); "
                f"{lang} text attached to the whole article"
            )
            mismatched.add(path)
        else:
            result.aligned_articles += 1
    for path in tr_articles:
        if path not in pr_articles:
            result.problems.append(f"{path}: {lang} text has an article the authoritative text lacks")

    def merge(n: Node, article_path: str | None) -> Node:
        path = eids.provision_path(n.eid)
        if n.kind == "article":
            article_path = path
        key = "S:" + n.eid if (n.kind in STRUCTURE_KINDS or n.kind == "preamble") else path
        other = tr.get(key)
        heading, text, wrap = n.heading, n.text, n.wrap
        if other is not None and (article_path is None or article_path not in mismatched):
            heading, text, wrap = (
                heading.merged(other.heading),
                text.merged(other.text),
                wrap.merged(other.wrap),
            )
        elif n.kind == "article" and path in mismatched and path in tr_articles:
            other = tr_articles[path]
            heading = heading.merged(other.heading)
            text = text.merged(Texts.of(lang, flatten_text(other, lang)))
        children = tuple(merge(c, article_path) for c in n.children)
        return replace(n, heading=heading, text=text, wrap=wrap, children=children)

    result.body = tuple(merge(n, None) for n in primary.body)
    return result


def merge_headings(body: tuple[Node, ...], headings: tuple[Node, ...]) -> tuple[Node, ...]:
    """Fill missing headings of chapters and sections from ``headings`` (structural nodes with eIds)."""
    index = {n.eid: n for top in headings for n in top.walk() if n.kind in STRUCTURE_KINDS}

    def fill(n: Node) -> Node:
        other = index.get(n.eid) if n.kind in STRUCTURE_KINDS else None
        heading = n.heading.merged(other.heading) if other is not None else n.heading
        return replace(n, heading=heading, children=tuple(fill(c) for c in n.children))

    return tuple(fill(n) for n in body)
