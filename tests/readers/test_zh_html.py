"""html_zh on an invented gov.cn-style page (text twice) and invented people.cn-style pages (GBK, decision)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regkg.errors import SourceError
from regkg.readers import html_zh

PEOPLE = """<html>
<head><meta content="text/html; charset={charset}" http-equiv="content-type">
<title>{title}--示例新闻--人民网</title></head><body>
<div class="layout rm_txt cf"><div class="col col-1"><h1 class="cf"><img src="logo.png"></h1>
<h1>{title}</h1><h4 class="sub">（2031年2月3日通过）</h4>
<div class="rm_txt_con cf">{body}</div></div></div>
<div class="layout information cf"><p>人民网版权所有</p></div></body></html>"""

ORDER = "<p>小部件委员会令</p><p>第三号</p><p>《{t}》已由小部件委员会通过，现予公布。</p><p>主任\xa0甲乙丙</p><p>2031年4月1日</p>"


def people_page(tmp_path: Path, title: str, paragraphs: list[str], charset: str, encoding: str) -> Path:
    body = ORDER.format(t=title) + "".join(f"<p>{p}</p>" for p in paragraphs)
    body += "<p>（新华社北京4月1日电）</p><p>分享让更多人看到</p>"
    path = tmp_path / "page.html"
    html = PEOPLE.format(charset=charset, title=title, body=body).replace("\xa0", "&nbsp;")
    path.write_bytes(html.encode(encoding))
    return path


def test_govcn_page_read_once(fixtures):
    doc = html_zh.read([fixtures / "zh" / "widget.govcn.html"], lang="zh")
    assert doc.title == "小部件服务暂行办法"
    assert [(c.num, c.heading.zh) for c in doc.body] == [("1", "总则"), ("2", "附则")]
    assert [a.num for a in doc.articles()] == ["1", "2", "3"]
    art2 = doc.articles()[1]
    assert [p.text.zh for p in art2.children] == [
        "提供小部件服务，应当遵守以下规定：",
        "违反前款规定的，责令改正。",
    ]
    assert len(art2.children[0].children) == 2
    assert any("copy 2" in n and "identical" in n for n in doc.notes)
    assert any("promulgation order preamble skipped" in n for n in doc.notes)


def test_govcn_copies_that_differ_are_reported(fixtures, tmp_path):
    html = (fixtures / "zh" / "widget.govcn.html").read_text(encoding="utf-8")
    last = html.rindex("本办法自2031年5月1日起施行")
    changed = tmp_path / "changed.html"
    changed.write_text(html[:last] + "本办法自2031年6月1日起施行" + html[last + 14 :], encoding="utf-8")
    doc = html_zh.read([changed], lang="zh")
    assert doc.articles()[2].children[0].text.zh == "本办法自2031年5月1日起施行。"
    assert any("DIFFERS" in n for n in doc.notes)


def test_gbk_page_declared_gb2312(tmp_path):
    paras = [
        "目\xa0录",
        "第一章\xa0总\xa0则",
        "第一章\xa0总\xa0则",
        "第一条\xa0小部件·甲型应当为圆形。",
        "第二条\xa0本法自2031年5月1日起施行。",
    ]
    path = people_page(tmp_path, "小部件法", paras, "GB2312", "gbk")
    for enc in ("gbk", "utf-8", "gb2312"):
        doc = html_zh.read([path], lang="zh", encoding=enc)
        assert doc.title == "小部件法"
        # U+00B7 survives: a GB2312 decoder would turn it into U+30FB
        assert doc.articles()[0].children[0].text.zh == "小部件·甲型应当为圆形。"
        assert (
            doc.articles()[-1].children[0].text.zh == "本法自2031年5月1日起施行。"
        )  # no dateline, no furniture
        assert len(doc.body) == 1  # the table of contents made no second chapter 1
    assert any("decoded as gbk" in n for n in html_zh.read([path], lang="zh").notes)


def test_decision_page(tmp_path):
    paras = [
        "小部件委员会决定作如下修改：",
        "一、增加一条，作为第三条：“部件应当每年涂漆一次。",
        "“涂漆应当使用无毒油漆。”",
        "二、删去第五条。",
        "本决定自2032年3月1日起施行。",
    ]
    doc = html_zh.read(
        [people_page(tmp_path, "小部件委员会关于修改的决定", paras, "UTF-8", "utf-8")], lang="zh"
    )
    assert doc.title == "小部件委员会关于修改的决定"
    assert [(n.kind, n.num) for n in doc.body] == [
        ("paragraph", "1"),
        ("item", "1"),
        ("item", "2"),
        ("paragraph", "2"),
    ]
    assert doc.body[0].text.zh == "小部件委员会决定作如下修改："  # the order preamble is not the intro


def test_errors(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"\xff\xfe\xfa<html>")
    with pytest.raises(SourceError, match="byte 0"):
        html_zh.read([bad], lang="zh")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    with pytest.raises(SourceError):
        html_zh.read([empty], lang="zh")
    none = tmp_path / "none.html"
    none.write_text("<html><body><p>没有条文</p></body></html>", encoding="utf-8")
    with pytest.raises(SourceError, match="at least one article"):
        html_zh.read([none], lang="zh")


def _read(path: Path, data: bytes):
    path.write_bytes(data)
    try:
        return html_zh.read([path], lang="zh")
    except SourceError:
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_fuzz_random_bytes(tmp_path, data):
    _read(tmp_path / "fuzz.html", data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=10_000))
def test_fuzz_truncated(tmp_path, fixtures, cut):
    raw = (fixtures / "zh" / "widget.govcn.html").read_bytes()
    doc = _read(tmp_path / "cut.html", raw[: cut % (len(raw) + 1)])
    if doc is not None:
        assert all(a.children for a in doc.articles())
