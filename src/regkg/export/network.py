"""A readable network for Gephi and networkx users: instruments and articles (references and actors as the
extraction layers add them), with plain attribute values."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..store import open_store, select
from .rdf import atomic_write

NODES = """
SELECT ?iri ?type ?instrument ?label ?title WHERE {
  { ?iri a rkg:Instrument ; dcterms:identifier ?instrument ; rkg:shortTitle ?label .
    FILTER(LANG(?label) = "en") BIND("instrument" AS ?type)
    OPTIONAL { ?iri dcterms:title ?title FILTER(LANG(?title) = "en") } }
  UNION
  { ?iri a rkg:StubInstrument . BIND("cited instrument" AS ?type) BIND("" AS ?instrument)
    OPTIONAL { ?iri dcterms:title ?label } }
  UNION
  { ?iri a rkg:Article ; rkg:inInstrument ?i ; rkg:label ?label . ?i dcterms:identifier ?instrument .
    FILTER(LANG(?label) = "en") BIND("article" AS ?type)
    OPTIONAL { ?iri rkg:heading ?title FILTER(LANG(?title) = "en") } }
  UNION
  { ?iri a rkg:Role ; skos:prefLabel ?label . FILTER(LANG(?label) = "en") BIND("role" AS ?type)
    BIND("" AS ?instrument) OPTIONAL { ?iri skos:prefLabel ?title FILTER(LANG(?title) = "zh") } }
}
"""
# references and mentions are recorded on paragraphs and points: lift them to their articles (one query per kind
# of edge: oxigraph plans these separately much better than as one UNION)
EDGES = [
    'SELECT ?source ?target ("part_of" AS ?type) WHERE { ?source a rkg:Article ; rkg:inInstrument ?target }',
    """SELECT DISTINCT ?source ?target ("cites" AS ?type) WHERE {
         ?p eli:cites ?t . ?p eli:is_part_of* ?source . ?source a rkg:Article .
         ?t eli:is_part_of* ?target . ?target a rkg:Article }""",
    """SELECT DISTINCT ?source ?target ("cites" AS ?type) WHERE {
         ?p eli:cites ?target . ?p eli:is_part_of* ?source . ?source a rkg:Article .
         { ?target a rkg:Instrument } UNION { ?target a rkg:StubInstrument } }""",
    """SELECT DISTINCT ?source ?target ("mentions" AS ?type) WHERE {
         ?p rkg:mentions ?target . ?p eli:is_part_of* ?source . ?source a rkg:Article }""",
]


def to_networkx(build_dir: Path | None = None) -> nx.MultiDiGraph:
    store = open_store(build_dir)
    g = nx.MultiDiGraph()
    for iri, typ, inst, label, title in select(store, NODES).rows:
        g.add_node(iri, type=typ, instrument=inst or "", label=label or iri, title=title or "")
    for query in EDGES:
        for src, dst, typ in select(store, query).rows:
            if src in g and dst in g:
                g.add_edge(src, dst, relation=typ)  # GEXF reserves an edge's 'type'
    return g


def write_network(fmt: str, out: Path, build_dir: Path | None = None) -> Path:
    import io

    g = to_networkx(build_dir)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buf)
    else:
        nx.write_gexf(g, buf)
    return atomic_write(Path(out), buf.getvalue())
