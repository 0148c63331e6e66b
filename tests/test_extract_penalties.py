"""Penalties: amounts, ranges, currencies, bearers and sanctioned provisions, on invented text and the corpus."""

from __future__ import annotations

import extract_helpers
import pytest
from extract_helpers import article, facts

from regkg.extract.citations import en_citations, zh_citations
from regkg.extract.penalties import en_amounts, zh_amounts, zh_number

corpus_facts = extract_helpers.corpus_facts  # the session fixture of the corpus facts


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一万", 10000),
        ("十万", 100000),
        ("一百万", 1000000),
        ("五千万", 50000000),
        ("二百万", 2000000),
        ("五千", 5000),
        ("3", 3),
    ],
)
def test_zh_number(text, value):
    assert zh_number(text) == value


def test_zh_amounts():
    [a] = zh_amounts("处一万元以上十万元以下罚款")
    assert (a.lo, a.hi, a.currency) == (10000, 100000, "CNY")
    [a] = zh_amounts("处一百万元以下罚款")
    assert (a.lo, a.hi) == (None, 1000000)
    [a] = zh_amounts("处五千万元以下或者上一年度营业额百分之五以下罚款")
    assert (a.hi, a.pct, a.basis, a.currency) == (50000000, 5, "turnover", "CNY")
    [a] = zh_amounts("处违法所得一倍以上十倍以下罚款")
    assert (a.lo, a.hi, a.basis, a.currency) == (1, 10, "illegal gains", None)


def test_zh_condition_amount_is_not_a_fine():
    assert zh_amounts("违法所得十万元以上的，处违法所得一倍以上五倍以下罚款") != []
    assert all(
        a.basis == "illegal gains" for a in zh_amounts("违法所得十万元以上的，处违法所得一倍以上五倍以下罚款")
    )
    assert zh_amounts("违法所得不足十万元的，没收违法所得") == []


def test_en_amounts():
    [a] = en_amounts(
        "shall incur administrative fines of up to 30 000 000 EUR or, for a firm, up to 6 % of its yearly turnover"
    )
    assert (a.hi, a.currency, a.pct) == (30000000, "EUR", 6)
    [a] = en_amounts("a fine of not less than RMB 20,000 but not more than RMB 300,000 is due")
    assert (a.lo, a.hi, a.currency) == (20000, 300000, "CNY")
    [a] = en_amounts("a fine of RMB 5,000 to RMB 50,000 shall be imposed on the person")
    assert (a.lo, a.hi) == (5000, 50000)
    [a] = en_amounts("a fine of not more than RMB 50 million yuan")
    assert a.hi == 50000000
    [a] = en_amounts("a fine of one to ten times the illegal gains")
    assert (a.lo, a.hi, a.basis) == (1, 10, "illegal gains")
    assert en_amounts("where the illegal gains are less than RMB 100,000") == []


def test_citations():
    assert zh_citations("违反本办法第七条、第九条第一款规定的") == ["art_7", "art_9__para_1"]
    assert zh_citations("违反本法第十七条第一款第三项规定") == ["art_17__para_1__point_3"]
    assert en_citations("in violation of Articles 21 and 25 of this Law") == ["art_21", "art_25"]
    assert en_citations("referred to in Article 5(1)(a)") == ["art_5__para_1__point_a"]


def test_penalty_article_invented():
    text = (
        "提供者违反本办法第一条规定的，由有关主管部门责令改正，给予警告，处一万元以上五万元以下罚款，"
        "对直接负责的主管人员处一千元以上五千元以下罚款。"
    )
    ex = facts("genai-measures-2023", article("提供者应当公开规则。"), article(text))
    fines = sorted((p for p in ex.penalties if p.amount_max), key=lambda p: -p.amount_max)
    assert [(p.amount_min, p.amount_max, p.bearer) for p in fines] == [
        (10000, 50000, "cn:genai-service-provider"),
        (1000, 5000, "cn:directly-responsible-persons"),
    ]
    assert {p.sanctioned for p in ex.penalties} == {("art_1",)}
    other = [p for p in ex.penalties if p.amount_max is None]
    assert other and set(other[0].sanctions) == {"rectification-order", "warning"}
    for p in ex.penalties:
        assert text[p.evidence.start : p.evidence.end] == p.evidence.text


def test_preceding_paragraph_penalty_inherits():
    ex = facts(
        "csl-2016",
        article("网络运营者应当保存日志。"),
        article(
            "网络运营者违反本法第一条规定的，处一万元以上十万元以下罚款。",
            "有前款行为，情节严重的，处十万元以上一百万元以下罚款。",
        ),
    )
    second = [p for p in ex.penalties if p.evidence.eid.endswith("para_2")]
    assert second[0].sanctioned == ("art_1",)
    assert second[0].bearer == "cn:network-operator"


@pytest.mark.corpus
def test_csl_2016_article_64_fines(corpus_facts, parsed):
    art = parsed["csl-2016"].instrument.article("64")
    eids = {n.eid for n in art.walk()}
    fines = [
        p
        for p in corpus_facts["csl-2016"].penalties
        if p.evidence.eid in eids and p.evidence.lang == "zh" and "fine" in p.sanctions
    ]
    para1 = [p for p in fines if p.evidence.eid.endswith("para_1")]
    ranges = {(p.amount_min, p.amount_max, p.currency, p.amount_basis, p.bearer) for p in para1}
    assert ranges == {
        (1, 10, None, "illegal gains", "cn:network-operator"),
        (None, 1000000, "CNY", None, "cn:network-operator"),
        (10000, 100000, "CNY", None, "cn:directly-responsible-persons"),
    }
    sanctioned = {e.split("__", 1)[-1] if e.startswith("chp") else e for e in para1[0].sanctioned}
    paths = {e.rsplit("__art_", 1)[-1] for e in para1[0].sanctioned}
    assert paths == {"22__para_3", "41", "42", "43"}, sanctioned
    others = {s for p in corpus_facts["csl-2016"].penalties if p.evidence.eid in eids for s in p.sanctions}
    assert {
        "warning",
        "confiscation",
        "rectification-order",
        "suspension",
        "website-closure",
        "licence-revocation",
    } <= others


@pytest.mark.corpus
def test_pipl_turnover_cap(corpus_facts):
    caps = [p for p in corpus_facts["pipl-2021"].penalties if p.turnover_percent and p.evidence.lang == "zh"]
    assert [(p.amount_max, p.currency, p.turnover_percent) for p in caps] == [(50000000, "CNY", 5)]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("iid", "para", "cap", "pct", "cited"),
    [
        ("eu-ai-act-proposal-2021", "art_71__para_3", 30000000, 6, {"art_5", "art_10"}),
        ("eu-ai-act-proposal-2021", "art_71__para_4", 20000000, 4, set()),
        ("eu-ai-act-2024", "art_99__para_3", 35000000, 7, {"art_5"}),
    ],
)
def test_eu_fines(corpus_facts, iid, para, cap, pct, cited):
    from regkg.eid import provision_path

    [p] = [p for p in corpus_facts[iid].penalties if provision_path(p.evidence.eid) == para]
    assert (p.amount_max, p.currency, p.turnover_percent) == (cap, "EUR", pct)
    assert {provision_path(e) for e in p.sanctioned} == cited
