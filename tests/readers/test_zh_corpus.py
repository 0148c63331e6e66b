"""The Chinese readers on the real corpus (read from the mirror): counts, structure and cross-checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from regkg.model import Document
from regkg.numerals import int_to_cn
from regkg.readers import get_reader
from regkg.readers.crosscheck import compare_documents

pytestmark = pytest.mark.corpus

LABEL = re.compile(r"^([（(][一二三四五六七八九十]+[）)]|[0-9]+[.．])")
ENCODING = {"csl-2016/zh.official.html": "gbk"}


def read(mirror: Path, reader: str, file: str, lang: str = "zh") -> Document:
    return get_reader(reader)([mirror / file], lang=lang, encoding=ENCODING.get(file, "utf-8"))


def kinds(doc: Document, kind: str) -> list:
    return [n for n in doc.walk() if n.kind == kind]


STATUTES = [
    # reader, file, articles, chapters, sections per chapter {chapter: n}
    ("html_zh", "genai-measures-2023/zh.official.html", 24, 5, {}),
    ("json_genai", "genai-measures-2023/zh.json", 24, 5, {}),
    ("json_deep_synthesis", "deep-synthesis-2022/zh.json", 25, 5, {}),
    ("markdown_zh", "algorithm-recommendation-2021/zh.md", 35, 6, {}),
    ("docx_flk", "pipl-2021/zh.docx", 74, 8, {"2": 3}),
    ("markdown_zh", "pipl-2021/zh.md", 74, 8, {"2": 3}),
    ("docx_flk", "csl-2016/zh.docx", 79, 7, {"3": 2}),
    ("markdown_zh", "csl-2016/zh.md", 79, 7, {"3": 2}),
    ("html_zh", "csl-2016/zh.official.html", 79, 7, {"3": 2}),
    ("docx_flk", "csl-2025/zh.docx", 81, 7, {"3": 2}),
    ("markdown_zh", "csl-2025/zh.md", 81, 7, {"3": 2}),
    ("docx_flk", "dsl-2021/zh.docx", 55, 7, {}),
    ("markdown_zh", "dsl-2021/zh.md", 55, 7, {}),
]


@pytest.mark.parametrize(("reader", "file", "n_articles", "n_chapters", "sections"), STATUTES)
def test_counts(mirror, reader, file, n_articles, n_chapters, sections):
    doc = read(mirror, reader, file)
    arts = doc.articles()
    assert [a.num for a in arts] == [str(i) for i in range(1, n_articles + 1)]
    chapters = [n for n in doc.body if n.kind == "chapter"]
    assert [c.num for c in chapters] == [str(i) for i in range(1, n_chapters + 1)]
    assert {
        c.num: sum(k.kind == "section" for k in c.children)
        for c in chapters
        if any(k.kind == "section" for k in c.children)
    } == sections
    for art in arts:
        assert art.children and all(p.kind == "paragraph" for p in art.children) and not art.text
        # labels are stripped: no paragraph repeats 第N条, no point or subpoint starts with its （一） / 1.
        assert not (art.children[0].text.zh or "").startswith(f"第{int_to_cn(int(art.num))}条")
        assert not any(LABEL.match(n.text.zh or "") for n in art.walk() if n.kind in ("point", "subpoint"))
    assert not any("numbering" in n or "duplicate" in n for n in doc.notes)


def _article(doc: Document, num: str):
    return next(a for a in doc.articles() if a.num == num)


@pytest.mark.parametrize(
    ("reader", "file"),
    [("html_zh", "genai-measures-2023/zh.official.html"), ("json_genai", "genai-measures-2023/zh.json")],
)
def test_genai_article_4(mirror, reader, file):
    art = _article(read(mirror, reader, file), "4")
    assert len(art.children) == 1 and [p.num for p in art.children[0].children] == ["1", "2", "3", "4", "5"]


def test_genai_html_page(mirror):
    doc = read(mirror, "html_zh", "genai-measures-2023/zh.official.html")
    assert doc.title == "生成式人工智能服务管理暂行办法"
    assert [c.heading.zh for c in doc.body] == [
        "总则",
        "技术发展与治理",
        "服务规范",
        "监督检查和法律责任",
        "附则",
    ]
    assert any("identical; dropped" in n for n in doc.notes)
    assert any("promulgation order preamble" in n for n in doc.notes)


def test_genai_english_embedded(mirror):
    en = read(mirror, "json_genai", "genai-measures-2023/zh.json", lang="en")
    assert len(en.articles()) == 24 and en.body[0].heading.en == "General Provisions"
    assert len(_article(en, "4").children[0].children) == 5


@pytest.mark.parametrize(
    ("reader", "file"), [("docx_flk", "pipl-2021/zh.docx"), ("markdown_zh", "pipl-2021/zh.md")]
)
def test_pipl_article_13(mirror, reader, file):
    art = _article(read(mirror, reader, file), "13")
    assert len(art.children) == 2
    assert [len(p.children) for p in art.children] == [7, 0]


def test_deep_synthesis_inferred_structure(mirror):
    doc = read(mirror, "json_deep_synthesis", "deep-synthesis-2022/zh.json")
    shape = {
        a.num: [len(p.children) for p in a.children]
        for a in doc.articles()
        if any(n.inferred for n in a.walk())
    }
    assert shape == {"15": [2], "17": [5, 0], "23": [6, 0]}
    assert all(len(a.children) == 1 for a in doc.articles() if a.num not in shape)
    assert [n for n in doc.notes if n.startswith("art ")] == [
        "art 15: split 2 inline points （一）…（二） → 1 paragraph(s) (para 1: 2 points)",
        "art 17: split 5 inline points （一）…（五）; new paragraph after point (5) → 2 paragraph(s) (para 1: 5 points)",
        "art 23: split 6 inline points （一）…（六）; new paragraph after point (6) → 2 paragraph(s) (para 1: 6 points)",
    ]


DECISIONS = [
    ("docx_flk", "csl-2025/zh.amendment-decision.docx"),
    ("markdown_zh", "csl-2025/zh.amendment-decision.md"),
    ("html_zh", "csl-2025/zh.amendment-decision.official.html"),
]


@pytest.mark.parametrize(("reader", "file"), DECISIONS)
def test_amendment_decision(mirror, reader, file):
    doc = read(mirror, reader, file)
    items = [n for n in doc.body if n.kind == "item"]
    assert [n.num for n in items] == [str(i) for i in range(1, 15)]
    assert [(n.kind, n.num) for n in doc.body if n.kind != "item"] == [
        ("paragraph", "1"),
        ("paragraph", "2"),
        ("paragraph", "3"),
    ]
    assert doc.body[0].text.zh.endswith("作如下修改：")
    assert doc.body[-2].text.zh == "本决定自2026年1月1日起施行。"
    assert doc.title == "全国人民代表大会常务委员会关于修改《中华人民共和国网络安全法》的决定"
    assert items[11].text.zh.count("\n") == 4  # item 12: chapeau, three quoted points, a quoted paragraph


CROSS = [
    (("docx_flk", "pipl-2021/zh.docx"), ("markdown_zh", "pipl-2021/zh.md")),
    (("docx_flk", "csl-2016/zh.docx"), ("markdown_zh", "csl-2016/zh.md")),
    (("docx_flk", "csl-2025/zh.docx"), ("markdown_zh", "csl-2025/zh.md")),
    (("docx_flk", "dsl-2021/zh.docx"), ("markdown_zh", "dsl-2021/zh.md")),
    (("html_zh", "csl-2016/zh.official.html"), ("docx_flk", "csl-2016/zh.docx")),
    (("html_zh", "genai-measures-2023/zh.official.html"), ("json_genai", "genai-measures-2023/zh.json")),
    (DECISIONS[0], DECISIONS[1]),
    (DECISIONS[0], DECISIONS[2]),
]


@pytest.mark.parametrize(("first", "second"), CROSS, ids=[f"{a[1]}~{b[1]}" for a, b in CROSS])
def test_copies_agree(mirror, first, second):
    assert compare_documents(read(mirror, *first), read(mirror, *second)) == []
