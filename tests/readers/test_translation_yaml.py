"""regkg's own translation format: reading, errors, and alignment with the authoritative text."""

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regkg import eid
from regkg.align import align
from regkg.errors import SourceError
from regkg.model import Document, Node, Texts
from regkg.readers.translation_yaml import read, read_translation

GOOD = """\
instrument: widget-rules-2020
lang: en
status: unofficial translation — regkg
translator: regkg
date: "2026-01-01"
glossary_version: "1"
title: Widget Rules
chapters:
  - num: "1"
    heading: General Provisions
articles:
  - num: "1"
    paragraphs:
      - text: Widget providers shall keep a register.
  - num: "2"
    paragraphs:
      - text: "Widget providers shall:"
        points:
          - num: "1"
            text: label widgets;
          - num: "2"
            text: keep logs.
      - text: Users may complain.
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "t.en.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_reads_header_and_structure(tmp_path):
    header, doc = read_translation(_write(tmp_path, GOOD))
    assert header["status"] == "unofficial translation — regkg" and header["glossary_version"] == "1"
    arts = doc.articles()
    assert [a.num for a in arts] == ["1", "2"]
    p1 = arts[1].children[0]
    assert p1.text.en == "Widget providers shall:" and [p.num for p in p1.children] == ["1", "2"]
    assert arts[1].children[1].text.en == "Users may complain."


@pytest.mark.parametrize(
    "broken,where",
    [
        (GOOD.replace('  - num: "2"\n    paragraphs:', '  - num: "2"\n    paragraphz:'), "article 2"),
        (GOOD.replace("translator: regkg\n", ""), "header"),
        (GOOD.replace("text: keep logs.", "text: ''"), "article 2 paragraph 1 point #2"),
        (GOOD.replace("articles:", "articles: [\n"), "line"),
    ],
)
def test_errors_name_file_and_place(tmp_path, broken, where):
    path = _write(tmp_path, broken)
    with pytest.raises(SourceError) as exc:
        read([path], lang="en")
    assert str(path) in str(exc.value) and where in str(exc.value)


def test_wrong_language_is_an_error(tmp_path):
    with pytest.raises(SourceError, match="lang 'zh'"):
        read([_write(tmp_path, GOOD)], lang="zh")


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(GOOD)))
def test_truncated_file_reads_or_raises_source_error(tmp_path, cut):
    path = _write(tmp_path, GOOD[:cut])
    with contextlib.suppress(SourceError):
        read([path], lang="en")


def _zh_doc() -> Document:
    body = (
        Node(
            "chapter",
            "1",
            heading=Texts(zh="总则"),
            children=(
                Node("article", "1", children=(Node("paragraph", "1", text=Texts(zh="甲")),)),
                Node(
                    "article",
                    "2",
                    children=(
                        Node(
                            "paragraph",
                            "1",
                            text=Texts(zh="乙："),
                            children=(
                                Node("point", "1", text=Texts(zh="丙；")),
                                Node("point", "2", text=Texts(zh="丁。")),
                            ),
                        ),
                        Node("paragraph", "2", text=Texts(zh="戊")),
                    ),
                ),
            ),
        ),
    )
    return Document("zh", eid.assign(body))


def test_alignment_merges_by_provision_path(tmp_path):
    _, en = read_translation(_write(tmp_path, GOOD))
    result = align(_zh_doc(), Document("en", eid.assign(en.body)))
    assert result.problems == [] and result.aligned_articles == 2
    chapter = result.body[0]
    assert chapter.heading == Texts(zh="总则", en="General Provisions")
    point = chapter.children[1].children[0].children[1]
    assert point.eid == "chp_1__art_2__para_1__point_2" and point.text == Texts(zh="丁。", en="keep logs.")


def test_misalignment_is_reported_and_the_article_keeps_its_english(tmp_path):
    text = GOOD.replace("      - text: Users may complain.\n", "")
    _, en = read_translation(_write(tmp_path, text))
    result = align(_zh_doc(), Document("en", eid.assign(en.body)))
    assert len(result.problems) == 1 and "art_2: structure differs" in result.problems[0]
    art2 = result.body[0].children[1]
    assert "keep logs." in art2.text.en  # the whole English article is attached, not lost
    assert art2.children[1].text.en is None


def test_missing_and_extra_articles_are_reported(tmp_path):
    text = GOOD.replace(
        '  - num: "1"\n    paragraphs:\n      - text: Widget providers shall keep a register.\n',
        '  - num: "9"\n    paragraphs:\n      - text: Extra.\n',
    )
    _, en = read_translation(_write(tmp_path, text))
    problems = align(_zh_doc(), Document("en", eid.assign(en.body))).problems
    assert "art_1: no en text" in problems
    assert any(p.startswith("art_9:") for p in problems)
