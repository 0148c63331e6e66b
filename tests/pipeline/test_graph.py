"""The RDF graph: ontology, shapes, builder, determinism, atomicity, stats, query."""

import json
import os
import subprocess
import sys

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from regkg.errors import BuildError
from regkg.sources import project_root

ROOT = project_root()


def test_vocab_module_matches_the_ontology():
    from regkg.rdf import gen_vocab

    assert gen_vocab.TARGET.read_text(encoding="utf-8") == gen_vocab.render(ROOT / "ontology" / "regkg.ttl")


def test_vocabulary_is_closed():
    from regkg.rdf.namespaces import ELI, RKG

    with pytest.raises(AttributeError):
        RKG.Artcle  # noqa: B018 - a typo must not mint an IRI
    with pytest.raises(AttributeError):
        ELI.is_prt_of  # noqa: B018


def test_ontology_labels_and_comments():
    from rdflib.namespace import OWL, RDFS

    g = Graph().parse(ROOT / "ontology" / "regkg.ttl")
    terms = [
        s
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in g.subjects(RDF.type, kind)
    ]
    assert len(terms) > 30
    for t in terms:
        assert g.value(t, RDFS.label) is not None, t


def test_shapes_file_is_valid_shacl():
    """Meta-validation: the shapes graph conforms to the SHACL-for-SHACL shapes."""
    from pyshacl import validate

    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    conforms, _, text = validate(shapes, shacl_graph=shapes, meta_shacl=True, inference="none")
    assert conforms, text


def _tiny_graph(bad: bool) -> Graph:
    from regkg.rdf.namespaces import ELI, RKG

    g = Graph()
    inst = URIRef("https://w3id.org/regkg/cn/x/2020")
    art = URIRef(str(inst) + "/art_1")
    g.add((inst, RDF.type, RKG.Instrument))
    g.add((art, RDF.type, RKG.Article))
    g.add((art, ELI.is_part_of, inst))
    g.add((art, RKG.inInstrument, inst))
    g.add((art, RKG.eId, Literal("art_1")))
    g.add((art, RKG.order, Literal(1)))
    if not bad:
        g.add((art, ELI.number, Literal("1")))
    return g


def test_shacl_reports_violations_readably():
    from regkg.rdf.shacl import validate

    result = validate(_tiny_graph(bad=True))
    assert not result.conforms
    report = result.report()
    assert "https://w3id.org/regkg/cn/x/2020/art_1" in report
    assert "eli:number" in report or "number" in report


@pytest.mark.corpus
def test_build_outputs_and_stats(built):
    out = built.out
    for name in ("graph.trig", "graph.nq", "stats.json", "store"):
        assert (out / name).exists()
    stats = json.loads((out / "stats.json").read_text())
    assert stats["triples"] == built.triples > 30000
    assert stats["instruments"]["pipl-2021"]["articles"] == 74
    assert stats["instruments"]["eu-ai-act-proposal-2021"]["recitals"] == 89
    assert stats["instruments"]["eu-ai-act-2024"]["annexes"] == 13


@pytest.mark.corpus
def test_stats_come_from_sparql_on_the_store(built, capsys):
    from regkg.cli import main

    assert main(["stats", "--json", "--build", str(built.out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"triples", "instruments"}
    assert data["instruments"]["genai-measures-2023"]["chapters"] == 5
    assert data["instruments"]["csl-amendment-2025"]["items"] == 14


@pytest.mark.corpus
def test_every_node_has_iri_text_and_provenance(store):
    from regkg.store import select

    rows = select(
        store,
        """SELECT ?s ?eid ?zh ?en WHERE {
        ?s rkg:eId ?eid ; rkg:inInstrument/dcterms:identifier "pipl-2021" .
        FILTER(?eid = "chp_2__sec_1__art_13__para_1__point_2")
        ?s rkg:text ?zh FILTER(LANG(?zh) = "zh") ?s rkg:text ?en FILTER(LANG(?en) = "en") }""",
    ).rows
    assert rows and rows[0][0] == "https://w3id.org/regkg/cn/pipl/2021/art_13/para_1/point_2"
    prov = select(
        store,
        """SELECT ?sha WHERE { ?i dcterms:identifier "pipl-2021" ; eli:is_realized_by ?e .
        ?e rkg:authoritative true ; prov:wasDerivedFrom ?f . ?f rkg:sha256 ?sha }""",
    ).rows
    assert prov == [["1815f84f43dd5011442c817a197d745c9aef631f5db3b6c7a75be1acc2b5cd8b"]]


@pytest.mark.corpus
def test_one_named_graph_per_instrument(store):
    from regkg.store import select

    graphs = {r[0] for r in select(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows}
    from regkg.sources import load_manifest

    for iid in load_manifest().ids:
        assert f"https://w3id.org/regkg/graph/{iid}" in graphs


@pytest.mark.corpus
def test_build_is_deterministic_across_processes(built, corpus_cache, tmp_path):
    """A second build in a fresh process with another hash seed gives byte-identical files."""
    env = dict(os.environ, REGKG_CACHE=str(corpus_cache), PYTHONHASHSEED="12345")
    out = tmp_path / "again"
    subprocess.run(
        [sys.executable, "-m", "regkg.cli", "build", "--out", str(out), "--no-cache"],
        env=env,
        check=True,
        capture_output=True,
    )
    for name in ("graph.nq", "graph.trig", "stats.json"):
        assert (out / name).read_bytes() == (built.out / name).read_bytes(), name


@pytest.mark.corpus
def test_failed_build_leaves_previous_build_untouched(built, corpus_cache, tmp_path, monkeypatch):
    import shutil

    from regkg import build as build_mod

    out = tmp_path / "build"
    shutil.copytree(built.out, out)
    before = (out / "graph.nq").read_bytes()

    def broken(data, shapes=None):
        from regkg.rdf.shacl import Validation

        return Validation(False, ["<x> — rkg:text: a paragraph needs its text"])

    monkeypatch.setattr(build_mod, "validate", broken)
    with pytest.raises(BuildError, match="1 violations"):
        build_mod.build(out, cache=corpus_cache)
    assert (out / "graph.nq").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]  # no temporary folder left


@pytest.mark.corpus
@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_command_formats(built, capsys, fmt):
    from regkg.cli import main

    q = 'SELECT ?n WHERE { ?a a rkg:Article ; rkg:inInstrument/dcterms:identifier "pipl-2021" ; eli:number ?n } ORDER BY xsd:integer(?n) LIMIT 3'
    assert main(["query", q, "--format", fmt, "--build", str(built.out)]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert json.loads(out) == [{"n": "1"}, {"n": "2"}, {"n": "3"}]
    elif fmt in ("csv", "tsv"):
        assert out.split() == ["n", "1", "2", "3"]
    else:
        assert "3 rows" in out


def test_query_error_is_readable(built, capsys):
    from regkg.cli import main

    assert main(["query", "SELECT WHERE {", "--build", str(built.out)]) == 2
    assert "SPARQL error" in capsys.readouterr().err


def test_bindings_are_not_pasted_into_the_query(store):
    from regkg.store import select

    evil = '" } ; DROP ALL ; SELECT * { ?s ?p "'
    rows = select(store, "SELECT ?i WHERE { ?i dcterms:identifier ?id }", bindings={"id": evil}).rows
    assert rows == []
    rows = select(store, "SELECT ?i WHERE { ?i dcterms:identifier ?id }", bindings={"id": "dsl-2021"}).rows
    assert rows == [["https://w3id.org/regkg/cn/dsl/2021"]]
