"""The citation resolver on invented provision trees under the corpus ids (the real aliases and manifest): every
citation form, the version chosen for a date, and the error messages."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from regkg import eid as eids
from regkg.model import Expression, Instrument, Node, Texts
from regkg.resolver import CitationError, ModelSource, resolve, split_citation


def p(num: str, text: str, points=()) -> Node:
    zh = text if any("\u4e00" <= c <= "\u9fff" for c in text) else None
    return Node("paragraph", num, text=Texts(zh=zh, en=None if zh else text), children=tuple(points))


def pt(num: str, text: str) -> Node:
    zh = text if any("\u4e00" <= c <= "\u9fff" for c in text) else None
    return Node("point", num, text=Texts(zh=zh, en=None if zh else text))


def a(num: str, *paras: Node) -> Node:
    return Node("article", num, children=paras)


def inst(iid: str, lang: str, *body: Node) -> SimpleNamespace:
    expr = (Expression(lang, True, "test", "official", ()),)
    return SimpleNamespace(instrument=Instrument(iid, Texts(), "CN", "law", eids.assign(tuple(body)), expr))


CN_ARTICLE_13 = a("13", p("1", "甲乙丙：", [pt("1", "示例一；"), pt("2", "示例二；")]), p("2", "示例款。"))


@pytest.fixture(scope="module")
def source():
    results = {
        "pipl-2021": inst("pipl-2021", "zh", Node("chapter", "2", children=(CN_ARTICLE_13,))),
        "csl-2016": inst("csl-2016", "zh", a("42", p("1", "旧文本。"))),
        "csl-2025": inst("csl-2025", "zh", a("42", p("1", "新文本。"))),
        "genai-measures-2023": inst(
            "genai-measures-2023", "zh", a("9", p("1", "第一款。"), p("2", "第二款。"))
        ),
        "eu-ai-act-2024": inst(
            "eu-ai-act-2024",
            "en",
            Node("preamble", "", children=(Node("recital", "12", text=Texts(en="An invented recital.")),)),
            a("6", p("1", "Invented one."), p("2", "Invented two.")),
            a("50", p("1", "Invented transparency.")),
            Node("annex", "III", heading=Texts(en="Invented annex"), children=(p("1", "Invented area."),)),
        ),
        "eu-ai-act-proposal-2021": inst(
            "eu-ai-act-proposal-2021",
            "en",
            a("3", p("1", "Definitions:", [pt("44", "an invented term")])),
            a("5", p("1", "Practices:", [pt("d", "an invented practice")]), p("2", "Invented limits.")),
        ),
    }
    return ModelSource(results)


TODAY = dt.date(2026, 6, 1)


def res(source, citation: str, **kw) -> dict:
    return resolve(citation, source, today=lambda: TODAY, **kw)


@pytest.mark.parametrize(
    ("citation", "instrument", "article", "paragraph", "point"),
    [
        ("PIPL art. 13", "pipl-2021", "13", None, None),
        ("PIPL 13", "pipl-2021", "13", None, None),
        ("PIPL Article 13(1)", "pipl-2021", "13", 1, None),
        ("Interim Measures, art. 9, para. 1", "genai-measures-2023", "9", 1, None),
        ("Art. 5(1)(d) AI Act proposal", "eu-ai-act-proposal-2021", "5", 1, "d"),
        ("Article 3(44) AI Act proposal", "eu-ai-act-proposal-2021", "3", None, "44"),
        ("Article 6(2) AI Act", "eu-ai-act-2024", "6", 2, None),
        ("AI Act Art. 50", "eu-ai-act-2024", "50", None, None),
        ("Annex III AI Act", "eu-ai-act-2024", "ANNEX III", None, None),
        ("Recital 12 AI Act", "eu-ai-act-2024", "RECITAL 12", None, None),
        ("《个人信息保护法》第十三条第一款第二项", "pipl-2021", "13", 1, "2"),
        ("个人信息保护法第十三条第二款", "pipl-2021", "13", 2, None),
        ("网络安全法第四十二条", "csl-2025", "42", None, None),
    ],
)
def test_citation_forms(source, citation, instrument, article, paragraph, point):
    r = res(source, citation)
    assert (r["instrument"], r["article"], r["paragraph"], r["point"]) == (
        instrument,
        article,
        paragraph,
        point,
    )
    assert r["iri"].startswith("https://w3id.org/regkg/") and r["text"]


def test_result_carries_text_label_and_iri(source):
    r = res(source, "《个人信息保护法》第十三条第一款")
    assert r["eid"] == "chp_2__art_13__para_1"
    assert r["iri"] == "https://w3id.org/regkg/cn/pipl/2021/art_13/para_1"
    assert r["text"] == "甲乙丙：\n示例一；\n示例二；"  # the node with its points
    assert r["labels"]["zh"] == "第十三条第一款"


def test_default_instrument_context(source):
    assert res(source, "第十三条", default_instrument="pipl-2021")["eid"] == "chp_2__art_13"
    with pytest.raises(CitationError, match="names no instrument"):
        res(source, "第十三条")


def test_version_chosen_as_of_a_date(source):
    old = res(source, "网络安全法第四十二条", as_of="2024-01-01")
    assert (
        old["version"] == "csl-2016" and old["text"] == "旧文本。" and "2024-01-01" in old["version_reason"]
    )
    new = res(source, "网络安全法第四十二条")
    assert new["version"] == "csl-2025" and new["as_of"] == TODAY.isoformat()
    assert res(source, "CSL 2016 art. 42")["version"] == "csl-2016"  # a version named explicitly is kept


def test_ai_act_alone_means_the_final_act(source):
    assert res(source, "AI Act Art. 50", as_of=dt.date(2025, 1, 1))["instrument"] == "eu-ai-act-2024"
    assert res(source, "Article 5(1)(d) AI Act proposal")["instrument"] == "eu-ai-act-proposal-2021"


def test_instrument_alone(source):
    r = res(source, "PIPL")
    assert (
        r["kind"] == "instrument"
        and r["article"] is None
        and r["iri"] == "https://w3id.org/regkg/cn/pipl/2021"
    )


@pytest.mark.parametrize(
    ("citation", "message"),
    [
        ("PIPLX art. 13", "no instrument matches 'PIPLX'"),
        ("PIPL art. 99", r"PIPL \(pipl-2021\) has no article 99"),
        ("PIPL art. 13, para. 5", "article 13 of pipl-2021 has no paragraph 5"),
        ("PIPL art. 13(5)", "article 13 of pipl-2021 has no paragraph 5"),
        ("PIPL art. 13 banana", "did not understand 'banana'"),
        ("GDPR art. 5", "outside the corpus"),
        ("PIPL Articles 13 to 15", "names 3 provisions"),
        ("", "empty citation"),
    ],
)
def test_errors_name_the_part_not_understood(source, citation, message):
    with pytest.raises(CitationError, match=message):
        res(source, citation)


def test_bad_date_is_reported(source):
    with pytest.raises(CitationError, match="not a date"):
        res(source, "PIPL 13", as_of="last year")


def test_split_prefers_the_longest_name_and_respects_word_boundaries():
    assert split_citation("Art. 5 AI Act proposal").hit.instrument == "eu-ai-act-proposal-2021" or (
        split_citation("Art. 5 AI Act proposal").hit.work == "eu-ai-act-proposal"
    )
    assert split_citation("PIPLX 13").hit is None
    assert split_citation("PIPL 13(1)").rest == "Article 13(1)"
