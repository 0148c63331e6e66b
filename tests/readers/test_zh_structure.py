"""zh_structure: statute tree building, amendment decisions and the recovery of collapsed paragraphs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regkg.errors import SourceError
from regkg.model import Document, Node, Texts
from regkg.readers.crosscheck import compare_documents
from regkg.readers.zh_structure import (
    Block,
    build_decision,
    normalize,
    parse_document,
    recover_paragraphs,
    split_front,
)


def blocks(*lines: str) -> list[Block]:
    return [Block(t, f"line {i}") for i, t in enumerate(lines, 1)]


def texts(node: Node) -> list[str]:
    return [c.text.zh for c in node.children]


# ------------------------------------------------------------------------------------------- normalize


def test_normalize_drops_spaces_between_chinese_only():
    assert normalize("总\u3000\u3000则") == "总则"
    assert normalize(" 本办法自 2031年 起施行。 ") == "本办法自 2031年起施行。"
    assert normalize("a\xa0\xa0b") == "a b"


# ------------------------------------------------------------------------------------------- statutes

STATUTE = (
    "小部件服务管理办法",
    "（2031年2月3日通过）",
    "目\u3000\u3000录",
    "第一章\u3000总\u3000\u3000则",
    "第二章\u3000服务规则",
    "\u3000\u3000第一节\u3000一般规定",
    "第一章\u3000总\u3000\u3000则",
    "第一条\u3000为了规范小部件服务，制定本办法。",
    "第二条\u3000提供小部件服务，应当遵守下列要求：",
    "（一）部件应当为圆形；",
    "（二）部件应当可以折叠，包括：",
    "1.向左折叠；",
    "2.向右折叠；",
    "（三）其他要求。",
    "违反前款规定的，责令改正。",
    "第二章\u3000服务规则",
    "第一节\u3000一般规定",
    "第三条\u3000部件应当每周擦拭一次。",
    "第二十条规定的擦拭记录应当保存。",
)


def test_statute_tree_and_toc_does_not_duplicate_chapters():
    doc = parse_document(blocks(*STATUTE), lang="zh", path="w.docx", notes=[])
    assert doc.title == "小部件服务管理办法"
    assert [(n.kind, n.num, n.heading.zh) for n in doc.body] == [
        ("chapter", "1", "总则"),
        ("chapter", "2", "服务规则"),
    ]
    sec = doc.body[1].children[0]
    assert (sec.kind, sec.num, sec.heading.zh) == ("section", "1", "一般规定")
    art2 = doc.articles()[1]
    assert art2.text == Texts() and len(art2.children) == 2
    para1, para2 = art2.children
    assert para1.text.zh == "提供小部件服务，应当遵守下列要求："
    assert [(p.num, p.text.zh) for p in para1.children] == [
        ("1", "部件应当为圆形；"),
        ("2", "部件应当可以折叠，包括："),
        ("3", "其他要求。"),
    ]
    assert [(s.kind, s.num, s.text.zh) for s in para1.children[1].children] == [
        ("subpoint", "1", "向左折叠；"),
        ("subpoint", "2", "向右折叠；"),
    ]
    assert para2.text.zh == "违反前款规定的，责令改正。"
    # "第二十条规定的…" has no space after 条 and is not the next number: a paragraph, not an article
    assert [a.num for a in doc.articles()] == ["1", "2", "3"]
    assert texts(doc.articles()[2]) == ["部件应当每周擦拭一次。", "第二十条规定的擦拭记录应当保存。"]
    assert any("table of contents" in n for n in doc.notes)


def test_split_front_walks_back_over_one_chapter_and_one_section():
    notes: list[str] = []
    front, body = split_front(blocks(*STATUTE), notes)
    assert normalize(body[0].text) == "第一章总则"
    assert len(front) == 6


def test_numbering_gaps_and_duplicates_are_notes_not_errors():
    doc = parse_document(
        blocks("第一条 甲。", "第三条 乙。", "第三条 丙。", "（二）丁；"), lang="zh", path="x", notes=[]
    )
    assert [a.num for a in doc.articles()] == ["1", "3", "3"]
    joined = " | ".join(doc.notes)
    assert "jumps from 1 to 3" in joined and "duplicate article 3" in joined and "point (2)" in joined


def test_glued_label_accepted_only_as_next_number():
    doc = parse_document(blocks("第一条 甲。", "第二条乙。", "第九条乙。"), lang="zh", path="x", notes=[])
    assert [a.num for a in doc.articles()] == ["1", "2"]
    assert texts(doc.articles()[1]) == ["乙。", "第九条乙。"]


def test_no_article_is_a_source_error():
    with pytest.raises(SourceError, match="at least one article"):
        parse_document(blocks("小部件", "没有条文。"), lang="zh", path="x.md", notes=[])
    with pytest.raises(SourceError):
        parse_document([], lang="zh", path="x.md", notes=[])


# ------------------------------------------------------------------------------------------- decisions


def test_decision_items_and_paragraphs():
    doc = parse_document(
        blocks(
            "小部件委员会关于修改《小部件服务管理办法》的决定",
            "（2032年1月2日通过）",
            "小部件委员会决定作如下修改：",
            "一、增加一条，作为第三条：“部件应当每年涂漆一次。",
            "“涂漆应当使用无毒油漆。”",
            "二、将第四条中的“照明”修改为“明亮照明”。",
            "三、修改为：“有下列情形之一的，责令改正：",
            "“（一）未涂漆的；",
            "“（二）未擦拭的。”",
            "本决定自2032年3月1日起施行。",
        ),
        lang="zh",
        path="d.docx",
        notes=[],
    )
    assert doc.title.startswith("小部件委员会关于修改")
    assert [(n.kind, n.num) for n in doc.body] == [
        ("paragraph", "1"),
        ("item", "1"),
        ("item", "2"),
        ("item", "3"),
        ("paragraph", "2"),
    ]
    assert doc.body[1].text.zh == "增加一条，作为第三条：“部件应当每年涂漆一次。\n“涂漆应当使用无毒油漆。”"
    assert doc.body[3].text.zh.count("\n") == 2
    assert doc.articles() == []


def test_decision_item_gap_is_noted():
    notes: list[str] = []
    nodes = build_decision(blocks("一、甲。", "三、乙。"), lang="zh", notes=notes)
    assert [n.num for n in nodes] == ["1", "3"]
    assert notes and "item 3 where item 2" in notes[0]


# ------------------------------------------------------------------------------------------- recovery


def recover(text: str) -> tuple[tuple[Node, ...], list[str]]:
    notes: list[str] = []
    return recover_paragraphs(text, label="art 9", notes=notes), notes


def test_rule1_and_rule2_inline_points_then_new_paragraph():
    paras, notes = recover("提供服务的，应当做到：（一）检查部件；（二）记录角度；（三）其他。部件不得折断。")
    assert len(paras) == 2
    assert paras[0].text.zh == "提供服务的，应当做到："
    assert [(p.num, p.text.zh, p.inferred) for p in paras[0].children] == [
        ("1", "检查部件；", True),
        ("2", "记录角度；", True),
        ("3", "其他。", True),
    ]
    assert paras[1].text.zh == "部件不得折断。"
    assert all(p.inferred for p in paras)
    assert notes == [
        "art 9: split 3 inline points （一）…（三）; new paragraph after point (3) → 2 paragraph(s) (para 1: 3 points)"
    ]


def test_single_paragraph_with_points_is_not_itself_inferred():
    paras, _ = recover("应当做到：（一）检查；（二）记录。")
    assert len(paras) == 1 and not paras[0].inferred and all(p.inferred for p in paras[0].children)


def test_references_quotes_and_out_of_sequence_labels_are_not_split():
    for text in (
        "违反本规定第十七条第（一）项、第（二）项的，责令改正。",  # not after ：；。
        "修改为：“有下列情形的：（一）甲；（二）乙。”",  # inside quotes
        "应当做到：（二）甲；（三）乙。",  # does not start at 一
        "应当做到：（一）甲。",  # a single item is not a list
    ):
        paras, notes = recover(text)
        assert len(paras) == 1 and not paras[0].children and notes == [], text


def test_rule3_paragraph_starters():
    paras, notes = recover(
        "部件应当擦拭。前款所称擦拭，是指用布擦。依照前款擦拭的，应当记录。违反本办法的，责令改正。"
    )
    assert [p.text.zh for p in paras] == [
        "部件应当擦拭。",
        "前款所称擦拭，是指用布擦。",
        "依照前款擦拭的，应当记录。违反本办法的，责令改正。",
    ]
    assert all(p.inferred for p in paras) and "2 paragraph(s) opening with 前款" in notes[0]


def test_plain_text_stays_one_paragraph_without_notes():
    paras, notes = recover("部件应当擦拭。提供者应当记录。")
    assert len(paras) == 1 and paras[0].text.zh == "部件应当擦拭。提供者应当记录。" and not paras[0].inferred
    assert notes == []


# ------------------------------------------------------------------------------------------- crosscheck


def _doc(*arts: Node, lang: str = "zh") -> Document:
    return Document(lang=lang, body=arts)


def _art(num: str, *paras: str) -> Node:
    kids = tuple(Node("paragraph", str(i), text=Texts(zh=t)) for i, t in enumerate(paras, 1))
    return Node("article", num, children=kids)


def test_compare_documents_reports_structure_and_text():
    a = _doc(_art("1", "甲。"), _art("2", "乙 乙。", "丙。"))
    assert compare_documents(a, _doc(_art("1", "甲。"), _art("2", "乙乙。", "丙。"))) == []
    diffs = compare_documents(a, _doc(_art("1", "甲！"), _art("2", "乙乙。"), _art("3", "丁。")))
    assert any(d.startswith("art 1/para 1: text differs") for d in diffs)
    assert "art 2: only in first: paragraph 2" in diffs
    assert "top level: only in second: article 3" in diffs
    # different languages: structure only
    assert compare_documents(a, _doc(_art("1", "x"), _art("2", "y", "z"), lang="en")) == []


# ------------------------------------------------------------------------------------------- fuzz

_ALPHABET = st.sampled_from(list("第一二三十条章节（）()、：；。“”《》 \u3000\n1.前款甲乙"))


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=120))
def test_recover_never_crashes_and_keeps_text(text):
    paras, _ = recover(text)
    assert len(paras) >= 1
    kept = "".join((p.text.zh or "") + "".join(pt.text.zh or "" for pt in p.children) for p in paras)
    assert len(kept.replace(" ", "")) <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_ALPHABET, max_size=30), max_size=25))
def test_parse_document_gives_document_or_source_error(lines):
    try:
        doc = parse_document(blocks(*lines), lang="zh", path="fuzz", notes=[])
    except SourceError:
        return
    for art in doc.articles():
        assert art.children and all(c.kind == "paragraph" for c in art.children)
