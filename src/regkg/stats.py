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
    # references (extraction: references): records read from the authoritative text
    "references": """
SELECT ?id (COUNT(DISTINCT ?r) AS ?n) WHERE {
  ?inst a rkg:Instrument ; dcterms:identifier ?id ; eli:is_realized_by ?e .
  ?e rkg:authoritative true ; dcterms:language ?lang .
  OPTIONAL { ?p rkg:inInstrument ?inst . ?r a rkg:Reference ; rkg:citingProvision ?p ; rkg:evidenceLang ?lang . }
} GROUP BY ?id""",
    "references_unresolved": """
SELECT ?id (COUNT(DISTINCT ?r) AS ?n) WHERE {
  ?inst a rkg:Instrument ; dcterms:identifier ?id ; eli:is_realized_by ?e .
  ?e rkg:authoritative true ; dcterms:language ?lang .
  OPTIONAL {
    ?p rkg:inInstrument ?inst .
    ?r a rkg:Reference ; rkg:citingProvision ?p ; rkg:evidenceLang ?lang ; rkg:resolved false .
  }
} GROUP BY ?id""",
    # actors, duties, definitions, penalties (extraction: facts): duties and penalties read from the
    # authoritative text (translations have their own), distinct roles mentioned, defined terms
    "duties": """
SELECT ?id (COUNT(DISTINCT ?d) AS ?n) WHERE {
  ?inst a rkg:Instrument ; dcterms:identifier ?id ; eli:is_realized_by ?e .
  ?e rkg:authoritative true ; dcterms:language ?lang .
  ?p rkg:inInstrument ?inst . ?d a rkg:Duty ; rkg:inProvision ?p ; rkg:evidenceLang ?lang .
} GROUP BY ?id""",
    "actors": """
SELECT ?id (COUNT(DISTINCT ?r) AS ?n) WHERE {
  ?inst a rkg:Instrument ; dcterms:identifier ?id .
  ?p rkg:inInstrument ?inst ; rkg:mentions ?r .
} GROUP BY ?id""",
    "definitions": """
SELECT ?id (COUNT(DISTINCT ?t) AS ?n) WHERE {
  ?inst a rkg:Instrument ; dcterms:identifier ?id .
  ?p rkg:inInstrument ?inst . ?t a rkg:DefinedTerm ; rkg:definedIn ?p .
} GROUP BY ?id""",
    "penalties": """
SELECT ?id (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?inst a rkg:Instrument ; dcterms:identifier ?id ; eli:is_realized_by ?e .
  ?e rkg:authoritative true ; dcterms:language ?lang .
  ?p rkg:inInstrument ?inst . ?x a rkg:Penalty ; rkg:inProvision ?p ; rkg:evidenceLang ?lang .
} GROUP BY ?id""",
    # topics, alignments (comparison)
    "topics": """
SELECT ?id (COUNT(DISTINCT ?t) AS ?n) WHERE {
  ?inst a rkg:Instrument ; dcterms:identifier ?id .
  ?p rkg:inInstrument ?inst ; rkg:hasTopic ?t .
} GROUP BY ?id""",
    "topic_assignments": """
SELECT ?id (COUNT(?p) AS ?n) WHERE {
  ?inst a rkg:Instrument ; dcterms:identifier ?id .
  ?p rkg:inInstrument ?inst ; rkg:hasTopic ?t .
} GROUP BY ?id""",
    "alignments": """
SELECT ?id (COUNT(DISTINCT ?al) AS ?n) WHERE {
  ?inst a rkg:Instrument ; dcterms:identifier ?id .
  ?al a rkg:ProvisionAlignment ; rkg:alignedProvision ?p .
  ?p rkg:inInstrument ?inst .
} GROUP BY ?id""",
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
