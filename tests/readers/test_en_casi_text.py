"""The CASI plain-text translation reader (casi_text)."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regkg.errors import SourceError
from regkg.model import Document
from regkg.readers import casi_text, read_files


def shape(article) -> list[int]:
    return [len(p.children) for p in article.children]


@pytest.fixture
def casi(fixtures: Path) -> Path:
    return fixtures / "en" / "casi.txt"


def test_fixture(casi):
    doc = casi_text.read([casi], lang="en")
    assert doc.title == "Interim Measures for Widget Services"  # series prefix dropped
    assert doc.notes == ()
    assert [(n.kind, n.num) for n in doc.body] == [("article", "1"), ("article", "2"), ("article", "3")]
    art2 = doc.body[1]
    assert shape(art2) == [3, 0]
    para = art2.children[0]
    assert para.text.en == "Widget providers shall abide by the following:"
    assert [p.text.en for p in para.children] == [
        "Paint every widget;",
        "Count every widget [小部件] twice;",  # translator's bracketed gloss kept
        "Keep the widget list up to date.",  # hard-wrapped line joined
    ]
    assert art2.children[1].text.en == "Providers that break these rules shall be warned."


def test_missing_header_and_stray_text_are_noted(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("Some preface.\n\nArticle 1\nText.\n\nArticle 2\nMore.\n", encoding="utf-8")
    doc = casi_text.read([path], lang="en")
    assert len(doc.articles()) == 2
    assert any("header" in n for n in doc.notes)
    assert any("line 1" in n for n in doc.notes)


def test_reference_to_an_article_is_not_a_heading(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(
        "Article 1\nOne.\n\nArticle 7 of the Widget Law applies.\n\nArticle 2\nTwo.\n", encoding="utf-8"
    )
    doc = casi_text.read([path], lang="en")
    assert [a.num for a in doc.articles()] == ["1", "2"]
    assert len(doc.articles()[0].children) == 2


def test_heading_with_text_on_the_same_line(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("Article 1 One.\nArticle 2 Two.\n", encoding="utf-8")
    doc = casi_text.read([path], lang="en")
    assert [(a.num, a.children[0].text.en) for a in doc.articles()] == [("1", "One."), ("2", "Two.")]


def test_article_without_text_gets_an_empty_paragraph(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("Article 1\n\nArticle 2\nText.\n", encoding="utf-8")
    doc = casi_text.read([path], lang="en")
    assert [len(a.children) for a in doc.articles()] == [1, 1]
    assert any("art 1: no text" in n for n in doc.notes)


def test_errors(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(SourceError, match="Article N"):
        casi_text.read([empty], lang="en")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Article 1\nCaf\xe9".encode("latin-1"))
    with pytest.raises(SourceError, match="byte 13"):
        casi_text.read([latin], lang="en")
    with pytest.raises(SourceError, match="readable"):
        casi_text.read([tmp_path / "nope.txt"], lang="en")


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes(tmp_path, data):
    path = tmp_path / "t.txt"
    path.write_bytes(data)
    with contextlib.suppress(SourceError):
        assert isinstance(casi_text.read([path], lang="en"), Document)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=5000), junk=st.text(max_size=30))
def test_truncated_text(tmp_path, casi, cut, junk):
    text = casi.read_text(encoding="utf-8")
    path = tmp_path / "t.txt"
    path.write_text(text[: cut % (len(text) + 1)] + junk, encoding="utf-8")
    try:
        doc = casi_text.read([path], lang="en")
    except SourceError:
        return
    assert all(a.children for a in doc.articles())


# -- the real CASI text ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def genai(mirror: Path) -> Document:
    return read_files("casi_text", [mirror / "genai-measures-2023" / "en.txt"], lang="en")


@pytest.mark.corpus
def test_genai_counts(genai):
    assert [a.num for a in genai.body] == [str(i) for i in range(1, 25)]  # top level, no chapters
    assert all(n.kind == "article" for n in genai.body)
    art4 = genai.body[3]
    assert shape(art4) == [5]
    assert [p.num for p in art4.children[0].children] == ["1", "2", "3", "4", "5"]
    assert genai.title and genai.title.startswith("Interim Measures")
    assert genai.notes == ()


@pytest.mark.corpus
def test_genai_matches_the_chinese_structure(genai, mirror):
    records = json.loads((mirror / "genai-measures-2023" / "zh.json").read_text(encoding="utf-8"))
    zh = {}
    for rec in records:
        num = str(int(re.search(r"(\d+)$", rec["id"]).group(1)))
        zh[num] = []
        for para in rec["paragraphs"]:
            if re.match(r"^[（(][一二三四五六七八九十]+[）)]", para.strip()):
                zh[num][-1] += 1
            else:
                zh[num].append(0)
    assert {a.num: shape(a) for a in genai.articles()} == zh
