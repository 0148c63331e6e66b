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

TABLES = {"provisions": PROVISIONS}


def write_tables(out: Path, build_dir: Path | None = None) -> list[Path]:
    """Write one CSV per table into the folder ``out``."""
    store = open_store(build_dir)
    out = Path(out)
    written = []
    for name, query in TABLES.items():
        table = select(store, query)
        written.append(atomic_write(out / f"{name}.csv", table.to_csv().encode("utf-8")))
    return written
