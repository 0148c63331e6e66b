"""Tiny invented instruments for the extractor unit tests (no law text: every sentence here is made up).

``article(*paragraphs)`` where a paragraph is a string, or ``(chapeau, [point, ...])``; ``instrument(id, ...)``
builds a one-language :class:`~regkg.parse.ParseResult`. The corpus ids are real only because they scope the
short role forms (提供者 means the genai provider in genai-measures-2023).
"""

from __future__ import annotations

import pytest

from regkg import eid
from regkg.model import Expression, Instrument, Node, Texts
from regkg.parse import ParseResult


def _para(num: int, spec, lang: str) -> Node:
    if isinstance(spec, str):
        return Node("paragraph", str(num), text=Texts.of(lang, spec))
    chapeau, points = spec[0], spec[1]
    wrap = spec[2] if len(spec) > 2 else None
    kids = tuple(
        Node("point", str(k) if lang == "zh" else "abcdefghij"[k - 1], text=Texts.of(lang, p))
        for k, p in enumerate(points, 1)
    )
    return Node("paragraph", str(num), text=Texts.of(lang, chapeau), children=kids, wrap=Texts.of(lang, wrap))


def article(*paragraphs, lang: str = "zh") -> list:
    return [lang, list(paragraphs)]


def instrument(iid: str, *articles, jurisdiction: str = "CN") -> ParseResult:
    lang = articles[0][0]
    body = tuple(
        Node("article", str(i), children=tuple(_para(j, p, a[0]) for j, p in enumerate(a[1], 1)))
        for i, a in enumerate(articles, 1)
    )
    inst = Instrument(
        id=iid,
        title=Texts.of(lang, "测试" if lang == "zh" else "Test"),
        jurisdiction=jurisdiction,
        kind="law",
        body=eid.assign(body),
        expressions=(Expression(lang, True, "test", "official", ()),),
    )
    return ParseResult(inst, {})


def facts(iid: str, *articles, jurisdiction: str = "CN"):
    from regkg.extract.facts import instrument_facts

    return instrument_facts(instrument(iid, *articles, jurisdiction=jurisdiction))


@pytest.fixture(scope="session")
def corpus_facts(parsed):
    """The extracted facts (actors, duties, definitions, penalties) of every parsed instrument of the corpus."""
    from regkg.extract.facts import extract_facts

    return extract_facts(parsed)
