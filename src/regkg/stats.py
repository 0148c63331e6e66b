"""``regkg stats``: counts per instrument, computed by SPARQL on the built store (not by the parser)."""

from __future__ import annotations

import pyoxigraph as ox

from .store import select

KIND_KEYS = {
    "Article": "articles",
    "Chapter": "chapters",
    "Section": "sections",
    "Title": "titles",
    "Recital": "recitals",
    "Annex": "annexes",
    "Paragraph": "paragraphs",
    "Point": "points",
    "Subpoint": "subpoints",
    "Item": "items",
}

COUNT_QUERY = """
SELECT ?id ?cls (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?inst a rkg:Instrument ; dcterms:identifier ?id .
  ?s rkg:inInstrument ?inst ; a ?cls .
  FILTER(STRSTARTS(STR(?cls), "https://w3id.org/regkg/ontology#"))
} GROUP BY ?id ?cls
"""

# Each layer adds its counts here: key -> a query returning (?id ?n) rows, one per instrument.
EXTRA_QUERIES: dict[str, str] = {
    # references (extraction: references)
    # actors, duties, definitions, penalties (extraction: facts)
    # topics, alignments (comparison)
}


def compute_stats(store: ox.Store) -> dict:
    """``{"triples": n, "instruments": {id: {"articles": n, ...}}}``."""
    triples = len(store)
    instruments: dict[str, dict[str, int]] = {}
    ids = select(store, "SELECT ?id WHERE { ?i a rkg:Instrument ; dcterms:identifier ?id }")
    for (iid,) in ids.rows:
        instruments[iid] = {k: 0 for k in KIND_KEYS.values()}
    for iid, cls, n in select(store, COUNT_QUERY).rows:
        key = KIND_KEYS.get(cls.rsplit("#", 1)[-1])
        if key:
            instruments[iid][key] = int(n)
    for key, q in EXTRA_QUERIES.items():
        for iid, n in select(store, q).rows:
            instruments.setdefault(iid, {})[key] = int(n)
    return {"triples": triples, "instruments": dict(sorted(instruments.items()))}
