"""Fact extraction on the real corpus: sanity anchors, invariants, the graph layer, stats and saved queries."""

from __future__ import annotations

from pathlib import Path

import extract_helpers
import pytest
from rdflib import BNode, Literal, URIRef

from regkg.eid import provision_path
from regkg.extract.model import MODALITIES, REVIEW_STATUSES
from regkg.extract.roles import load_roles

corpus_facts = extract_helpers.corpus_facts  # the session fixture of the corpus facts

pytestmark = pytest.mark.corpus
ROOT = Path(__file__).resolve().parents[1]
CORE = (
    "genai-measures-2023",
    "deep-synthesis-2022",
    "algorithm-recommendation-2021",
    "pipl-2021",
    "csl-2016",
    "eu-ai-act-proposal-2021",
)


def in_article(facts, num: str, lang: str):
    return [
        f
        for f in facts
        if f.evidence.lang == lang and provision_path(f.evidence.eid).split("__")[0] == f"art_{num}"
    ]


def test_genai_article_4_one_duty_per_point(corpus_facts):
    for lang in ("zh", "en"):
        duties = in_article(corpus_facts["genai-measures-2023"].duties, "4", lang)
        from_chapeau = [d for d in duties if d.evidence.rule.startswith("chapeau:")]
        assert len(from_chapeau) == 5, lang
        assert len({d.evidence.eid for d in from_chapeau}) == 5
        assert {d.bearer for d in from_chapeau} == {"cn:genai-service-provider"}
        assert {d.bearer_source for d in from_chapeau} == {"chapeau"}
        assert {d.modality for d in from_chapeau} == {"obligation"}
        # the points' own 不得 / "must not" add prohibitions of the same bearer
        prohibitions = [d for d in duties if d.modality == "prohibition"]
        assert len(prohibitions) >= 3 and {d.bearer for d in prohibitions} == {"cn:genai-service-provider"}


def test_deep_synthesis_article_17_labelling(corpus_facts):
    [d] = [
        d
        for d in in_article(corpus_facts["deep-synthesis-2022"].duties, "17", "zh")
        if d.evidence.eid.endswith("para_1")
    ]
    assert (d.modality, d.bearer, d.bearer_source) == (
        "obligation",
        "cn:deep-synthesis-service-provider",
        "explicit",
    )
    assert "标识" in d.action
    assert d.conditions and "以下深度合成服务" in d.conditions[0]
    en = [
        d
        for d in in_article(corpus_facts["deep-synthesis-2022"].duties, "17", "en")
        if d.evidence.eid.endswith("para_1")
    ]
    assert [d.bearer for d in en] == ["cn:deep-synthesis-service-provider"] and "label" in en[0].action


def test_eu_transparency_duties(corpus_facts):
    duties = in_article(corpus_facts["eu-ai-act-proposal-2021"].duties, "52", "en")
    assert {"eu:provider", "eu:user"} <= {d.bearer for d in duties}
    final = in_article(corpus_facts["eu-ai-act-2024"].duties, "50", "en")
    assert {"eu:provider", "eu:deployer"} <= {d.bearer for d in final}
    assert any("This obligation shall not apply" in x for d in final for x in d.exceptions)


def test_prohibited_practices(corpus_facts):
    for iid, n in (("eu-ai-act-proposal-2021", 4), ("eu-ai-act-2024", 8)):
        points = [
            d
            for d in in_article(corpus_facts[iid].duties, "5", "en")
            if "__para_1__point_" in d.evidence.eid and d.evidence.eid.count("__") == 3
        ]
        assert len(points) == n and {d.modality for d in points} == {"prohibition"}, iid


def test_authorities_bear_duties_too(corpus_facts):
    kinds = {r.id: r.kind for r in load_roles().roles}
    for iid in ("deep-synthesis-2022", "csl-2016", "eu-ai-act-2024"):
        bearers = {d.bearer for d in corpus_facts[iid].duties if d.bearer}
        assert {"role", "authority"} <= {kinds[b] for b in bearers}, iid


def test_every_core_instrument_has_facts_in_each_language(corpus_facts, parsed):
    for iid in CORE:
        ex = corpus_facts[iid]
        for lang in parsed[iid].instrument.languages:
            duties = [d for d in ex.duties if d.evidence.lang == lang]
            assert len(duties) >= 20, (iid, lang)
            assert {"obligation", "prohibition"} <= {d.modality for d in duties}, (iid, lang)
            # EU texts put many duties on things in the passive ("The decision shall be notified"), with no bearer
            share = 0.8 if parsed[iid].instrument.jurisdiction == "CN" else 0.6
            assert sum(d.bearer is not None for d in duties) / len(duties) > share, (iid, lang)
            assert any(m.evidence.lang == lang for m in ex.actors)


def test_evidence_invariants(corpus_facts, parsed):
    """Offsets point at the evidence text in the provision's text (+ newline + wrap-up), ids are known."""
    role_ids = {r.id for r in load_roles().roles}
    for iid, ex in corpus_facts.items():
        inst = parsed[iid].instrument
        texts = {}
        for n in inst.walk():
            for lang in ("zh", "en"):
                t = n.text.get(lang) or ""
                if n.wrap.get(lang):
                    t = f"{t}\n{n.wrap.get(lang)}"
                texts[(n.eid, lang)] = t
        facts = [*ex.actors, *ex.duties, *ex.definitions, *ex.penalties]
        for f in facts:
            ev = f.evidence
            assert ev.instrument == iid and ev.status in REVIEW_STATUSES
            assert texts[(ev.eid, ev.lang)][ev.start : ev.end] == ev.text, (iid, ev)
        for d in ex.duties:
            assert d.modality in MODALITIES
            assert d.action.strip()
            assert {d.bearer, *d.co_bearers} - {None} <= role_ids
            assert (d.bearer is None) == (d.bearer_source == "none")
        assert {m.role for m in ex.actors} <= role_ids
        assert {p.bearer for p in ex.penalties} - {None} <= role_ids
        assert ex.references == []  # filled by regkg.extract.references, not here


def test_roles_yaml_lists_where_each_role_is_mentioned(corpus_facts):
    declared = {r.id: set(r.instruments) for r in load_roles().roles}
    for iid, ex in corpus_facts.items():
        for role_id in {m.role for m in ex.actors}:
            assert iid in declared[role_id], (
                f"{role_id} is mentioned in {iid}: add it to its instruments in roles.yaml"
            )
    mentioned = {m.role for ex in corpus_facts.values() for m in ex.actors}
    assert set(declared) == mentioned, "every role of the vocabulary is named somewhere in the corpus"


def test_reviewed_facts(corpus_facts):
    from regkg.extract.facts import load_reviews

    reviewed = [
        f
        for ex in corpus_facts.values()
        for f in [*ex.duties, *ex.definitions, *ex.penalties]
        if f.evidence.status == "reviewed"
    ]
    assert len(reviewed) == len(load_reviews()) >= 10


def test_extraction_is_deterministic(corpus_facts, parsed):
    from regkg.extract.facts import extract_facts

    again = extract_facts({"pipl-2021": parsed["pipl-2021"]})["pipl-2021"]
    assert again.duties == corpus_facts["pipl-2021"].duties
    assert again.penalties == corpus_facts["pipl-2021"].penalties
    assert again.definitions == corpus_facts["pipl-2021"].definitions


def test_facts_layer_quads(corpus_facts, parsed):
    from regkg.extract.facts_rdf import facts_quads
    from regkg.sources import load_manifest

    quads = list(facts_quads(corpus_facts, parsed, load_manifest()))
    assert quads == list(facts_quads(corpus_facts, parsed, load_manifest()))
    for q in quads:
        assert not any(isinstance(t, BNode) for t in q)
        assert isinstance(q[0], URIRef) and isinstance(q[3], URIRef)
        assert isinstance(q[2], URIRef | Literal)
    duty_iris = {s for s, p, o, g in quads if str(o).endswith("#Duty")}
    assert len(duty_iris) == sum(len(ex.duties) for ex in corpus_facts.values())
    graphs = {str(g) for *_, g in quads}
    assert (
        "https://w3id.org/regkg/graph/roles" in graphs and "https://w3id.org/regkg/graph/pipl-2021" in graphs
    )


# -- the built graph ----------------------------------------------------------------------------------------------


def test_stats_count_the_facts(built):
    for iid in CORE:
        counts = built.stats["instruments"][iid]
        for key in ("duties", "actors", "definitions", "penalties"):
            assert counts.get(key, 0) > 0, (iid, key)


def _query(store, name: str):
    from regkg.store import select

    path = next((ROOT / "queries").glob(f"{name}-*.rq"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# title:") and "\n# question:" in text
    return select(store, text).as_dicts()


def test_query_service_provider_duties(store):
    rows = _query(store, "30")
    roles = {(r["id"], r["role"]) for r in rows}
    assert ("genai-measures-2023", "generative AI service provider") in roles
    assert ("eu-ai-act-proposal-2021", "provider") in roles
    assert {r["modality"] for r in rows} >= {"obligation", "prohibition", "permission"}


def test_query_prohibitions_per_instrument(store):
    rows = {r["id"]: int(r["prohibitions"]) for r in _query(store, "31")}
    assert set(CORE) <= set(rows)
    assert all(n > 0 for n in rows.values())


def test_query_who_must_label(store):
    rows = _query(store, "32")
    hits = {(r["id"], r["where"], r["bearer"]) for r in rows if r["modality"] == "obligation"}
    assert ("deep-synthesis-2022", "Article 17, paragraph 1", "deep synthesis service provider") in hits
    assert ("genai-measures-2023", "Article 12", "generative AI service provider") in hits
    assert any(i == "eu-ai-act-2024" and b == "provider" for i, _, b in hits)


def test_query_fines(store):
    rows = _query(store, "33")
    caps = {(r["id"], r["where"], r["max"], r["currency"], r["turnoverPercent"]) for r in rows}
    assert ("eu-ai-act-proposal-2021", "Article 71(3)", "30000000", "EUR", "6") in caps
    assert ("pipl-2021", "Article 66, paragraph 2", "50000000", "CNY", "5") in caps
    csl = [r for r in rows if r["id"] == "csl-2016" and r["where"] == "Article 64, paragraph 1"]
    assert {(r["min"], r["max"]) for r in csl} == {("1", "10"), (None, "1000000"), ("10000", "100000")}


def test_query_shared_defined_terms(store):
    rows = {r["term"]: int(r["instruments"]) for r in _query(store, "34")}
    assert rows["personal information"] == 3
    assert rows["provider"] == 2
    assert rows["network operator"] == 2
