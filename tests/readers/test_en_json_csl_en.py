"""The CSL provision-records reader (json_csl_en), English and Chinese."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regkg.errors import SourceError
from regkg.model import Document
from regkg.readers import json_csl_en, read_files


def shape(article) -> list[int]:
    return [len(p.children) for p in article.children]


@pytest.fixture
def csl(fixtures: Path) -> Path:
    return fixtures / "en" / "csl.json"


def test_fixture_english(csl):
    doc = json_csl_en.read([csl], lang="en")
    assert doc.notes == ()
    assert [(n.kind, n.num, n.heading.en) for n in doc.body] == [
        ("chapter", "1", "General Rules"),
        ("chapter", "2", "Widget Operations"),
        ("chapter", "3", "Final Rules"),
    ]
    section = doc.body[1].children[0]
    assert (section.kind, section.num, section.heading.en) == ("section", "1", "Ordinary Widgets")
    assert [a.num for a in doc.articles()] == ["1", "2", "3"]  # the other instrument's record is skipped
    art2 = doc.articles()[1]
    assert shape(art2) == [2, 0]
    assert art2.heading.en is None  # editorial titles are not headings of the law
    assert [p.text.en for p in art2.children[0].children] == ["paint widgets;", "count widgets."]


def test_fixture_chinese(csl):
    doc = json_csl_en.read([csl], lang="zh")
    art2 = doc.articles()[1]
    assert shape(art2) == [2, 0]
    assert [p.text.zh for p in art2.children[0].children] == [
        "给小部件涂色；",
        "清点小部件。",
    ]  # （二）　stripped
    assert doc.body[0].heading.zh is None and doc.body[0].heading.en is None
    assert any("English only" in n for n in doc.notes)


def test_upstream_list_gives_the_same_articles(csl, tmp_path):
    records = json.loads(csl.read_text(encoding="utf-8"))["records"]
    upstream = tmp_path / "provisions.json"
    foreign = {"id": "eu-widget-act-art-1", "instrumentId": "eu-widget-act", "locator": "Article 1"}
    upstream.write_text(json.dumps([foreign, *reversed(records)], ensure_ascii=False), encoding="utf-8")
    assert json_csl_en.read([upstream], lang="en").body == json_csl_en.read([csl], lang="en").body


@pytest.mark.parametrize(
    ("content", "position"),
    [
        ('{"records": [', "line 1, column 14"),
        ('{"records": 3}', "$"),
        ('[{"id": "cn-other-art-1"}]', "$"),
        ('[{"id": "cn-csl-art-1", "translations": {"en": {"paragraphs": "text"}}}]', "$[0].translations.en"),
        ('[{"id": "cn-csl-art-1", "chapter": {"label": "Part 1"}}]', "$[0].chapter.label"),
    ],
)
def test_bad_json_names_the_position(tmp_path, content, position):
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as err:
        json_csl_en.read([path], lang="en")
    assert err.value.position.startswith(position)


def test_missing_translation_is_a_note(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('[{"id": "cn-csl-art-1", "paragraphs": ["一。"]}]', encoding="utf-8")
    doc = json_csl_en.read([path], lang="en")
    assert len(doc.articles()[0].children) == 1
    assert any("no English translation" in n for n in doc.notes)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
FIELDS = ("paragraphs", "translations", "chapter", "section", "locator")


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes(tmp_path, data):
    path = tmp_path / "x.json"
    path.write_bytes(data)
    with contextlib.suppress(SourceError):
        assert isinstance(json_csl_en.read([path], lang="en"), Document)


@FUZZ
@given(
    records=st.lists(
        st.fixed_dictionaries(
            {"id": st.sampled_from(["cn-csl-art-1", "cn-csl-art-2", "cn-csl-art-07", "other"])},
            optional={
                f: JSON
                | st.fixed_dictionaries({"en": st.fixed_dictionaries({"paragraphs": JSON})})
                | st.fixed_dictionaries(
                    {"label": st.sampled_from(["Chapter IV", "Section 2", "Chapter IIII", "x"])}
                )
                for f in FIELDS
            },
        ),
        max_size=5,
    ),
    lang=st.sampled_from(["en", "zh"]),
)
def test_random_records(tmp_path, records, lang):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"records": records}), encoding="utf-8")
    try:
        doc = json_csl_en.read([path], lang=lang)
    except SourceError:
        return
    assert all(a.children for a in doc.articles())


@FUZZ
@given(cut=st.integers(min_value=0, max_value=6000))
def test_truncated_json(tmp_path, csl, cut):
    text = csl.read_text(encoding="utf-8")
    path = tmp_path / "x.json"
    path.write_text(text[: cut % (len(text) + 1)], encoding="utf-8")
    with contextlib.suppress(SourceError):
        json_csl_en.read([path], lang="en")


# -- the real file ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(mirror: Path) -> Path:
    return mirror / "csl-2025" / "en.json"


@pytest.mark.corpus
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_csl_counts(real, lang):
    doc = read_files("json_csl_en", [real], lang=lang)
    assert [a.num for a in doc.articles()] == [str(i) for i in range(1, 82)]
    chapters = [n for n in doc.body if n.kind == "chapter"]
    assert [c.num for c in chapters] == [str(i) for i in range(1, 8)]
    assert [s.num for s in chapters[2].children] == ["1", "2"]  # Chapter III has two sections
    art23 = next(a for a in doc.articles() if a.num == "23")
    assert shape(art23) == [5]


@pytest.mark.corpus
def test_csl_english_and_chinese_have_the_same_structure(real):
    en = read_files("json_csl_en", [real], lang="en")
    zh = read_files("json_csl_en", [real], lang="zh")
    assert en.notes == ()
    assert {a.num: shape(a) for a in en.articles()} == {a.num: shape(a) for a in zh.articles()}
    assert en.body[0].heading.en == "General Provisions"
    first = zh.articles()[0].children[0].text.zh
    assert first and not first.startswith("第")
