"""json_genai and json_deep_synthesis on invented records."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regkg.errors import SourceError
from regkg.readers import json_deep_synthesis, json_genai
from regkg.readers.crosscheck import compare_documents


def test_genai_zh(fixtures):
    doc = json_genai.read([fixtures / "zh" / "widget.genai.json"], lang="zh")
    assert doc.title == "小部件服务暂行办法"
    assert [(c.kind, c.num, c.heading.zh, len(c.children)) for c in doc.body] == [
        ("chapter", "1", None, 2),
        ("chapter", "2", None, 1),
    ]
    art2 = doc.articles()[1]
    assert [p.text.zh for p in art2.children] == [
        "提供小部件服务，应当遵守以下规定：",
        "违反前款规定的，责令改正。",
    ]
    assert [(p.num, p.text.zh) for p in art2.children[0].children] == [
        ("1", "部件应当为圆形；"),
        ("2", "部件应当可以折叠。"),
    ]


def test_genai_en_has_same_structure(fixtures):
    zh = json_genai.read([fixtures / "zh" / "widget.genai.json"], lang="zh")
    en = json_genai.read([fixtures / "zh" / "widget.genai.json"], lang="en")
    assert en.lang == "en" and en.body[0].heading.en == "General Provisions"
    assert en.articles()[1].children[0].children[0].text.en == "Widgets shall be round;"
    assert compare_documents(zh, en) == []


def test_deep_synthesis_recovery(fixtures):
    doc = json_deep_synthesis.read([fixtures / "zh" / "widget.deep.json"], lang="zh")
    assert doc.title == "小部件深度折叠管理规定"
    assert [(c.num, c.heading.zh) for c in doc.body] == [("1", "总则"), ("2", "附则")]
    art1, art2, art3 = doc.articles()
    assert [p.text.zh for p in art1.children] == ["为了规范小部件深度折叠活动，制定本规定。"]
    assert [p.text.zh for p in art2.children] == [
        "提供折叠服务的，应当做到：",
        "其他服务提供者应当参照执行。",
        "前款所称记录，包括书面记录和电子记录。",
    ]
    assert [(p.num, p.text.zh, p.inferred) for p in art2.children[0].children] == [
        ("1", "折叠前检查部件；", True),
        ("2", "折叠后记录角度。", True),
    ]
    # 第（一）项 is a reference, not a list; 依照前款 opens a new paragraph
    assert [p.text.zh for p in art3.children] == [
        "违反本规定第二条第（一）项的，责令改正。",
        "依照前款处理的，应当公示。本规定自2031年7月1日起施行。",
    ]
    assert [n for n in doc.notes if n.startswith("art ")] == [
        "art 2: split 2 inline points （一）…（二）; new paragraph after point (2); "
        "1 paragraph(s) opening with 前款 etc. → 3 paragraph(s) (para 1: 2 points)",
        "art 3: 1 paragraph(s) opening with 前款 etc. → 2 paragraph(s)",
    ]


def _write(tmp_path: Path, obj) -> Path:
    path = tmp_path / "x.json"
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return path


def test_genai_errors(tmp_path):
    with pytest.raises(SourceError, match="line 1 column 1: expected valid JSON"):
        json_genai.read([_write_raw(tmp_path, b"")], lang="zh")
    with pytest.raises(SourceError, match=r"\$: expected a list of article records"):
        json_genai.read([_write(tmp_path, {"a": 1})], lang="zh")
    with pytest.raises(SourceError, match=r"\$\[0\]\.paragraphs"):
        json_genai.read([_write(tmp_path, [{"articleNumber": "1", "paragraphs": "x"}])], lang="zh")
    with pytest.raises(SourceError, match=r"\$\[0\]\.articleNumber"):
        json_genai.read([_write(tmp_path, [{"paragraphs": []}])], lang="zh")
    with pytest.raises(SourceError, match="at least one article"):
        json_genai.read([_write(tmp_path, [])], lang="zh")
    recs = [
        {"articleNumber": "1", "paragraphs": ["甲。"], "translations": {"en": {"paragraphs": ["A."]}}},
        {"articleNumber": "2", "paragraphs": ["乙。"]},
    ]
    doc = json_genai.read([_write(tmp_path, recs)], lang="en")
    assert [a.num for a in doc.articles()] == ["1"] and "article 2 has no English translation" in doc.notes[0]


def test_genai_gap_is_a_note(tmp_path):
    recs = [{"articleNumber": n, "paragraphs": ["甲。"]} for n in ("1", "3")]
    doc = json_genai.read([_write(tmp_path, recs)], lang="zh")
    assert [a.num for a in doc.articles()] == ["1", "3"] and "jumps from 1 to 3" in " ".join(doc.notes)


def test_deep_synthesis_errors(tmp_path):
    with pytest.raises(SourceError, match=r"\$\.provisions"):
        json_deep_synthesis.read([_write(tmp_path, [])], lang="zh")
    with pytest.raises(SourceError, match=r"\$\.provisions\[0\]\.content"):
        json_deep_synthesis.read([_write(tmp_path, {"provisions": [{"content": 3}]})], lang="zh")
    with pytest.raises(SourceError, match="at least one provision"):
        json_deep_synthesis.read([_write(tmp_path, {"provisions": []})], lang="zh")
    with pytest.raises(SourceError, match="byte 0: expected utf-8"):
        json_deep_synthesis.read([_write_raw(tmp_path, b"\xff\xfe{")], lang="zh")


def _write_raw(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "raw.json"
    path.write_bytes(data)
    return path


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda kids: (
        st.lists(kids, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "provisions",
                    "content",
                    "chapter",
                    "provision_ref",
                    "articleNumber",
                    "paragraphs",
                    "translations",
                    "en",
                    "originalTitle",
                    "label",
                    "id",
                    "title",
                ]
            ),
            kids,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(obj=_JSON, lang=st.sampled_from(["zh", "en"]))
def test_fuzz_json_shapes(tmp_path, obj, lang):
    path = _write(tmp_path, obj)
    for read, langs in ((json_genai.read, ("zh", "en")), (json_deep_synthesis.read, ("zh",))):
        if lang in langs:
            with contextlib.suppress(SourceError):
                read([path], lang=lang)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=5000), data=st.binary(max_size=50))
def test_fuzz_truncated_and_random(tmp_path, fixtures, cut, data):
    for name, read in (
        ("widget.genai.json", json_genai.read),
        ("widget.deep.json", json_deep_synthesis.read),
    ):
        raw = (fixtures / "zh" / name).read_bytes()
        for blob in (raw[: cut % (len(raw) + 1)], data):
            with contextlib.suppress(SourceError):
                read([_write_raw(tmp_path, blob)], lang="zh")
