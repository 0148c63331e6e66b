"""regkg.api: the explorer's public API, on the invented build of test_app_fixture and as pure functions."""

from __future__ import annotations

import json

import pytest
from test_app_fixture import make_build

from regkg.api import (
    Explorer,
    ExplorerError,
    bibtex_entry,
    csl_item,
    diff_texts,
    latex_table,
    parse_unit,
    query_terms,
    saved_queries,
    search_texts,
    tex_escape,
    unit_param,
)

W = "https://w3id.org/regkg/cn/widget/2020"
G = "https://w3id.org/regkg/eu/gadget/2021"


@pytest.fixture(scope="module")
def ex(tmp_path_factory):
    e = Explorer(make_build(tmp_path_factory.mktemp("fixture") / "build"))
    yield e
    e.close()


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """The same instruments without any extraction or comparison layer."""
    e = Explorer(make_build(tmp_path_factory.mktemp("bare") / "build", layers=False))
    yield e
    e.close()


# ---------------------------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("kind", "num", "param"),
    [
        ("article", "13", "13"),
        ("annex", "III", "annex_III"),
        ("recital", "12", "rec_12"),
        ("item", "3", "item_3"),
        ("preamble", None, "preamble"),
    ],
)
def test_unit_param_round_trip(kind, num, param):
    assert unit_param(kind, num) == param
    assert parse_unit(param) == (kind, num)


@pytest.mark.parametrize("bad", ["", "13; DROP", "annex_", "foo_1", "a" * 40, "<x>"])
def test_parse_unit_rejects_anything_else(bad):
    with pytest.raises(ExplorerError):
        parse_unit(bad)


def test_query_terms_keep_quoted_phrases():
    assert query_terms('"Having Regard" to 个人信息') == ["having regard", "to", "个人信息"]
    assert query_terms("   ") == []


def test_search_texts_filters():
    texts = [
        {"iri": "a", "unit_iri": "A", "instrument": "x", "lang": "zh", "text": "个人信息处理者应当"},
        {
            "iri": "b",
            "unit_iri": "B",
            "instrument": "y",
            "lang": "en",
            "text": "The Personal information processor shall",
        },
        {"iri": "c", "unit_iri": "C", "instrument": "y", "lang": "en", "text": "information only"},
    ]
    assert [r["iri"] for r in search_texts(texts, "personal INFORMATION")] == ["b"]
    assert [r["iri"] for r in search_texts(texts, "information")] == ["b", "c"]
    assert [r["iri"] for r in search_texts(texts, "information", units={"C"})] == ["c"]
    assert [r["iri"] for r in search_texts(texts, "个人信息", lang="en")] == []
    assert [r["iri"] for r in search_texts(texts, "information", instruments=["x"])] == []
    assert len(search_texts(texts, "information", limit=1)) == 1


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        ("网络运营者应当履行义务。", "网络运营者应当依法履行安全义务。", "zh"),
        ("Providers shall label content.", "Providers shall clearly label synthetic content.", "en"),
    ],
)
def test_diff_reconstructs_both_texts(a, b, lang):
    ops = diff_texts(a, b, lang)
    assert "".join(t for op, t in ops if op != "insert") == a
    assert "".join(t for op, t in ops if op != "delete") == b
    assert any(op == "insert" for op, _ in ops)
    if lang == "en":  # whole words, not letters
        assert all(
            t.strip() == "" or " " in t.strip() or t.strip().isalpha() for op, t in ops if op == "insert"
        )


def test_tex_escape_and_latex_table():
    assert tex_escape("50% & $5 #1 a_b {x}") == r"50\% \& \$5 \#1 a\_b \{x\}"
    tex = latex_table(["topic", "PIPL"], [["labelling & marking", "13, 14"]], caption="T_1")
    assert r"\toprule" in tex and r"\bottomrule" in tex and r"labelling \& marking & 13, 14 \\" in tex
    assert r"\caption{T\_1}" in tex


def test_saved_queries_read_their_headers(tmp_path):
    (tmp_path / "02-b.rq").write_text(
        "# title: Second\n# question: Why?\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8"
    )
    (tmp_path / "01-a.rq").write_text(
        "SELECT ?x WHERE { ?x ?p ?o }\n# title: not a header\n", encoding="utf-8"
    )
    qs = saved_queries(tmp_path)
    assert [(q.name, q.title, q.question) for q in qs] == [("01-a", "01-a", ""), ("02-b", "Second", "Why?")]


def test_project_saved_queries_all_have_titles_and_questions():
    qs = saved_queries()
    assert qs, "queries/*.rq missing"
    assert all(q.title != q.name and q.question for q in qs)


# ---------------------------------------------------------------------------------------------- the invented build


def test_instruments_carry_metadata_and_expressions(ex):
    by_id = {d["id"]: d for d in ex.instruments()}
    w = by_id["widget-2020"]
    assert w["jurisdiction"] == "CN" and w["date"] == "2020-03-01" and w["effective"] == "2020-05-01"
    assert w["issuers"] == [{"en": "Widget Office", "zh": "小部件办公室"}]
    assert [(e["lang"], e["authoritative"]) for e in w["expressions"]] == [("zh", True), ("en", False)]
    assert w["expressions"][1]["translator"] == "regkg test translator"
    assert w["counts"]["articles"] == 2
    assert [d["id"] for d in ex.instruments()] == ["widget-2020", "gadget-2021", "widget-2022"]  # by date


def test_toc_and_article(ex):
    toc = ex.toc("widget-2020")
    assert [(t["kind"], t["unit"], t["container"]) for t in toc] == [
        ("chapter", None, ""),
        ("article", "1", "chp_1"),
        ("article", "2", "chp_1"),
    ]
    art = ex.article("widget-2020", "2")
    assert art["label"] == {"zh": "第二条", "en": "Article 2"}
    assert [a["eid"] for a in art["ancestors"]] == ["chp_1"]
    para = art["nodes"][1]
    assert para["kind"] == "paragraph" and para["depth"] == 1
    assert para["text"]["zh"].startswith("违反前条") and para["text"]["en"].startswith("Whoever")
    assert ex.article("widget-2020", "99") is None
    assert ex.article("no-such-instrument", "1") is None


def test_references_both_ways(ex):
    refs = ex.references(f"{W}/art_2")
    out = {(r["target_instrument"], r["target_unit"], r["anchor"]) for r in refs["outgoing"]}
    assert out == {("widget-2020", "1", "前条"), ("gadget-2021", "1", None)}
    incoming = ex.references(f"{W}/art_1")["incoming"]
    assert [(r["source_instrument"], r["source_unit"]) for r in incoming] == [("widget-2020", "2")]
    spans = ex.reference_spans(f"{W}/art_2")
    assert [(s["start"], s["end"], s["lang"]) for s in spans] == [(2, 4, "zh")]


def test_layers_built_or_not(ex, bare):
    assert all(v["built"] for v in ex.layers().values())
    missing = {k for k, v in bare.layers().items() if not v["built"]}
    assert {"duties", "actors", "definitions", "topics", "alignments", "versions", "crosswalk"} <= missing
    assert (
        bare.duties() == [] and bare.roles() == [] and bare.topic_matrix() == [] and bare.alignments() == []
    )


def test_duties_roles_and_filters(ex):
    duties = ex.duties()
    assert {(d["id"], d["modality"], d["role_en"]) for d in duties} == {
        ("widget-2020", "obligation", "widget service provider"),
        ("gadget-2021", "obligation", "provider"),
    }
    only = ex.duties(within=f"{W}/art_1")
    assert len(only) == 1 and (only[0]["start"], only[0]["end"], only[0]["unit"]) == (8, 15, "1")
    assert ex.duties(role="https://w3id.org/regkg/role/eu/provider")[0]["id"] == "gadget-2021"
    assert ex.duties(modality="prohibition") == []
    roles = {r["id"]: r for r in ex.roles()}
    assert roles["cn:widget-provider"]["duties"] == 1 and roles["cn:widget-provider"]["mentions"] == 1
    cw = ex.crosswalk("https://w3id.org/regkg/role/cn/widget-provider")
    direct = [(c["relation"], c["other_notation"], c["note"]) for c in cw if not c["via"]]
    assert direct == [("closeMatch", "xj:service-provider", "Both offer the service to users.")]
    peers = [(c["other_notation"], c["via"]) for c in cw if c["via"]]
    assert peers == [("eu:provider", "https://w3id.org/regkg/role/xj/service-provider")]
    assert roles["eu:provider"]["jurisdiction"] == "EU" and roles["cn:widget-provider"]["kind"] == "role"


def test_definitions_topics_alignments_versions(ex):
    (d,) = ex.definitions()
    assert d["term"] == {"zh": "小部件", "en": "widget"} and d["unit"] == "1"
    assert d["definition"] == {"en": "An invented thing used in tests."}
    assert {t["concept"] for t in ex.terms_in(f"{W}/art_2")} == {d["concept"]}
    cells = ex.topic_matrix()
    assert {(c["instrument"], tuple(c["units"])) for c in cells} == {
        ("widget-2020", ("1",)),
        ("gadget-2021", ("1",)),
    }
    (al,) = ex.alignments()
    assert (al["type"], al["review"], al["a_unit"], al["b_unit"]) == ("similar", "confirmed", "1", "1")
    assert [t["label"] for t in al["topics"]] == ["labelling"] and [r["label"] for r in al["roles"]] == [
        "service provider"
    ]
    assert ex.alignments(topic="https://w3id.org/regkg/topic/labelling") == [al]
    assert ex.alignments(topic="https://w3id.org/regkg/topic/other") == []
    assert ex.topics_of(f"{W}/art_1") == [
        {
            "iri": "https://w3id.org/regkg/topic/labelling",
            "label": {"zh": "标识", "en": "labelling"},
            "confidence": 0.9,
        }
    ]
    (pen,) = ex.penalties(within=f"{W}/art_2")
    assert (pen["sanctions"], pen["max"], pen["currency"], pen["penalises"], pen["unit"]) == (
        ["fine"],
        10000,
        "CNY",
        [f"{W}/art_1"],
        "2",
    )
    assert ex.version_pairs() == [("widget-2020", "widget-2022")]
    corr = ex.correspondences("widget-2020", "widget-2022")
    assert [(c["from_unit"], c["to_unit"], c["status"]) for c in corr] == [
        ("1", "1", "amended"),
        ("2", None, "deleted"),
    ]
    assert ex.other_versions(f"{W}/art_1")[0]["instrument"] == "widget-2022"
    ops = ex.diff(f"{W}/art_1", "https://w3id.org/regkg/cn/widget/2022/art_1", "zh")
    assert ("insert", "显著") in ops


def test_search_with_layer_filters(ex):
    assert {r["instrument"] for r in ex.search("label")} == {"widget-2020", "gadget-2021"}
    assert {r["instrument"] for r in ex.search("label", role="https://w3id.org/regkg/role/eu/provider")} == {
        "gadget-2021"
    }
    assert {r["instrument"] for r in ex.search("label", topic="https://w3id.org/regkg/topic/labelling")} == {
        "widget-2020",
        "gadget-2021",
    }
    assert ex.search("label", modality="prohibition") == []


def test_user_input_never_becomes_sparql(ex):
    # quotes, braces and a closing IRI in a value are data, not query text
    for evil in [
        '" } ; DROP ALL ; #',
        "\\",
        "x' }} SELECT * WHERE {{ ?s ?p ?o",
        "<https://w3id.org/x> ?p ?o",
    ]:
        assert ex.search(evil) == []
        assert ex.toc(evil) == []
        assert ex.unit_iri(evil, "1") is None
    with pytest.raises(ExplorerError):
        ex.references("not an iri")
    with pytest.raises(ExplorerError):
        ex.duties(within="> } SELECT")


def test_network_lifts_citations_to_articles(ex):
    net = ex.network()
    edges = {(e["source"], e["target"], e["type"]) for e in net["edges"]}
    assert (f"{W}/art_2", f"{W}/art_1", "cites") in edges
    assert (f"{W}/art_2", f"{G}/art_1", "cites") in edges
    assert ("https://w3id.org/regkg/cn/widget/2022", W, "previous version") in edges
    assert not any(n["type"] == "role" for n in net["nodes"])
    with_roles = ex.network(roles=True, instruments=["gadget-2021"])
    assert {n["label"] for n in with_roles["nodes"] if n["type"] == "role"} == {"provider"}


def test_citations_bibtex_and_csl(ex):
    bib = ex.bibtex([f"{W}/art_1"])
    assert bib.startswith("@misc{regkg:widget-2020:art-1,")
    assert (
        "Provisions on Widget Services, Article 1" in bib and "url = {https://example.org/widget-2020}" in bib
    )
    assert "date = {2020-03-01}" in bib and "Widget Office" in bib
    (item,) = json.loads(ex.csl_json([f"{W}/art_1"]))
    assert (
        item["type"] == "legislation"
        and item["section"] == "Article 1"
        and item["issued"] == {"date-parts": [[2020, 3, 1]]}
    )
    assert item["URL"] == "https://example.org/widget-2020" and item["id"] == f"{W}/art_1"
    whole = ex.bibtex([W])
    assert whole.startswith("@misc{regkg:widget-2020,")


def test_bibtex_and_csl_from_plain_info():
    info = {
        "iri": "https://w3id.org/regkg/x/1/art_5",
        "instrument_iri": "https://w3id.org/regkg/x/1",
        "id": "x-1",
        "title_en": "A & B Law",
        "label_en": "Article 5",
        "date": "2001-02-03",
        "url": "https://example.org",
        "issuers": ["Office"],
    }
    entry = bibtex_entry(info)
    assert "title = {{A \\& B Law, Article 5}}" in entry and entry.startswith("@misc{regkg:x-1:art-5,")
    assert csl_item(info)["issued"] == {"date-parts": [[2001, 2, 3]]}


def test_exports(ex):
    ttl = ex.export_bytes("ttl").decode("utf-8")
    assert "widget-2020" in ttl and "@prefix rkg:" in ttl
    graphml = ex.export_bytes("graphml").decode("utf-8")
    assert "<graphml" in graphml and "Widget Provisions (2020)" in graphml
    with pytest.raises(ExplorerError):
        ex.export_bytes("docx")


# ---------------------------------------------------------------------------------------------- free SPARQL


def test_sparql_select_cap_ask_construct(ex):
    res = ex.sparql("SELECT ?id WHERE { ?i a rkg:Instrument ; dcterms:identifier ?id } ORDER BY ?id")
    assert (
        res.ok and res.columns == ["id"] and res.rows == [["gadget-2021"], ["widget-2020"], ["widget-2022"]]
    )
    capped = ex.sparql("SELECT ?s WHERE { ?s ?p ?o }", row_cap=5)
    assert capped.truncated and len(capped.rows) == 5
    assert ex.sparql("ASK { ?s a rkg:Article }").rows == [[True]]
    graph = ex.sparql("CONSTRUCT WHERE { ?s a rkg:Chapter }")
    assert graph.kind == "graph" and graph.rows == [
        [
            f"{W}/chp_1",
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            "https://w3id.org/regkg/ontology#Chapter",
        ]
    ]
    assert "id" in res.to_csv() and json.loads(res.to_json())[0] == {"id": "gadget-2021"}


def test_sparql_errors_are_readable(ex):
    res = ex.sparql("SELEC ?x WHERE { }")
    assert not res.ok and res.error.startswith("SPARQL syntax error")
    upd = ex.sparql("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert not upd.ok and "read-only" in upd.error


def test_sparql_timeout_stops_the_query(ex):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    res = ex.sparql(heavy, timeout=0.5)
    assert res.timed_out and "Timed out" in res.error and res.elapsed < 5
    after = ex.sparql("ASK { ?s ?p ?o }")  # a fresh worker answers the next query
    assert after.ok and after.rows == [[True]]
