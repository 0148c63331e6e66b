"""The EUR-Lex Official Journal HTML reader (eurlex_html)."""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regkg.errors import SourceError
from regkg.model import Document
from regkg.readers import eurlex_html, read_files


def texts(node) -> list[str]:
    """Every text, wrap and heading in ``node``'s subtree."""
    out = []
    for n in node.walk():
        out += [t for t in (n.text.en, n.wrap.en, n.heading.en) if t]
    return out


@pytest.fixture
def page(fixtures: Path) -> Path:
    return fixtures / "en" / "eurlex.html"


@pytest.fixture
def doc(page) -> Document:
    return eurlex_html.read([page], lang="en")


def test_fixture_divisions(doc):
    assert doc.title == "REGULATION (XX) 2001/1 OF THE WIDGET COUNCIL on widget services"
    assert [(n.kind, n.num) for n in doc.body] == [
        ("preamble", ""),
        ("chapter", "I"),
        ("chapter", "II"),
        ("annex", "I"),
        ("annex", "II"),
    ]
    assert doc.body[1].heading.en == "GENERAL PROVISIONS"
    section = doc.body[2].children[0]
    assert (section.kind, section.num, section.heading.en) == ("section", "1", "Definitions and labels")
    assert [a.num for a in section.children] == ["2", "3"]
    assert doc.notes == ("annex II: '—' items numbered 1, 2, ... by position",)


def test_fixture_recitals_without_footnotes(doc):
    recitals = doc.body[0].children
    assert [(r.kind, r.num) for r in recitals] == [("recital", "1"), ("recital", "2")]
    assert recitals[0].text.en == "Widgets should be tidy throughout the Union, as agreed."
    assert recitals[1].text.en == "Large widgets need more care.\nSmall widgets need less."
    assert not any("footnote" in t for t in texts(doc.body[0]) + texts(doc.body[2]))


def test_fixture_article_paragraphs_points_and_wrap(doc):
    art1 = doc.articles()[0]
    assert art1.heading.en == "Subject matter`"  # source typo kept
    assert [p.num for p in art1.children] == ["1", "2"]
    assert art1.children[0].text.en == "This Regulation lays down rules on widgets.\nIt also covers gadgets."
    para2 = art1.children[1]
    assert para2.text.en == "Providers shall:"
    assert [(p.kind, p.num) for p in para2.children] == [("point", "a"), ("point", "b")]
    assert [(s.kind, s.num, s.text.en) for s in para2.children[1].children] == [
        ("subpoint", "i", "round widgets;"),
        ("subpoint", "ii", "square widgets."),
    ]
    assert para2.wrap.en == "Point (b) does not apply to gadgets."


def test_fixture_definitions_and_unnumbered_article(doc):
    art2 = doc.articles()[1]
    assert [p.num for p in art2.children] == ["1"]
    assert [(p.kind, p.num) for p in art2.children[0].children] == [("point", "1"), ("point", "2")]


def test_fixture_quoted_amendment_is_text(doc):
    art3 = doc.articles()[2]
    assert [p.num for p in art3.children] == ["1"]  # the quoted "5." is not a paragraph of this act
    assert art3.children[0].children == ()
    assert art3.children[0].text.en.endswith("‘5. Widgets placed on the marked shall be labelled.’.")
    assert not any("(*)" in t for t in texts(art3))


def test_fixture_annexes(doc):
    annex1, annex2 = doc.body[3], doc.body[4]
    assert annex1.heading.en == "List of widget rules"
    assert [(s.kind, s.num, s.heading.en) for s in annex1.children] == [
        ("section", "A", "Painting rules"),
        ("section", "B", "Counting rules"),
    ]
    sec_a = annex1.children[0]
    assert sec_a.text.en == "The following rules apply:"
    assert [(c.kind, c.num, c.text.en) for c in sec_a.children] == [("paragraph", "1", "Colours:")]
    assert [(c.kind, c.num) for c in sec_a.children[0].children] == [("point", "a")]
    assert [(c.kind, c.num, c.text.en) for c in annex1.children[1].children] == [
        ("paragraph", "2", "Count twice.")
    ]
    assert [(c.kind, c.num, c.text.en) for c in annex2.children] == [
        ("point", "1", "plaid,"),
        ("point", "2", "invisible."),
    ]


def test_no_articles_is_an_error(tmp_path):
    path = tmp_path / "x.html"
    path.write_text("<html><body><p>Nothing here</p></body></html>", encoding="utf-8")
    with pytest.raises(SourceError, match="art_1"):
        eurlex_html.read([path], lang="en")


def test_wrong_encoding_is_an_error(tmp_path):
    path = tmp_path / "x.html"
    path.write_bytes(b'<html><body><div id="art_1"><p>Caf\xe9</p></div></body></html>')
    with pytest.raises(SourceError, match="byte 34"):
        eurlex_html.read([path], lang="en")


FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes(tmp_path, data):
    path = tmp_path / "x.html"
    path.write_bytes(data)
    with contextlib.suppress(SourceError):
        assert isinstance(eurlex_html.read([path], lang="en"), Document)


@FUZZ
@given(
    cut=st.integers(min_value=0, max_value=20_000), start=st.integers(0, 20_000), length=st.integers(0, 400)
)
def test_truncated_and_damaged_html(tmp_path, page, cut, start, length):
    """A truncated page, or one with a slice cut out (breaking tags anywhere), never crashes the reader."""
    text = page.read_text(encoding="utf-8")
    text = text[: cut % (len(text) + 1)] if cut % 2 else text[:start] + text[start + length :]
    path = tmp_path / "x.html"
    path.write_text(text, encoding="utf-8")
    try:
        doc = eurlex_html.read([path], lang="en")
    except SourceError:
        return
    assert all(a.children for a in doc.articles())


# -- the AI Act ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def act(mirror: Path) -> Document:
    return read_files("eurlex_html", [mirror / "eu-ai-act-2024" / "en.html"], lang="en")


def article(doc: Document, num: str):
    return next(a for a in doc.articles() if a.num == num)


@pytest.mark.corpus
def test_ai_act_counts(act):
    assert [a.num for a in act.articles()] == [str(i) for i in range(1, 114)]
    preamble = [n for n in act.body if n.kind == "preamble"]
    assert len(preamble) == 1
    assert [r.num for r in preamble[0].children] == [str(i) for i in range(1, 181)]
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]
    assert [n.num for n in act.body if n.kind == "chapter"] == romans
    assert [n.num for n in act.body if n.kind == "annex"] == romans


@pytest.mark.corpus
def test_ai_act_chapters_and_sections(act):
    chapters = {n.num: n for n in act.body if n.kind == "chapter"}
    assert chapters["I"].heading.en == "GENERAL PROVISIONS"
    assert [s.num for s in chapters["III"].children] == ["1", "2", "3", "4", "5"]
    assert all(s.kind == "section" for s in chapters["III"].children)
    assert [a.num for a in chapters["III"].children[0].children] == ["6", "7"]


@pytest.mark.corpus
def test_ai_act_articles(act):
    assert "Transparency" in article(act, "50").heading.en
    art5 = article(act, "5")
    assert [p.num for p in art5.children] == [str(i) for i in range(1, 9)]
    assert [p.num for p in art5.children[0].children] == list("abcdefgh")
    assert [s.num for s in art5.children[0].children[7].children] == ["i", "ii", "iii"]
    assert all(s.kind == "subpoint" for s in art5.children[0].children[7].children)
    art3 = article(act, "3")
    assert len(art3.children) == 1
    assert [p.num for p in art3.children[0].children] == [str(i) for i in range(1, 69)]
    art4 = article(act, "4")  # no numbered paragraphs: one paragraph "1"
    assert [p.num for p in art4.children] == ["1"]
    for a in act.articles():
        assert a.children and not a.text, a.num
        assert not (a.children[0].text.en or "").startswith(("1.", f"Article {a.num} ")), a.num


@pytest.mark.corpus
def test_ai_act_keeps_known_typos(act):
    assert article(act, "1").heading.en == "Subject matter`"
    assert "placed on the marked" in article(act, "111").heading.en


@pytest.mark.corpus
def test_ai_act_has_no_footnotes_or_navigation(act):
    provisions = [n for n in act.body if n.kind in ("preamble", "chapter")]
    body_texts = [t for n in provisions for t in texts(n)]
    for t in body_texts:
        assert not re.search(r"▼|►|\bTop\b|generateTOC", t), t[:80]
        assert not re.search(r"\s[,.;)]", t), t[:80]  # no gap where a footnote marker was cut out
    # footnote texts are OJ references; none remains in recitals or in the non-amending articles
    recitals = texts(provisions[0])
    early = [t for a in act.articles() if int(a.num) < 102 for t in texts(a)]
    assert not any(re.search(r"\bOJ [LC] \d", t) for t in recitals + early)
    assert "European Council, and" in next(r for r in provisions[0].children if r.num == "8").text.en


@pytest.mark.corpus
def test_ai_act_annexes(act):
    annexes = {n.num: n for n in act.body if n.kind == "annex"}
    assert annexes["III"].heading.en.startswith("High-risk AI systems")
    assert [c.num for c in annexes["III"].children] == [str(i) for i in range(1, 9)]
    assert [(s.kind, s.num) for s in annexes["I"].children] == [("section", "A"), ("section", "B")]
    assert [c.num for c in annexes["XIII"].children] == list("abcdefg")


@pytest.mark.corpus
def test_ai_act_is_fast(mirror):
    start = time.perf_counter()
    read_files("eurlex_html", [mirror / "eu-ai-act-2024" / "en.html"], lang="en")
    assert time.perf_counter() - start < 1.0


@pytest.mark.corpus
def test_ai_act_notes(act):
    """Only the three known irregularities of the 2024 text are reported."""
    assert act.notes == (
        "art 3 (61) (a): list nested below a sub-point kept as kind subpoint",
        "art 43(1): a second list after a subparagraph kept as text in the wrap",
        "annex II: '—' items numbered 1, 2, ... by position",
    )
