"""The comparison layer: fast, deterministic, no blank nodes, and in the built graph where SPARQL can ask it."""

from __future__ import annotations

import time

import pytest
from rdflib import BNode

from regkg.compare.layer import comparison_layer
from regkg.sources import default_manifest
from regkg.store import select

pytestmark = pytest.mark.corpus

G = "https://w3id.org/regkg/graph/"


def test_layer_is_fast_deterministic_and_has_no_blank_nodes(parsed):
    import regkg.extract.roles  # noqa: F401 - imported by the facts layer in a build; not the layer's cost

    manifest = default_manifest()
    list(comparison_layer(parsed, manifest))  # data files read once, as in a build
    start = time.process_time()
    first = list(comparison_layer(parsed, manifest))
    assert time.process_time() - start <= 2.0, "the comparison layer must stay under 2 s"
    assert set(first) == set(comparison_layer(parsed, manifest))
    assert not any(isinstance(t, BNode) for q in first for t in q)
    graphs = {str(q[3]) for q in first}
    assert graphs == {G + "topics", G + "crosswalk", G + "alignments", G + "versions"}


def test_topics_in_the_graph(store):
    rows = select(
        store,
        """SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE {
        GRAPH <https://w3id.org/regkg/graph/topics> { ?t a rkg:Topic ; skos:inScheme ?s ; skos:prefLabel ?zh , ?en ;
        skos:scopeNote ?note . FILTER(LANG(?zh) = "zh" && LANG(?en) = "en") } }""",
    ).rows
    assert int(rows[0][0]) >= 20
    rows = select(
        store,
        """SELECT ?c WHERE {
        ?a rkg:hasTopic <https://w3id.org/regkg/topic/labelling> ; rkg:label "Article 12"@en ; rkg:inInstrument ?i .
        ?i dcterms:identifier "genai-measures-2023" .
        ?rec rkg:assignedProvision ?a ; rkg:assignedTopic <https://w3id.org/regkg/topic/labelling> ; rkg:confidence ?c ;
             rkg:matchEvidence ?e . }""",
    ).rows
    assert rows and 0.5 <= float(rows[0][0]) <= 1


def test_crosswalk_in_the_graph(store):
    rows = select(
        store,
        """SELECT ?note WHERE {
        <https://w3id.org/regkg/role/eu/user> skos:exactMatch <https://w3id.org/regkg/role/eu/deployer> .
        ?m rkg:mappedRole <https://w3id.org/regkg/role/eu/user> ; rkg:mappingTarget <https://w3id.org/regkg/role/eu/deployer> ;
           rkg:mappingNote ?note ; skos:note ?note . }""",
    ).rows
    assert rows and "deployer" in rows[0][0]
    missing = select(
        store, "SELECT ?m WHERE { ?m a rkg:RoleMapping . FILTER NOT EXISTS { ?m rkg:mappingNote ?n } }"
    )
    assert not missing.rows


def test_alignments_in_the_graph(store):
    rows = select(
        store,
        """SELECT ?status (COUNT(?al) AS ?n) WHERE {
        ?al a rkg:ProvisionAlignment ; rkg:reviewStatus ?status } GROUP BY ?status""",
    ).rows
    counts = {s: int(n) for s, n in rows}
    assert (
        counts.get("computed", 0) > 100 and counts.get("confirmed", 0) >= 5 and counts.get("rejected", 0) >= 1
    )


def test_versions_in_the_graph_with_eli(store):
    rows = select(
        store,
        """SELECT ?status WHERE {
        ?c a rkg:ArticleCorrespondence ; rkg:fromProvision ?o ; rkg:toProvision ?n ; rkg:changeStatus ?status .
        ?o rkg:label "Article 52"@en ; rkg:inInstrument/dcterms:identifier "eu-ai-act-proposal-2021" .
        ?n rkg:label "Article 50"@en ; rkg:inInstrument/dcterms:identifier "eu-ai-act-2024" . }""",
    ).rows
    assert rows == [["amended"]]
    rows = select(
        store,
        """SELECT ?item WHERE {
        ?new eli:consolidates ?old , ?item . ?item eli:amends ?old ; a rkg:Item .
        ?new eli:number "19" ; rkg:inInstrument/dcterms:identifier "csl-2025" .
        ?old eli:number "18" ; rkg:inInstrument/dcterms:identifier "csl-2016" . }""",
    ).rows
    assert len(rows) == 1


def test_stats_count_topics_and_alignments(built):
    genai = built.stats["instruments"]["genai-measures-2023"]
    assert genai["topics"] >= 10 and genai["alignments"] > 0 and genai["topic_assignments"] > genai["topics"]
