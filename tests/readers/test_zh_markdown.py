"""markdown_zh on invented lawtext- and LawRefBook-style Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regkg.errors import SourceError
from regkg.readers import markdown_zh


def test_lawtext_style(fixtures):
    doc = markdown_zh.read([fixtures / "zh" / "widget.lawtext.md"], lang="zh")
    assert doc.title == "小部件服务管理办法"
    assert [(c.num, c.heading.zh) for c in doc.body] == [("1", "总则"), ("2", "服务规则"), ("3", "附则")]
    assert [(s.kind, s.num, s.heading.zh) for s in doc.body[1].children] == [
        ("section", "1", "一般规定"),
        ("section", "2", "特别规定"),
    ]
    assert [a.num for a in doc.articles()] == ["1", "2", "3", "4", "5"]
    art2 = doc.articles()[1]
    para1, para2 = art2.children
    assert para1.text.zh == "提供小部件服务，应当遵守下列要求："
    assert [p.num for p in para1.children] == ["1", "2", "3"]
    assert [(s.kind, s.num, s.text.zh) for s in para1.children[1].children] == [
        ("subpoint", "1", "向左折叠；"),
        ("subpoint", "2", "向右折叠；"),
    ]
    assert para2.text.zh == "违反前款规定的，由小部件委员会责令改正。"
    assert [p.text.zh for p in doc.articles()[2].children] == [
        "小部件服务提供者应当每周擦拭部件一次。",
        "擦拭记录应当保存三个月。",
    ]
    assert not any("**" in (n.text.zh or "") for n in doc.walk())


def test_lawrefbook_style(fixtures):
    doc = markdown_zh.read([fixtures / "zh" / "widget.lawrefbook.md"], lang="zh")
    assert doc.title == "小部件维修规定"
    assert [(c.num, c.heading.zh, len(c.children)) for c in doc.body] == [("1", "总则", 2), ("2", "附则", 1)]
    assert [p.text.zh for p in doc.articles()[1].children] == [
        "维修小部件，应当使用绿色工具。",
        "前款所称绿色工具，是指涂有绿色油漆的扳手。",
    ]


def test_decision(fixtures):
    doc = markdown_zh.read([fixtures / "zh" / "widget.decision.md"], lang="zh")
    assert doc.title == "小部件委员会关于修改《小部件服务管理办法》的决定"
    assert [(n.kind, n.num) for n in doc.body] == [
        ("paragraph", "1"),
        ("item", "1"),
        ("item", "2"),
        ("item", "3"),
        ("paragraph", "2"),
    ]
    assert doc.body[1].text.zh == "增加一条，作为第三条：“部件应当每年涂漆一次。\n“涂漆应当使用无毒油漆。”"


def test_errors(tmp_path):
    gbk = tmp_path / "gbk.md"
    gbk.write_bytes("第一条 小部件。".encode("gbk"))
    with pytest.raises(SourceError, match=r"gbk.md, byte 0: expected utf-8 text"):
        markdown_zh.read([gbk], lang="zh")
    assert markdown_zh.read([gbk], lang="zh", encoding="gbk").articles()[0].children[0].text.zh == "小部件。"
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(SourceError, match="at least one article"):
        markdown_zh.read([empty], lang="zh")
    with pytest.raises(SourceError, match="readable file"):
        markdown_zh.read([tmp_path / "missing.md"], lang="zh")


def test_bad_front_matter_is_a_note(tmp_path):
    md = tmp_path / "fm.md"
    md.write_text("---\ntitle: [unclosed\n---\n\n第一条 小部件。\n", encoding="utf-8")
    doc = markdown_zh.read([md], lang="zh")
    assert len(doc.articles()) == 1 and any("not valid YAML" in n for n in doc.notes)


def _read(path: Path, data: bytes):
    path.write_bytes(data)
    try:
        return markdown_zh.read([path], lang="zh")
    except SourceError:
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_fuzz_random_bytes(tmp_path, data):
    _read(tmp_path / "fuzz.md", data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=5000))
def test_fuzz_truncated(tmp_path, fixtures, cut):
    raw = (fixtures / "zh" / "widget.lawtext.md").read_bytes()
    doc = _read(tmp_path / "cut.md", raw[: cut % (len(raw) + 1)])
    if doc is not None:
        assert all(a.children for a in doc.articles())
