"""The texts the extractors read: one :class:`Provision` per node and language, grouped by article.

A provision's text is the node's own text, then (after a newline) its wrap-up text, as documented in
:mod:`regkg.extract.model`; offsets of evidence are offsets into this text. Each provision is run once through
the cached spaCy pipeline of its language (:func:`regkg.extract.pipeline.make_doc`) and the doc is shared by
every extractor.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .. import eid as eids
from ..model import Instrument, Node
from .pipeline import make_doc

PROVISION_KINDS = ("paragraph", "point", "subpoint")


@dataclass
class Provision:
    node: Node
    lang: str
    text: str
    doc: Doc
    parent: Provision | None = None  # the chapeau: the paragraph of a point, the point of a subpoint
    wrap_start: int | None = None  # offset where the wrap-up text starts
    children_texts: list[str] = field(default_factory=list)  # texts of the points under this chapeau

    @property
    def eid(self) -> str:
        return self.node.eid

    @property
    def kind(self) -> str:
        return self.node.kind

    @property
    def is_chapeau(self) -> bool:
        return bool(self.children_texts)


@dataclass
class Unit:
    """An article (or another top-level container: an annex, an amendment item) and its provisions."""

    node: Node
    provisions: list[Provision]


def provision_text(node: Node, lang: str) -> tuple[str, int | None]:
    text = node.text.get(lang) or ""
    wrap = node.wrap.get(lang)
    if wrap:
        return f"{text}\n{wrap}", len(text) + 1
    return text, None


def _units(inst: Instrument) -> Iterator[Node]:
    """Articles, annexes and items: the containers whose parts are provisions (recitals and preambles are not)."""

    def visit(n: Node) -> Iterator[Node]:
        if n.kind in ("article", "annex", "item"):
            yield n
            return
        if n.kind in ("preamble", "recital"):
            return
        for c in n.children:
            yield from visit(c)

    for top in inst.body:
        yield from visit(top)


def units(inst: Instrument, lang: str, jurisdiction: str) -> list[Unit]:
    """Every article (annex, item) of ``inst`` with its provisions in ``lang``, parsed by the pipeline."""

    def visit(n: Node, parent: Provision | None, provs: list[Provision]) -> None:
        text, wrap_start = provision_text(n, lang)
        prov = None
        if text.strip():
            prov = Provision(n, lang, text, make_doc(text, lang, inst.id, jurisdiction), parent, wrap_start)
            prov.children_texts = [c.text.get(lang) or "" for c in n.children if c.text.get(lang)]
            provs.append(prov)
        for c in n.children:
            visit(c, prov if prov is not None else parent, provs)

    out: list[Unit] = []
    for unit in _units(inst):
        provs: list[Provision] = []
        visit(unit, None, provs)
        if provs:
            out.append(Unit(unit, provs))
    return out


def path_index(inst: Instrument) -> dict[str, str]:
    """Provision path -> eId of every node of ``inst`` (what citations resolve against)."""
    return {eids.provision_path(n.eid): n.eid for n in inst.walk() if n.eid}
