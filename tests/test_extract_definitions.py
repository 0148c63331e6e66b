"""Definitions on invented sentences, and the definition articles of the real corpus."""

from __future__ import annotations

import extract_helpers
import pytest
from extract_helpers import article, facts

corpus_facts = extract_helpers.corpus_facts  # the session fixture of the corpus facts

GENAI = "genai-measures-2023"
PROPOSAL = "eu-ai-act-proposal-2021"


def test_zh_definition_patterns():
    ex = facts(
        GENAI,
        article(
            (
                "本办法下列用语的含义：",
                ["甲类模型，是指用于测试的模型。", "本办法所称乙类数据，是指经过清洗的数据。"],
            )
        ),
        article("提供者训练甲类模型时，应当使用乙类数据。"),
    )
    terms = {d.term: d for d in ex.definitions}
    assert set(terms) == {"甲类模型", "乙类数据"}
    assert terms["甲类模型"].definition == "用于测试的模型"
    assert terms["甲类模型"].evidence.eid.endswith("point_1")
    # used in article 2, not counted where it is defined
    assert terms["乙类数据"].used_in == ("art_2__para_1",)


def test_zh_genus_and_enumeration():
    ex = facts(
        GENAI,
        article("测试信息是以任何方式记录的与样本有关的各种信息。", "测试信息的处理包括收集、存储和删除。"),
    )
    assert [d.term for d in ex.definitions] == ["测试信息", "测试信息的处理"]


def test_zh_is_not_a_definition_without_a_shared_head():
    ex = facts(GENAI, article("提供者是本办法的主要义务人。"))
    assert ex.definitions == []


def test_en_definition_patterns():
    spec = (
        "For the purposes of this Act, these definitions apply:",
        ["‘widget’ means a small device used in tests;", "‘‘smart’ widget’ means a widget with a sensor;"],
    )
    ex = facts(PROPOSAL, article(spec, "Providers shall register each widget.", lang="en"), jurisdiction="EU")
    terms = {d.term: d for d in ex.definitions}
    assert set(terms) == {"widget", "‘smart’ widget"}
    assert terms["widget"].definition == "a small device used in tests"
    assert "art_1__para_2" in terms["widget"].used_in


def test_en_unquoted_definition_only_in_a_definition_article():
    plain = facts(GENAI, article("Widget technology refers to tools that make widgets.", lang="en"))
    assert plain.definitions == []
    spec = (
        "The following terms have these meanings:",
        ["Widget technology refers to tools that make widgets."],
    )
    assert [d.term for d in facts(GENAI, article(spec, lang="en")).definitions] == ["Widget technology"]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("iid", "lang", "article_num", "expected"),
    [
        ("pipl-2021", "zh", "73", 4),
        ("pipl-2021", "en", "73", 4),
        ("genai-measures-2023", "zh", "22", 3),
        ("deep-synthesis-2022", "zh", "23", 6),
        ("csl-2016", "zh", "76", 5),
        ("csl-2025", "zh", "78", 5),
        ("dsl-2021", "zh", "3", 3),
        ("eu-ai-act-proposal-2021", "en", "3", 44),
        ("eu-ai-act-2024", "en", "3", 68),
    ],
)
def test_definition_articles(corpus_facts, parsed, iid, lang, article_num, expected):
    art = parsed[iid].instrument.article(article_num)
    eids = {n.eid for n in art.walk()}
    # names given in passing inside a definition ((‘Union harmonisation legislation’)) are counted apart
    found = [
        d
        for d in corpus_facts[iid].definitions
        if d.lang == lang and d.evidence.eid in eids and "inline" not in d.evidence.rule
    ]
    assert len(found) == expected, [d.term for d in found]
    assert len({d.term for d in found}) == expected


@pytest.mark.corpus
def test_pipl_defines_personal_information_and_its_uses(corpus_facts):
    defs = {(d.term, d.lang): d for d in corpus_facts["pipl-2021"].definitions}
    assert ("个人信息", "zh") in defs and ("敏感个人信息", "zh") in defs
    assert len(defs[("个人信息处理者", "zh")].used_in) > 30
    proposal = {d.term: d for d in corpus_facts["eu-ai-act-proposal-2021"].definitions}
    assert proposal["provider"].definition.startswith("a natural or legal person")
    assert len(proposal["provider"].used_in) > 20


def test_inline_names():
    ex = facts(GENAI, article("利用测试技术提供的服务（以下简称测试服务），应当遵守本办法。"))
    [d] = ex.definitions
    assert (d.term, d.definition) == ("测试服务", "利用测试技术提供的服务")
    ex = facts(
        PROPOSAL,
        article("Widgets that imitate persons (‘fake widgets’) shall be labelled.", lang="en"),
        jurisdiction="EU",
    )
    assert [d.term for d in ex.definitions] == ["fake widgets"]
