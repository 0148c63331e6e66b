"""Exports, one module per output family: RDF formats, networks (GraphML/GEXF), tidy CSV tables."""

from __future__ import annotations

from pathlib import Path

RDF_FORMATS = ("ttl", "trig", "nt", "nq", "jsonld", "rdfxml")
NETWORK_FORMATS = ("graphml", "gexf")
TABLE_FORMATS = ("csv",)
FORMATS = RDF_FORMATS + NETWORK_FORMATS + TABLE_FORMATS


def export(fmt: str, out: Path, build_dir: Path | None = None) -> list[Path]:
    """Write the export ``fmt`` to ``out`` (a file; a folder for csv); return the files written."""
    if fmt in RDF_FORMATS:
        from .rdf import write_rdf

        return [write_rdf(fmt, out, build_dir)]
    if fmt in NETWORK_FORMATS:
        from .network import write_network

        return [write_network(fmt, out, build_dir)]
    if fmt == "csv":
        from .tables import write_tables

        return write_tables(out, build_dir)
    raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
