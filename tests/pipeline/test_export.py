"""regkg export: RDF formats round-trip; networks and tables are readable."""

import csv

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def reference(built):
    ds = Dataset()
    ds.parse(built.out / "graph.nq", format="nquads")
    union = Graph()
    for g in ds.graphs():
        for t in g:
            union.add(t)
    return ds, union


@pytest.mark.parametrize("fmt,parse_as", [("ttl", "turtle"), ("nt", "nt"), ("rdfxml", "xml")])
def test_triple_formats_round_trip(built, reference, tmp_path, fmt, parse_as):
    from regkg.export import export

    (path,) = export(fmt, tmp_path / f"g.{fmt}", built.out)
    g = Graph().parse(path, format=parse_as)
    assert isomorphic(g, reference[1])


@pytest.mark.parametrize("fmt,parse_as", [("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld")])
def test_quad_formats_round_trip_with_named_graphs(built, reference, tmp_path, fmt, parse_as):
    from regkg.export import export

    (path,) = export(fmt, tmp_path / f"g.{fmt}", built.out)
    ds = Dataset()
    ds.parse(path, format=parse_as)
    expected = {str(g.identifier): g for g in reference[0].graphs() if len(g)}
    got = {str(g.identifier): g for g in ds.graphs() if len(g)}
    assert set(got) == set(expected)
    for name, g in expected.items():
        assert isomorphic(got[name], g), name


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networks_have_plain_attributes(built, tmp_path, fmt):
    from regkg.export import export

    (path,) = export(fmt, tmp_path / f"g.{fmt}", built.out)
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    types = nx.get_node_attributes(g, "type")
    assert sum(1 for t in types.values() if t == "instrument") == 10
    assert sum(1 for t in types.values() if t == "article") == 571  # every article of the ten instruments
    assert sum(1 for t in types.values() if t == "role") > 50
    edges = {d["relation"] for *_, d in g.edges(data=True)}
    assert edges == {"part_of", "cites", "mentions"}
    for _, data in g.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())


def test_csv_tables(built, tmp_path):
    from regkg.export import export

    paths = export("csv", tmp_path / "csv", built.out)
    provisions = next(p for p in paths if p.name == "provisions.csv")
    rows = list(csv.DictReader(provisions.open(encoding="utf-8")))
    pipl13 = [
        r for r in rows if r["instrument"] == "pipl-2021" and r["eid"].endswith("art_13__para_1__point_2")
    ]
    assert len(pipl13) == 1 and pipl13[0]["text_zh"] and pipl13[0]["text_en"] and pipl13[0]["kind"] == "point"
    assert {r["instrument"] for r in rows} >= {"pipl-2021", "eu-ai-act-2024"}


def test_csv_tables_for_references_duties_actors(built, tmp_path):
    from regkg.export import export

    paths = {p.name: p for p in export("csv", tmp_path / "csv", built.out)}
    assert set(paths) == {"provisions.csv", "references.csv", "duties.csv", "actors.csv"}
    refs = list(csv.DictReader(paths["references.csv"].open(encoding="utf-8")))
    assert any(r["instrument"] == "genai-measures-2023" and r["relation"] == "based_on" for r in refs)
    duties = list(csv.DictReader(paths["duties.csv"].open(encoding="utf-8")))
    assert len({r["iri"] for r in duties}) == len(duties)  # one row per duty
    assert {r["modality"] for r in duties} == {"obligation", "prohibition", "permission", "encouragement"}
    actors = list(csv.DictReader(paths["actors.csv"].open(encoding="utf-8")))
    assert any(r["label_zh"] == "个人信息处理者" for r in actors)
