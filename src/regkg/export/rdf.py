"""The graph in RDF formats. Quad formats keep the named graphs; triple formats give their union."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph as ox

from ..store import default_build_dir

OX_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
QUAD_FORMATS = {"trig", "nq", "jsonld"}
PREFIXES = {
    "rkg": "https://w3id.org/regkg/ontology#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dpv": "https://w3id.org/dpv#",
    "loc": "https://w3id.org/dpv/loc#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def rdf_bytes(fmt: str, build_dir: Path | None = None) -> bytes:
    nq = (build_dir or default_build_dir()) / "graph.nq"
    data = nq.read_bytes()
    if fmt == "nq":
        return data
    if fmt == "jsonld":
        from rdflib import Dataset

        ds = Dataset()
        ds.parse(data=data, format="nquads")
        return ds.serialize(format="json-ld", encoding="utf-8", auto_compact=False)
    quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    if fmt not in QUAD_FORMATS:
        # union of the named graphs, each triple once, in the canonical order of the N-Quads
        seen, triples = set(), []
        for q in quads:
            t = ox.Triple(q.subject, q.predicate, q.object)
            if t not in seen:
                seen.add(t)
                triples.append(t)
        quads = triples
    prefixes = PREFIXES if fmt in ("ttl", "trig", "rdfxml") else None
    return (
        ox.serialize(quads, format=OX_FORMATS[fmt], prefixes=prefixes)
        if prefixes
        else ox.serialize(quads, format=OX_FORMATS[fmt])
    )


def atomic_write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
    return path


def write_rdf(fmt: str, out: Path, build_dir: Path | None = None) -> Path:
    return atomic_write(Path(out), rdf_bytes(fmt, build_dir))
