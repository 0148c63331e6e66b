"""Tidy CSV tables for papers and spreadsheets: one row per provision (more tables as layers land)."""

from __future__ import annotations

from pathlib import Path

from ..store import open_store, select
from .rdf import atomic_write

PROVISIONS = """
SELECT ?instrument ?eid ?kind ?number ?label_en ?label_zh ?heading_en ?heading_zh ?text_zh ?text_en ?iri ?order
WHERE {
  ?s rkg:inInstrument ?inst ; rkg:eId ?eid ; rkg:order ?order ; a ?cls .
  ?inst dcterms:identifier ?instrument .
  FILTER(STRSTARTS(STR(?cls), STR(rkg:)) && ?cls != rkg:Subdivision)
  BIND(LCASE(STRAFTER(STR(?cls), "#")) AS ?kind)
  BIND(STR(?s) AS ?iri)
  OPTIONAL { ?s eli:number ?number }
  OPTIONAL { ?s rkg:label ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?s rkg:label ?label_zh FILTER(LANG(?label_zh) = "zh") }
  OPTIONAL { ?s rkg:heading ?heading_en FILTER(LANG(?heading_en) = "en") }
  OPTIONAL { ?s rkg:heading ?heading_zh FILTER(LANG(?heading_zh) = "zh") }
  OPTIONAL { ?s rkg:text ?text_zh FILTER(LANG(?text_zh) = "zh") }
  OPTIONAL { ?s rkg:text ?text_en FILTER(LANG(?text_en) = "en") }
} ORDER BY ?instrument ?order
"""

REFERENCES = """
SELECT ?instrument ?citing_eid ?lang ?anchor ?kind ?relation ?resolved ?target ?target_instrument ?start ?end ?note
WHERE {
  ?r a rkg:Reference ; rkg:citingProvision ?p ; rkg:anchorText ?anchor ; rkg:referenceKind ?kind ;
     rkg:referenceRelation ?relation ; rkg:resolved ?resolved ; rkg:evidenceLang ?lang ;
     rkg:startOffset ?start ; rkg:endOffset ?end .
  ?p rkg:eId ?citing_eid ; rkg:inInstrument/dcterms:identifier ?instrument .
  OPTIONAL { ?r rkg:citedResource ?t . BIND(STR(?t) AS ?target)
             OPTIONAL { { ?t dcterms:identifier ?target_instrument } UNION
                        { ?t rkg:inInstrument/dcterms:identifier ?target_instrument } } }
  OPTIONAL { ?r rkg:resolutionNote ?note }
} ORDER BY ?instrument ?citing_eid ?lang ?start
"""

DUTIES = """
SELECT ?instrument ?eid ?lang ?modality (GROUP_CONCAT(DISTINCT ?b; separator=" | ") AS ?bearers) ?bearer_source
       ?marker ?action (GROUP_CONCAT(DISTINCT ?c; separator=" | ") AS ?conditions)
       (GROUP_CONCAT(DISTINCT ?x; separator=" | ") AS ?exceptions) ?evidence ?review_status ?iri
WHERE {
  ?d a rkg:Duty ; rkg:inProvision ?p ; rkg:modality ?modality ; rkg:marker ?marker ; rkg:action ?action ;
     rkg:evidenceLang ?lang ; rkg:evidenceText ?evidence ; rkg:bearerSource ?bearer_source ;
     rkg:reviewStatus ?review_status .
  ?p rkg:eId ?eid ; rkg:inInstrument/dcterms:identifier ?instrument .
  OPTIONAL { ?d dpv:hasResponsibleEntity ?b }
  OPTIONAL { ?d rkg:condition ?c }
  OPTIONAL { ?d rkg:exception ?x }
  BIND(STR(?d) AS ?iri)
} GROUP BY ?instrument ?eid ?lang ?modality ?bearer_source ?marker ?action ?evidence ?review_status ?iri
ORDER BY ?instrument ?eid ?lang ?iri
"""

ACTORS = """
SELECT ?instrument ?eid ?role ?label_en ?label_zh ?mentions WHERE {
  ?p rkg:mentions ?r ; rkg:eId ?eid ; rkg:inInstrument/dcterms:identifier ?instrument .
  BIND(STR(?r) AS ?role)
  OPTIONAL { ?r skos:prefLabel ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?r skos:prefLabel ?label_zh FILTER(LANG(?label_zh) = "zh") }
  OPTIONAL { ?p rkg:mentionCount ?mentions }
} ORDER BY ?instrument ?eid ?role
"""

TABLES = {"provisions": PROVISIONS, "references": REFERENCES, "duties": DUTIES, "actors": ACTORS}


def write_tables(out: Path, build_dir: Path | None = None) -> list[Path]:
    """Write one CSV per table into the folder ``out``."""
    store = open_store(build_dir)
    out = Path(out)
    written = []
    for name, query in TABLES.items():
        table = select(store, query)
        written.append(atomic_write(out / f"{name}.csv", table.to_csv().encode("utf-8")))
    return written
