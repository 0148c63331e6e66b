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
  { ?iri a rkg:Article ; rkg:inInstrument ?i ; rkg:label ?label . ?i dcterms:identifier ?instrument .
    FILTER(LANG(?label) = "en") BIND("article" AS ?type)
    OPTIONAL { ?iri rkg:heading ?title FILTER(LANG(?title) = "en") } }
}
"""
EDGES = """
SELECT ?source ?target ?type WHERE {
  { ?source a rkg:Article ; rkg:inInstrument ?target . BIND("part_of" AS ?type) }
  UNION
  { ?source a rkg:Article ; eli:cites ?target . BIND("cites" AS ?type) }
}
"""


def to_networkx(build_dir: Path | None = None) -> nx.MultiDiGraph:
    store = open_store(build_dir)
    g = nx.MultiDiGraph()
    for iri, typ, inst, label, title in select(store, NODES).rows:
        g.add_node(iri, type=typ, instrument=inst, label=label, title=title or "")
    for src, dst, typ in select(store, EDGES).rows:
        if src in g and dst in g:
            g.add_edge(src, dst, type=typ)
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
