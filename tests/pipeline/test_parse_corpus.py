"""The exact counts of the ingestion issue, on the real corpus, through the whole pipeline (read, align, check)."""

import json

import pytest

from regkg.health import count_nodes, health

pytestmark = pytest.mark.corpus

COUNTS = {
    # id: (articles, chapters or titles, extra checks)
    "genai-measures-2023": {"article": 24, "chapter": 5},
    "deep-synthesis-2022": {"article": 25, "chapter": 5},
    "algorithm-recommendation-2021": {"article": 35, "chapter": 6},
    "pipl-2021": {"article": 74, "chapter": 8},
    "csl-2016": {"article": 79, "chapter": 7},
    "eu-ai-act-proposal-2021": {"article": 85, "recital": 89, "title": 12, "annex": 9},
    "csl-2025": {"article": 81, "chapter": 7},
    "dsl-2021": {"article": 55, "chapter": 7},
    "eu-ai-act-2024": {"article": 113, "recital": 180, "chapter": 13, "annex": 13},
    "csl-amendment-2025": {"item": 14},
}


@pytest.mark.parametrize("iid", sorted(COUNTS))
def test_exact_counts(parsed, iid):
    counts = count_nodes(parsed[iid].instrument.body)
    for kind, n in COUNTS[iid].items():
        assert counts.get(kind, 0) == n, f"{iid}: {kind}"


def _points(article, para=None):
    paras = [c for c in article.children if c.kind == "paragraph"]
    target = paras if para is None else [paras[para - 1]]
    return [p.num for pa in target for p in pa.children if p.kind == "point"]


def test_structure_anchors(parsed):
    genai = parsed["genai-measures-2023"].instrument
    assert _points(genai.article("4")) == ["1", "2", "3", "4", "5"]
    deep = parsed["deep-synthesis-2022"].instrument
    assert _points(deep.article("17"), 1) == ["1", "2", "3", "4", "5"]
    pipl = parsed["pipl-2021"].instrument
    art13 = pipl.article("13")
    assert [c.kind for c in art13.children] == ["paragraph", "paragraph"]
    assert _points(art13, 1) == [str(i) for i in range(1, 8)]
    proposal = parsed["eu-ai-act-proposal-2021"].instrument
    assert _points(proposal.article("5"), 1) == ["a", "b", "c", "d"]
    final = parsed["eu-ai-act-2024"].instrument
    assert "Transparency" in final.article("50").heading.en


@pytest.mark.parametrize("iid", sorted(COUNTS))
def test_parse_health_has_no_problems(parsed, iid):
    h = health(parsed[iid])
    assert h.problems == []


def test_inferred_structure_is_reported(parsed):
    h = health(parsed["deep-synthesis-2022"])
    assert any("art 17" in line for line in h.inferred)
    art17 = parsed["deep-synthesis-2022"].instrument.article("17")
    assert art17.children[0].inferred or any(p.inferred for p in art17.children[0].children)


BILINGUAL = [
    "genai-measures-2023",
    "deep-synthesis-2022",
    "algorithm-recommendation-2021",
    "pipl-2021",
    "csl-2016",
    "csl-2025",
]


@pytest.mark.parametrize("iid", BILINGUAL)
def test_chinese_and_english_aligned_to_the_point(parsed, iid):
    r = parsed[iid]
    assert r.alignment_problems == []
    inst = r.instrument
    assert inst.authoritative_lang == "zh"
    for n in inst.walk():
        if n.kind in ("paragraph", "point", "subpoint") and n.text.zh:
            assert n.text.en, f"{iid} {n.eid} has no English"


def test_eu_texts_are_english_only_and_authoritative(parsed):
    for iid in ("eu-ai-act-proposal-2021", "eu-ai-act-2024"):
        inst = parsed[iid].instrument
        assert inst.languages == ("en",) and inst.authoritative_lang == "en"


def test_expressions_say_who_translated(parsed):
    exprs = {e.lang: e for e in parsed["deep-synthesis-2022"].instrument.expressions}
    assert exprs["zh"].authoritative and not exprs["en"].authoritative
    assert exprs["en"].translator == "regkg" and exprs["en"].status == "unofficial translation — regkg"
    npc = {e.lang: e for e in parsed["pipl-2021"].instrument.expressions}["en"]
    assert npc.status == "official reference translation"


def test_cross_checks_of_duplicate_copies_agree(parsed):
    checked = {name for r in parsed.values() for name in r.crosscheck}
    assert {"zh.md", "zh.official.html", "zh.json"} <= checked
    for r in parsed.values():
        for name, diffs in r.crosscheck.items():
            assert diffs == [], (r.instrument.id, name)


def test_parse_json_dump(corpus_cache, capsys, monkeypatch):
    from regkg.cli import main

    monkeypatch.setenv("REGKG_CACHE", str(corpus_cache))
    assert main(["parse", "pipl-2021", "--json", "--no-cache"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "pipl-2021"

    def walk(nodes):
        for n in nodes:
            yield n
            yield from walk(n.get("children", []))

    art13 = [n for n in walk(data["body"]) if n["kind"] == "article" and n["num"] == "13"]
    assert len(art13) == 1
    point = art13[0]["children"][0]["children"][1]
    assert point["eid"] == "chp_2__sec_1__art_13__para_1__point_2"
    assert point["text"]["zh"] and point["text"]["en"]


def test_parse_report_exit_status_zero(corpus_cache, capsys, monkeypatch):
    from regkg.cli import main

    monkeypatch.setenv("REGKG_CACHE", str(corpus_cache))
    assert main(["parse", "--report-json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == set(COUNTS)
    assert all(not r["problems"] for r in report.values())


def test_every_chapter_of_a_bilingual_instrument_has_both_headings(parsed):
    for iid in BILINGUAL:
        for n in parsed[iid].instrument.walk():
            if n.kind in ("chapter", "section"):
                assert n.heading.zh and n.heading.en, (iid, n.eid)
