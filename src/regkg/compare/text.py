"""Texts of provisions as the comparison needs them, and a small TF-IDF (numpy only).

>>> m = tfidf_matrix(["labels on synthetic content", "labels on generated content", "fines"], analyzer=words)
>>> s = cosine_matrix(m, m)
>>> round(float(s[0, 1]), 2) > round(float(s[0, 2]), 2)
True
>>> char_ngrams("深度合成标识")[:3]
['深度', '度合', '合成']
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from .. import eid as eids
from ..model import STRUCTURE_KINDS, Instrument, Node

# Kinds whose own text is a provision's text (articles only when the aligner attached a whole translation)
TEXT_KINDS = ("article", "paragraph", "point", "subpoint", "recital", "item")


@dataclass(frozen=True)
class Unit:
    """One node with text, with the headings above it (nearest first) for topic rules."""

    node: Node
    article: Node | None  # the article (or annex) the node belongs to
    ancestors: tuple[Node, ...]  # structural containers above the article, nearest first


def own_text(node: Node, lang: str) -> str:
    """The node's text in ``lang`` with its wrap-up text after a newline (the offsets the extraction model uses)."""
    text = node.text.get(lang) or ""
    wrap = node.wrap.get(lang) or ""
    return text + ("\n" + wrap if wrap else "") if text or wrap else ""


def units(inst: Instrument) -> Iterator[Unit]:
    """Every node of ``inst`` that has text of its own, in document order."""

    def visit(n: Node, article: Node | None, ancestors: tuple[Node, ...]) -> Iterator[Unit]:
        if n.kind in ("article", "annex") and article is None:
            article = n
        if n.kind in TEXT_KINDS and (n.text or n.wrap):
            yield Unit(n, article, ancestors)
        below = ancestors
        if n.kind in STRUCTURE_KINDS and article is None:
            below = (n, *ancestors)
        for c in n.children:
            yield from visit(c, article, below)

    for top in inst.body:
        yield from visit(top, None, ())


def article_text(article: Node, lang: str) -> str:
    """All text of an article in one language, parts joined by newlines."""
    parts = [own_text(n, lang) for n in article.walk()]
    return "\n".join(p for p in parts if p)


def path_of(node: Node) -> str:
    """The node's provision path (``art_12__para_1``), what the graph's IRIs and the data files use."""
    return eids.provision_path(node.eid)


def normalise(text: str) -> str:
    """Text with all whitespace removed (Chinese) or collapsed (English), for equality tests."""
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------------------------------------------- TF-IDF

_WORD = re.compile(r"[a-z][a-z0-9-]+")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "other",
        "such",
        "that",
        "the",
        "their",
        "them",
        "these",
        "this",
        "those",
        "to",
        "under",
        "which",
        "with",
        "within",
        "where",
        "who",
        "whose",
        "shall",
        "should",
        "may",
        "must",
        "not",
        "no",
        "than",
        "also",
        "all",
        "where",
        "when",
        "each",
        "been",
        "being",
        "was",
        "were",
        "will",
        "would",
        "can",
        "could",
    ]
)


def words(text: str) -> list[str]:
    """Lower-cased English words without stop words (a crude stem: trailing s dropped)."""
    out = []
    for w in _WORD.findall(text.lower()):
        if w in STOPWORDS:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


def char_ngrams(text: str, n: int = 2) -> list[str]:
    """Character n-grams of the Chinese characters in ``text`` (punctuation and spaces dropped)."""
    chars = re.sub(r"[^\u4e00-\u9fff0-9A-Za-z]", "", text)
    return [chars[i : i + n] for i in range(len(chars) - n + 1)]


def tfidf_matrix(
    docs: Sequence[str],
    analyzer: Callable[[str], list[str]] = words,
    vocabulary: dict[str, int] | None = None,
) -> np.ndarray:
    """Row-normalised TF-IDF vectors (sublinear tf, smoothed idf) of ``docs``."""
    tokens = [analyzer(d) for d in docs]
    if vocabulary is None:
        vocabulary = {}
        for ts in tokens:
            for t in ts:
                vocabulary.setdefault(t, len(vocabulary))
    m = np.zeros((len(docs), max(len(vocabulary), 1)), dtype=np.float64)
    df = np.zeros(m.shape[1])
    for i, ts in enumerate(tokens):
        for t, c in Counter(ts).items():
            j = vocabulary.get(t)
            if j is not None:
                m[i, j] = 1.0 + math.log(c)
    df = (m > 0).sum(axis=0)
    idf = np.log((1 + len(docs)) / (1 + df)) + 1.0
    m *= idf
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms


def cosine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarities of the (already normalised) rows of ``a`` and ``b``."""
    return a @ b.T
