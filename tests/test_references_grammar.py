"""The reference grammar on invented sentences: every citation form the extractor reads, Chinese and English."""

from __future__ import annotations

import json

import pytest

from regkg.extract.ref_aliases import Hit
from regkg.extract.ref_grammar import SELF, expand_first_token, gap_connectors, load_patterns, references_in


def refs(text: str, lang: str = "zh", jurisdiction: str | None = None, selves: tuple[str, ...] = ()):
    """(anchor, steps) of each reference; steps as (level, value) with hits shown by name."""
    juris = jurisdiction or ("CN" if lang == "zh" else "EU")
    out = []
    for r in references_in(text, lang, juris, selves):
        steps = []
        for s in r.steps:
            value = s.value
            if isinstance(value, Hit):
                value = value.work or value.instrument or value.external.id
            steps.append((s.level, value))
        out.append((text[r.start : r.end], steps))
    return out


# -- Chinese ----------------------------------------------------------------------------------------------------


def test_zh_self_instrument_and_article():
    assert refs("违反本办法第九条规定的，予以警告。") == [
        ("本办法第九条", [("instrument", SELF), ("article", "9")])
    ]


def test_zh_article_paragraph_point():
    [(anchor, steps)] = refs("依照第十七条第一款第三项处理。")
    assert anchor == "第十七条第一款第三项"
    assert steps == [("article", "17"), ("paragraph", "1"), ("point", "3")]


def test_zh_previous_paragraphs():
    assert refs("有前款情形的") == [("前款", [("rel", ("prev_para", 1))])]
    assert [s for _, s in refs("前两款规定的部门")] == [
        [("rel", ("prev_para", 2))],
        [("rel", ("prev_para", 1))],
    ]


def test_zh_this_article_paragraph_and_previous_article():
    assert refs("本条第二款所称的机构") == [
        ("本条第二款", [("rel", ("this_article", 0)), ("paragraph", "2")])
    ]
    assert refs("告知前条第一款规定的事项") == [
        ("前条第一款", [("rel", ("prev_article", 1)), ("paragraph", "1")])
    ]


def test_zh_bracketed_point_of_previous_paragraph():
    assert refs("有前款第（一）项行为的") == [("前款第（一）项", [("rel", ("prev_para", 1)), ("point", "1")])]


def test_zh_list_shares_the_coarser_context():
    found = refs("违反本法第十二条第一款、第二款和第三十八条第一款规定")
    assert [s for _, s in found] == [
        [("instrument", SELF), ("article", "12"), ("paragraph", "1")],
        [("instrument", SELF), ("article", "12"), ("paragraph", "2")],
        [("instrument", SELF), ("article", "38"), ("paragraph", "1")],
    ]
    assert [a for a, _ in found] == ["本法第十二条第一款", "第二款", "第三十八条第一款"]


def test_zh_ranges_of_articles_and_points():
    arts = refs("违反第四十一条至第四十三条规定的")
    assert [s[-1] for _, s in arts] == [("article", "41"), ("article", "42"), ("article", "43")]
    assert (
        arts[-1][0] == "第四十一条至第四十三条"
    )  # the articles the range adds are anchored on the whole range
    points = refs("有前款第二项至第四项情形的")
    assert [s for _, s in points] == [[("rel", ("prev_para", 1)), ("point", n)] for n in ("2", "3", "4")]


def test_zh_that_paragraph_points_back():
    found = refs("造成本法第九条第三款所列后果的，依照该款处理。")
    assert found[-1] == ("该款", [("instrument", SELF), ("article", "9"), ("paragraph", "3")])


def test_zh_titles_resolve_through_aliases():
    found = refs("应当遵守《中华人民共和国网络安全法》和《互联网信息服务算法推荐管理规定》的规定")
    assert [s for _, s in found] == [
        [("instrument", "csl")],  # a work: the version is chosen as of the citing instrument's date
        [("instrument", "algorithm-recommendation-2021")],
    ]


def test_zh_unknown_title_becomes_an_unlisted_stub():
    [(_, [(_, value)])] = refs("依照《某某示范管理办法》处理")
    assert value.startswith("cn-title-")


def test_zh_basis_sentence_is_marked_and_bare_constitution_only_there():
    found = references_in("为了示范，根据宪法和《互联网信息服务管理办法》，制定本规定。", "zh", "CN")
    assert [r.basis for r in found] == [True, True]
    assert refs("使用网络应当遵守宪法和法律。") == []  # 宪法 outside 根据…制定 is not read as a citation


def test_zh_self_reference_alone_is_not_a_reference():
    assert refs("本规定自公布之日起施行。") == []


def test_zh_amendment_marker():
    found = references_in("将第十八条改为第十九条。", "zh", "CN")
    assert [r.after_amend_to for r in found] == [False, True]


# -- English (EU acts) ------------------------------------------------------------------------------------------


def test_en_article_with_paragraph_and_point():
    assert refs("as set out in Article 5(1)(d).", "en") == [
        ("Article 5(1)(d)", [("article", "5"), ("des", "1"), ("des", "d")])
    ]


def test_en_point_of_article_is_qualified_by_of():
    [(anchor, steps)] = refs("the systems referred to in point (a) of Article 6(2) shall", "en")
    assert anchor == "point (a) of Article 6(2)"
    assert steps == [("article", "6"), ("des", "2"), ("point", "a")]


def test_en_ranges_and_lists():
    assert len(refs("the requirements of Articles 8 to 15 apply", "en")) == 8
    assert [s for _, s in refs("Article 31(4), (5) and (10)", "en")] == [
        [("article", "31"), ("des", n)] for n in ("4", "5", "10")
    ]
    assert [s for _, s in refs("the procedures in paragraphs (3) to (5) shall", "en")] == [
        [("paragraph", n)] for n in ("3", "4", "5")
    ]


def test_en_a_number_followed_by_a_unit_is_not_a_designator():
    assert [a for a, _ in refs("within Article 5, 15 days after", "en")] == ["Article 5"]


def test_en_structure():
    assert refs("listed in Annex III.", "en") == [("Annex III", [("annex", "III")])]
    assert refs("under Title III and", "en") == [("Title III", [("title", "III")])]
    assert refs("set out in Chapter 2 of Title III", "en") == [
        ("Chapter 2 of Title III", [("title", "III"), ("chapter", "2")])
    ]
    assert refs("in Section 2 of this Chapter", "en") == [
        ("Section 2 of this Chapter", [("rel", ("this_chapter", 0)), ("section", "2")])
    ]


def test_en_relative_references():
    assert refs("referred to in paragraph 1 shall", "en") == [("paragraph 1", [("paragraph", "1")])]
    assert refs("pursuant to paragraph 2 of this Article", "en") == [
        ("paragraph 2 of this Article", [("rel", ("this_article", 0)), ("paragraph", "2")])
    ]


def test_en_eu_acts_by_number_and_anaphora():
    found = refs("Article 2 of Directive (EU) 2016/680 and Article 11 of that Directive", "en")
    assert [s for _, s in found] == [
        [("instrument", "eu-directive-2016-680"), ("article", "2")],
        [("instrument", "eu-directive-2016-680"), ("article", "11")],
    ]
    acts = [
        s[0][1]
        for _, s in refs(
            "Regulation (EU) 2016/679, Directive 2001/95/EC and Regulation (EC) No 765/2008", "en"
        )
    ]
    assert acts == ["eu-regulation-2016-679", "eu-directive-2001-95", "eu-regulation-2008-765"]


def test_en_treaty_named_after_article():
    assert refs("based on Article 16 TFEU.", "en") == [
        ("Article 16 TFEU", [("instrument", "eu-tfeu"), ("article", "16")])
    ]


# -- English (translations of Chinese law) -----------------------------------------------------------------------


def test_en_translation_forms():
    text = "Items (2) to (4) of the preceding paragraph; the first paragraph of the preceding article."
    found = refs(text, "en", "CN")
    assert [s for _, s in found] == [
        [("rel", ("prev_para", 1)), ("point", "2")],
        [("rel", ("prev_para", 1)), ("point", "3")],
        [("rel", ("prev_para", 1)), ("point", "4")],
        [("rel", ("prev_article", 1)), ("paragraph", "1")],
    ]


def test_en_translation_list_qualified_by_this_law():
    found = refs(
        "breaches Article 12, paragraphs 1 and 2, and Article 38, paragraph 1 of this Law", "en", "CN"
    )
    assert [s for _, s in found] == [
        [("instrument", SELF), ("article", "12"), ("paragraph", "1")],
        [("instrument", SELF), ("article", "12"), ("paragraph", "2")],
        [("instrument", SELF), ("article", "38"), ("paragraph", "1")],
    ]


def test_en_paragraph_of_the_next_article_is_not_a_refinement():
    found = refs(
        "breaches Article 3, Article 4, paragraph 2 of Article 5 or Article 6 of these Provisions",
        "en",
        "CN",
    )
    assert [s for _, s in found] == [
        [("instrument", SELF), ("article", "3")],
        [("instrument", SELF), ("article", "4")],
        [("instrument", SELF), ("article", "5"), ("paragraph", "2")],
        [("instrument", SELF), ("article", "6")],
    ]
    assert [a for a, _ in found][:2] == [
        "Article 3",
        "Article 4",
    ]  # qualifiers far away do not stretch anchors


def test_en_own_name_for_itself_only_where_declared():
    text = "in accordance with these measures and Article 3 of these measures"
    assert refs(text, "en", "CN", ("these measures",))[-1][1] == [("instrument", SELF), ("article", "3")]
    assert refs(text, "en", "EU")[-1][1] == [("article", "3")]  # EU texts: "these measures" is not a name


# -- the pattern files ------------------------------------------------------------------------------------------


def test_pattern_files_load_and_name_the_line_of_an_error(tmp_path):
    assert {r.label for r in load_patterns("zh")} >= {"ART", "PARA", "POINT", "REL", "SELF", "NAMED", "CONJ"}
    (tmp_path / "references.en.jsonl").write_text(
        json.dumps({"id": "ok", "label": "ART", "pattern": [{"LOWER": "article"}]}) + "\n{not json\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"references\.en\.jsonl:2"):
        load_patterns("en", tmp_path)
    (tmp_path / "references.en.jsonl").write_text(
        json.dumps({"id": "x", "label": "NOPE", "pattern": []}) + "\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="unknown label"):
        load_patterns("en", tmp_path)


def test_first_token_expansion_is_equivalent():
    pattern = [{"ORTH": "第", "OP": "?"}, {"LOWER": {"IN": ["a", "b"]}}, {"ORTH": "x"}]
    expanded = expand_first_token(pattern)
    assert [{"LOWER": "a"}, {"ORTH": "x"}] in expanded
    assert [{"ORTH": "第"}, {"LOWER": {"IN": ["a", "b"]}}, {"ORTH": "x"}] in expanded
    assert len(expanded) == 3


def test_connectors_come_from_the_pattern_files():
    assert gap_connectors(" and ", "en") == ["and"]
    assert gap_connectors(", of the ", "en") == ["comma", "of", "filler"]
    assert gap_connectors("以及", "zh") == ["and"]
    assert gap_connectors(" shall ", "en") is None
