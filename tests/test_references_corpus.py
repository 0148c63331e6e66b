"""Cross-references on the real corpus: the issue's examples, coverage of every citation-like token, the graph
layer in the built store, the stats and the saved queries."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from regkg.eid import provision_path
from regkg.extract.references import extract_references, provision_text
from regkg.store import select

pytestmark = pytest.mark.corpus
QUERIES = Path(__file__).resolve().parents[1] / "queries"


@pytest.fixture(scope="module")
def found(parsed):
    return extract_references(parsed)


def at(found, iid: str, path: str, lang: str = "zh"):
    return [r for r in found[iid] if provision_path(r.evidence.eid) == path and r.evidence.lang == lang]


def target(r) -> tuple:
    return (r.target_instrument or r.target_external, provision_path(r.target_eid) if r.target_eid else None)


def test_genai_article_1_is_based_on_the_2016_csl_dsl_and_pipl(found):
    based = {target(r) for r in at(found, "genai-measures-2023", "art_1__para_1") if r.relation == "based_on"}
    assert {("csl-2016", None), ("dsl-2021", None), ("pipl-2021", None)} <= based
    assert ("csl-2025", None) not in based  # a 2023 rule cites the CSL in force in 2023
    assert ("cn-science-technology-progress-law", None) in based  # outside the corpus: a stub


def test_deep_synthesis_previous_paragraph_in_article_17(found):
    [ref] = at(found, "deep-synthesis-2022", "art_17__para_2")
    assert (ref.anchor, target(ref), ref.kind) == (
        "前款",
        ("deep-synthesis-2022", "art_17__para_1"),
        "internal",
    )
    [en] = at(found, "deep-synthesis-2022", "art_17__para_2", "en")
    assert target(en) == target(ref)


def test_ai_act_proposal_article_52_cites_its_paragraphs_and_title_iii(found):
    cited = {target(r) for r in at(found, "eu-ai-act-proposal-2021", "art_52__para_4", "en")}
    assert {("eu-ai-act-proposal-2021", "title_III")} | {
        ("eu-ai-act-proposal-2021", f"art_52__para_{n}") for n in (1, 2, 3)
    } <= cited


def test_pipl_points_of_the_previous_paragraph(found):
    cited = [target(r) for r in at(found, "pipl-2021", "art_13__para_2")]
    assert cited == [("pipl-2021", f"art_13__para_1__point_{n}") for n in range(2, 8)]


def test_amendment_decision_cites_the_amended_and_the_consolidated_law(found):
    item = [(r.anchor, target(r)) for r in found["csl-amendment-2025"] if r.evidence.eid == "item_2"]
    assert item[:2] == [("第十八条", ("csl-2016", "art_18")), ("第十九条", ("csl-2025", "art_19"))]


def test_every_citation_like_token_of_the_chinese_texts_is_read(parsed, found):
    """Recall on the whole corpus: each 第…条/款/项, 前款, 本条, 该款, 本章/本节 and 《title》 lies in a reference."""
    token = re.compile(
        r"第[一二三四五六七八九十百零]+[条款项]|前[两三]?款|前条|本条|该款|本[章节]|《[^》]+》"
    )
    missed = []
    for iid, result in parsed.items():
        spans: dict[str, list[tuple[int, int]]] = {}
        for r in found[iid]:
            if r.evidence.lang == "zh":
                spans.setdefault(r.evidence.eid, []).append((r.evidence.start, r.evidence.end))
        for node in result.instrument.walk():
            text = provision_text(node, "zh") or ""
            for m in token.finditer(text):
                if not any(s <= m.start() and m.end() <= e for s, e in spans.get(node.eid, [])):
                    missed.append((iid, node.eid, m.group()))
    assert missed == []


def test_every_cited_title_is_listed_in_the_aliases(found):
    unlisted = {
        r.anchor for refs in found.values() for r in refs if (r.target_external or "").startswith("cn-title-")
    }
    assert unlisted == set()


def test_resolved_references_name_an_existing_node(parsed, found):
    for _iid, refs in found.items():
        for r in refs:
            if r.resolved and r.target_eid:
                parsed[r.target_instrument].instrument.find(
                    r.target_eid
                )  # raises KeyError if it does not exist


def test_references_and_evidence_agree_with_the_text(parsed, found):
    for iid, refs in found.items():
        for r in refs:
            text = provision_text(parsed[iid].instrument.find(r.evidence.eid), r.evidence.lang)
            assert text[r.evidence.start : r.evidence.end] == r.anchor == r.evidence.text


# -- the built graph --------------------------------------------------------------------------------------------


def test_store_has_provision_level_cites_and_stubs(store):
    rows = select(
        store,
        """SELECT ?t WHERE { ?p rkg:eId "chp_3__art_12__para_1" ; rkg:inInstrument ?g ; eli:cites ?t .
                             ?g dcterms:identifier "genai-measures-2023" }""",
    ).rows
    assert rows == [["https://w3id.org/regkg/cn/deep-synthesis/2022"]]
    stub = select(
        store,
        """SELECT DISTINCT ?title WHERE { <https://w3id.org/regkg/external/cn-internet-information-services-measures>
                                 a rkg:StubInstrument ; dcterms:title ?title . FILTER(LANG(?title) = "zh") }""",
    ).rows
    assert stub == [["互联网信息服务管理办法"]]


def test_no_blank_nodes_in_reference_records(built):
    nq = (built.out / "graph.nq").read_text(encoding="utf-8")
    lines = [line for line in nq.splitlines() if "/ref_" in line]
    assert lines and not any(re.search(r"(^|\s)_:", line) for line in lines)


def test_stats_count_references_from_the_authoritative_text(built, found):
    stats = json.loads((built.out / "stats.json").read_text(encoding="utf-8"))["instruments"]
    for iid, refs in found.items():
        auth = "en" if iid.startswith("eu-") else "zh"
        mine = [r for r in refs if r.evidence.lang == auth]
        assert stats[iid]["references"] == len(mine), iid
        assert stats[iid]["references_unresolved"] == sum(not r.resolved for r in mine), iid


# -- saved queries ----------------------------------------------------------------------------------------------


def saved(store, name: str):
    [path] = QUERIES.glob(f"*-{name}.rq")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# title:") and "\n# question:" in text
    return select(store, text).as_dicts()


def test_query_genai_articles_citing_other_instruments(store, found):
    rows = saved(store, "genai-articles-citing-instruments")
    expected = {
        (r.evidence.eid.split("__art_")[1].split("__")[0], r.target_instrument or r.target_external)
        for r in found["genai-measures-2023"]
        if r.evidence.lang == "zh" and r.resolved and (r.target_instrument or "") != "genai-measures-2023"
    }
    assert {(row["article"], row["cited"]) for row in rows} == expected
    assert "csl-2025" not in {row["cited"] for row in rows}


def test_query_most_cited_provisions(store, found):
    rows = saved(store, "most-cited-provisions")
    counts = [int(row["citing"]) for row in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    top = rows[0]
    citing = {
        r.evidence.eid
        for refs in found.values()
        for r in refs
        if r.target_eid
        and r.evidence.lang == ("en" if r.evidence.instrument.startswith("eu-") else "zh")
        and top["target"].endswith("/" + provision_path(r.target_eid).replace("__", "/"))
        and r.target_instrument == top["instrument"]
        and r.evidence.eid != r.target_eid
    }
    assert int(top["citing"]) == len(citing)


def test_query_unresolved_references(store, found):
    rows = saved(store, "unresolved-references")
    assert len(rows) == sum(not r.resolved for refs in found.values() for r in refs)
    assert all(row["why"] for row in rows)


def test_query_instrument_citations(store):
    rows = saved(store, "instrument-citations")
    genai = {(row["relation"], row["cited"]) for row in rows if row["instrument"] == "genai-measures-2023"}
    assert {("based_on", "csl-2016"), ("based_on", "dsl-2021"), ("based_on", "pipl-2021")} <= genai
    assert ("cites", "deep-synthesis-2022") in genai and ("based_on", "csl-2025") not in genai
    assert {row["relation"] for row in rows} == {"based_on", "cites"}
