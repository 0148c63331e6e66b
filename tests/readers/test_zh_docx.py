"""docx_flk on invented DOCX files built with python-docx (no binary fixture is committed)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regkg.errors import SourceError
from regkg.readers import docx_flk


def make_docx(path: Path, lines: list[str]) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


WIDGET_LAW = [
    "",
    "小部件服务管理办法",
    "",
    "（2031年2月3日小部件委员会第七次会议通过）",
    "目\u3000\u3000录",
    "第一章\u3000总\u3000\u3000则",
    "第二章\u3000服务规则",
    "\u3000\u3000第一节\u3000一般规定",
    "\u3000\u3000第二节\u3000特别规定",
    "",
    "第一章\u3000总\u3000\u3000则",
    "",
    "第一条\u3000为了规范小部件服务，制定本办法。",
    "第二条\u3000提供小部件服务，应当遵守下列要求：",
    "（一）部件应当为圆形；",
    "（二）部件应当可以折叠。",
    "违反前款规定的，责令改正。",
    "第二章\u3000服务规则",
    "第一节\u3000一般规定",
    "第三条\u3000部件应当每周擦拭一次。",
    "第二节\u3000特别规定",
    "第四条\u3000夜间服务应当开启照明。",
]

WIDGET_DECISION = [
    "小部件委员会关于\n修改《小部件服务管理办法》的决定",
    "（2032年1月2日小部件委员会第十次会议通过）",
    "小部件委员会第十次会议决定对《小部件服务管理办法》作如下修改：",
    "一、增加一条，作为第三条：“部件应当每年涂漆一次。",
    "“涂漆应当使用无毒油漆。”",
    "二、将第四条中的“照明”修改为“明亮照明”。",
    "本决定自2032年3月1日起施行。",
    "《小部件服务管理办法》根据本决定作相应修改。",
]


def test_statute(tmp_path):
    doc = docx_flk.read([make_docx(tmp_path / "w.docx", WIDGET_LAW)], lang="zh")
    assert doc.title == "小部件服务管理办法"
    assert [(c.kind, c.num, c.heading.zh) for c in doc.body] == [
        ("chapter", "1", "总则"),
        ("chapter", "2", "服务规则"),
    ]
    assert [(s.num, s.heading.zh, [a.num for a in s.children]) for s in doc.body[1].children] == [
        ("1", "一般规定", ["3"]),
        ("2", "特别规定", ["4"]),
    ]
    art2 = doc.articles()[1]
    assert [p.text.zh for p in art2.children] == [
        "提供小部件服务，应当遵守下列要求：",
        "违反前款规定的，责令改正。",
    ]
    assert [pt.text.zh for pt in art2.children[0].children] == ["部件应当为圆形；", "部件应当可以折叠。"]
    assert not any(n.inferred for n in doc.walk())
    assert any("table of contents" in n for n in doc.notes)


def test_decision(tmp_path):
    doc = docx_flk.read([make_docx(tmp_path / "d.docx", WIDGET_DECISION)], lang="zh")
    assert doc.title == "小部件委员会关于修改《小部件服务管理办法》的决定"
    assert [(n.kind, n.num) for n in doc.body] == [
        ("paragraph", "1"),
        ("item", "1"),
        ("item", "2"),
        ("paragraph", "2"),
        ("paragraph", "3"),
    ]
    assert doc.body[1].text.zh.endswith("一次。\n“涂漆应当使用无毒油漆。”")


def test_not_a_docx(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(SourceError, match="bad.docx, file: expected a Word .docx"):
        docx_flk.read([bad], lang="zh")
    with pytest.raises(SourceError):
        docx_flk.read([tmp_path / "missing.docx"], lang="zh")


def test_docx_without_articles(tmp_path):
    with pytest.raises(SourceError, match="at least one article"):
        docx_flk.read([make_docx(tmp_path / "e.docx", ["标题", "正文没有条文。"])], lang="zh")
    with pytest.raises(SourceError):
        docx_flk.read([make_docx(tmp_path / "empty.docx", [])], lang="zh")


@pytest.fixture(scope="module")
def valid_docx(tmp_path_factory) -> bytes:
    return make_docx(tmp_path_factory.mktemp("docx") / "w.docx", WIDGET_LAW).read_bytes()


def _read_bytes(tmp_path: Path, data: bytes, name: str):
    path = tmp_path / name
    path.write_bytes(data)
    try:
        return docx_flk.read([path], lang="zh")
    except SourceError:
        return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_fuzz_random_bytes(tmp_path, data):
    _read_bytes(tmp_path, data, "fuzz.docx")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=100_000))
def test_fuzz_truncated(tmp_path, valid_docx, cut):
    _read_bytes(tmp_path, valid_docx[: cut % (len(valid_docx) + 1)], "cut.docx")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(xml=st.binary(max_size=300))
def test_fuzz_corrupt_document_xml(tmp_path, valid_docx, xml):
    """A valid package whose word/document.xml is garbage."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid_docx)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, xml if item.filename == "word/document.xml" else zin.read(item.filename))
    _read_bytes(tmp_path, out.getvalue(), "corrupt.docx")
