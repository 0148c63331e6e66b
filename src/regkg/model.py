"""The document model every reader produces and every later stage consumes.

A reader turns one source file into a :class:`Document`: a tree of :class:`Node` in one language. The
aligner (:mod:`regkg.align`) merges the documents of one instrument into a bilingual :class:`Instrument`.
Nodes carry no identifiers when a reader makes them; :mod:`regkg.eid` assigns the eIds afterwards.

Kinds (``Node.kind``), outermost first::

    preamble > recital
    part > title > chapter > section > subsection > article > paragraph > point > subpoint
    annex > (section | paragraph | point ...)
    item                      (numbered items of an amendment decision)

Numbers (``Node.num``) are canonical: Arabic digits for Chinese ordinals (第十三条 -> "13", （二） -> "2"),
Roman numerals for titles/chapters/annexes of EU acts ("III"), letters for EU points ("a").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

LANGS = ("zh", "en")

STRUCTURE_KINDS = ("part", "title", "chapter", "section", "subsection")
KINDS = (
    "preamble",
    "recital",
    *STRUCTURE_KINDS,
    "article",
    "paragraph",
    "point",
    "subpoint",
    "annex",
    "item",
)


@dataclass(frozen=True)
class Texts:
    """A text in up to two languages; ``None`` where a language has no text."""

    zh: str | None = None
    en: str | None = None

    @classmethod
    def of(cls, lang: str, text: str | None) -> Texts:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
        return cls(**{lang: text})

    def get(self, lang: str) -> str | None:
        return getattr(self, lang)

    def merged(self, other: Texts) -> Texts:
        """Texts of ``self``, with ``other`` filling the languages ``self`` lacks."""
        return Texts(
            zh=self.zh if self.zh is not None else other.zh, en=self.en if self.en is not None else other.en
        )

    def __bool__(self) -> bool:
        return bool(self.zh or self.en)


@dataclass(frozen=True)
class Node:
    """One provision or structural division.

    ``text`` is the node's own text: the whole text of a paragraph without points, or the chapeau of one
    with points. ``wrap`` is text that follows the children (EU "wrap-up" after a list of points).
    ``inferred`` marks structure recovered from running text rather than read from the source's layout.
    """

    kind: str
    num: str
    heading: Texts = field(default_factory=Texts)
    text: Texts = field(default_factory=Texts)
    children: tuple[Node, ...] = ()
    wrap: Texts = field(default_factory=Texts)
    eid: str = ""
    inferred: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown node kind {self.kind!r}")

    def walk(self) -> Iterator[Node]:
        """This node and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def with_children(self, children: tuple[Node, ...]) -> Node:
        return replace(self, children=children)


@dataclass(frozen=True)
class Document:
    """What one reader makes of one source file: a tree in a single language."""

    lang: str
    body: tuple[Node, ...]
    path: str = ""
    title: str | None = None
    notes: tuple[str, ...] = ()  # what the reader inferred or skipped, for the parse-health report

    def walk(self) -> Iterator[Node]:
        for node in self.body:
            yield from node.walk()

    def articles(self) -> list[Node]:
        return [n for n in self.walk() if n.kind == "article"]


@dataclass(frozen=True)
class Expression:
    """One language version of an instrument, and whether it is authoritative."""

    lang: str
    authoritative: bool
    translator: str  # publisher of the text, or the translator
    status: str  # "official", "official reference translation", "unofficial translation", ...
    files: tuple[str, ...]  # source file keys (instrument-relative) this expression was read from
    sha256: tuple[str, ...] = ()
    reader: str = ""
    license: str = ""
    date: str | None = None


@dataclass(frozen=True)
class Instrument:
    """An instrument with its bilingual provision tree."""

    id: str
    title: Texts
    jurisdiction: str  # "CN" or "EU"
    kind: str
    body: tuple[Node, ...]
    expressions: tuple[Expression, ...] = ()
    meta: dict = field(default_factory=dict, compare=False, hash=False)
    notes: tuple[str, ...] = ()

    def walk(self) -> Iterator[Node]:
        for node in self.body:
            yield from node.walk()

    def articles(self) -> list[Node]:
        return [n for n in self.walk() if n.kind == "article"]

    def article(self, num: str) -> Node:
        for n in self.walk():
            if n.kind == "article" and n.num == num:
                return n
        raise KeyError(f"{self.id} has no article {num}")

    def find(self, eid: str) -> Node:
        for n in self.walk():
            if n.eid == eid:
                return n
        raise KeyError(f"{self.id} has no node {eid}")

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(e.lang for e in self.expressions)

    @property
    def authoritative_lang(self) -> str:
        for e in self.expressions:
            if e.authoritative:
                return e.lang
        return self.expressions[0].lang if self.expressions else "zh"
