"""The NPC English reference translation reader (npc_html)."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regkg.errors import SourceError
from regkg.model import Document
from regkg.readers import npc_html, read_files

PIPL_PAGES = ("en.html", "en.page-2.html", "en.page-3.html")


def shape(article) -> list[int]:
    """Points per paragraph, e.g. [7, 0] for a paragraph with 7 points followed by a plain one."""
    return [len(p.children) for p in article.children]


@pytest.fixture
def pages(fixtures: Path) -> list[Path]:
    return [fixtures / "en" / "npc" / "page-1.html", fixtures / "en" / "npc" / "page-2.html"]


def test_fixture_structure(pages):
    doc = npc_html.read(pages, lang="en")
    assert doc.title == "Widget Services Law of Examplia"
    assert doc.notes == ()
    assert [(n.kind, n.num, n.heading.en) for n in doc.body] == [
        ("chapter", "1", "General Rules"),
        ("chapter", "2", "Widget Operations"),
        ("chapter", "3", "Final Rules"),
    ]
    sections = doc.body[1].children
    # the section heading split over two <p> is joined; the contents block did not add a duplicate
    assert [(s.kind, s.num, s.heading.en) for s in sections] == [
        ("section", "1", "Ordinary Widgets"),
        ("section", "2", "Large Widgets"),
    ]
    assert [a.num for a in doc.articles()] == ["1", "2", "3", "4", "5"]


def test_fixture_paragraphs_and_points(pages):
    doc = npc_html.read(pages, lang="en")
    art2 = doc.articles()[1]
    assert shape(art2) == [3, 0]
    para1 = art2.children[0]
    assert para1.text.en == "A widget provider may offer widgets only where:"
    assert [(p.kind, p.num, p.text.en) for p in para1.children][:2] == [
        ("point", "1", "the widget is painted;"),
        ("point", "2", "the widget is counted; and"),  # &nbsp; runs collapsed, label stripped
    ]
    assert art2.children[1].num == "2"
    assert not art2.text and art2.heading.en is None


def test_article_continues_across_a_page_with_repeated_contents(pages):
    art3 = npc_html.read(pages, lang="en").articles()[2]
    assert [p.text.en for p in art3.children] == [
        "Ordinary widgets shall be round. They may be blue.",  # <br/> is a space
        "A provider of round widgets shall keep them clean.",
    ]


def test_navigation_outside_markers_is_ignored(pages):
    doc = npc_html.read(pages, lang="en")
    assert "99" not in [a.num for a in doc.articles()]
    assert not any("Copyright" in (n.text.en or "") for n in doc.walk())


def test_plain_article_reference_does_not_start_an_article(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<!--enpcontent--><p><strong>Article 1</strong> One.</p><p>Article 7 of the Widget Law applies.</p>"
        "<p><strong>Article 2 </strong>Two.</p><!--/enpcontent-->"
    )
    doc = npc_html.read([page], lang="en")
    assert [a.num for a in doc.articles()] == ["1", "2"]
    assert doc.articles()[0].children[1].text.en == "Article 7 of the Widget Law applies."


def test_page_without_markers_is_noted(pages, tmp_path):
    other = tmp_path / "other.html"
    other.write_text("<html><body><p>Article 9 Not law text.</p></body></html>", encoding="utf-8")
    doc = npc_html.read([*pages, other], lang="en")
    assert len(doc.articles()) == 5
    assert any("other.html" in n and "enpcontent" in n for n in doc.notes)


def test_gap_in_numbering_is_a_note(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<!--enpcontent--><p>Article 1 One.</p><p>Article 3 Three.</p><!--/enpcontent-->")
    doc = npc_html.read([page], lang="en")
    assert [a.num for a in doc.articles()] == ["1", "3"]
    assert any("gap" in n for n in doc.notes)


def test_no_articles_is_an_error(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<!--enpcontent--><p>Contents</p><p>Chapter I General</p><!--/enpcontent-->")
    with pytest.raises(SourceError, match="Article N"):
        npc_html.read([page], lang="en")


def test_unreadable_and_undecodable_files(tmp_path):
    with pytest.raises(SourceError, match="readable file"):
        npc_html.read([tmp_path / "missing.html"], lang="en")
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"<!--enpcontent--><p>Article 1 \xff\xfe</p><!--/enpcontent-->")
    with pytest.raises(SourceError, match="byte 30"):
        npc_html.read([bad], lang="en")


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes_give_a_document_or_source_error(tmp_path, data):
    path = tmp_path / "page.html"
    path.write_bytes(b"<!--enpcontent-->" + data + b"<!--/enpcontent-->")
    with contextlib.suppress(SourceError):
        assert isinstance(npc_html.read([path], lang="en"), Document)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=10_000), junk=st.text(max_size=40))
def test_truncated_pages_give_a_document_or_source_error(tmp_path, pages, cut, junk):
    data = pages[0].read_text(encoding="utf-8")
    path = tmp_path / "page.html"
    path.write_text(data[: cut % (len(data) + 1)] + junk, encoding="utf-8")
    try:
        doc = npc_html.read([path, pages[1]], lang="en")
    except SourceError:
        return
    assert all(a.children for a in doc.articles())


# -- the real PIPL pages ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pipl(mirror: Path) -> Document:
    return read_files("npc_html", [mirror / "pipl-2021" / p for p in PIPL_PAGES], lang="en")


def zh_md_shapes(path: Path) -> dict[str, list[int]]:
    """Points per paragraph of every article of a lawtext Chinese Markdown file (for the cross-check)."""
    from regkg.numerals import cn_to_int

    shapes: dict[str, list[int]] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^[-*]\s+", "", raw.strip())
        if not line or line.startswith("#"):
            current = None if line.startswith("#") else current
            continue
        if m := re.match(r"^\**第([零一二三四五六七八九十百]+)条\**[\s\u3000]*(.*)$", line):
            current = str(cn_to_int(m.group(1)))
            shapes[current] = [0] if m.group(2) else []
        elif current is None:
            continue
        elif re.match(r"^[（(][一二三四五六七八九十]+[）)]", line):
            shapes[current][-1] += 1
        else:
            shapes[current].append(0)
    return shapes


@pytest.mark.corpus
def test_pipl_counts(pipl):
    assert [a.num for a in pipl.articles()] == [str(i) for i in range(1, 75)]
    chapters = [n for n in pipl.body if n.kind == "chapter"]
    assert [c.num for c in chapters] == [str(i) for i in range(1, 9)]  # contents block made no duplicates
    assert chapters[0].heading.en == "General Provisions"
    assert [s.num for s in chapters[1].children] == ["1", "2", "3"]
    assert pipl.notes == ()


@pytest.mark.corpus
def test_pipl_article_13(pipl):
    art13 = next(a for a in pipl.articles() if a.num == "13")
    assert shape(art13) == [7, 0]
    assert [p.num for p in art13.children[0].children] == [str(i) for i in range(1, 8)]
    assert not art13.children[0].children[0].text.en.startswith("(")


@pytest.mark.corpus
def test_pipl_matches_the_chinese_structure(pipl, mirror):
    zh = zh_md_shapes(mirror / "pipl-2021" / "zh.md")
    assert len(zh) == 74
    assert {a.num: shape(a) for a in pipl.articles()} == zh


@pytest.mark.corpus
def test_pipl_text_is_clean(pipl):
    for node in pipl.walk():
        text = node.text.en or ""
        assert not text.startswith("Article"), node
        assert "\xa0" not in text and "  " not in text
        assert "Contents" not in text
