"""``regkg build``: sources -> model -> RDF -> SHACL -> files and store, written atomically.

The build is written into a temporary folder beside ``build/`` and swapped into place only when everything
succeeded, so a failed build leaves the previous one untouched. Outputs other than the store are
deterministic: the same sources give byte-identical ``graph.nq``, ``graph.trig`` and ``stats.json``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef

from .errors import BuildError
from .layers import load_layers
from .parse import parse_all
from .rdf.builder import build_dataset
from .rdf.shacl import validate
from .sources import Manifest, default_manifest, project_root


@dataclass
class BuildReport:
    out: Path
    triples: int
    instruments: list[str]
    timings: dict[str, float] = field(default_factory=dict)
    stats: dict = field(default_factory=dict)


def ontology_graph() -> Graph:
    return Graph().parse(project_root() / "ontology" / "regkg.ttl", format="turtle")


def to_ox(term) -> ox.NamedNode | ox.Literal:
    """An rdflib IRI or literal as a pyoxigraph term (the graph has no blank nodes by design)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise BuildError(f"unexpected RDF term {term!r}: regkg mints no blank nodes")


def canonical_nquads(ds: Dataset) -> bytes:
    """N-Quads with one statement per line, sorted: a stable, diffable serialization."""
    quads = {
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(g.identifier)))
        for g in ds.graphs()
        if isinstance(g.identifier, URIRef) and str(g.identifier) != "urn:x-rdflib:default"
        for s, p, o in g
    }
    ordered = sorted(
        quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
    )
    return ox.serialize(ordered, format=ox.RdfFormat.N_QUADS)


def data_graph(ds: Dataset, exclude: set | None = None) -> Graph:
    """The union of the instrument graphs as one rdflib Graph (what SHACL validates)."""
    g = Graph()
    for ctx in ds.graphs():
        if exclude and ctx.identifier in exclude:
            continue
        for t in ctx:
            g.add(t)
    return g


def write_outputs(ds: Dataset, tmp: Path) -> None:
    nq = canonical_nquads(ds)
    (tmp / "graph.nq").write_bytes(nq)
    # TriG through pyoxigraph from the sorted N-Quads: fast, and ordered by the input
    quads = ox.parse(nq, format=ox.RdfFormat.N_QUADS)
    prefixes = {p: str(ns) for p, ns in ds.namespaces() if p in _TRIG_PREFIXES}
    trig = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=dict(sorted(prefixes.items())))
    (tmp / "graph.trig").write_bytes(trig)
    store = ox.Store(str(tmp / "store"))
    store.bulk_load(nq, format=ox.RdfFormat.N_QUADS)
    store.optimize()
    store.flush()
    del store


_TRIG_PREFIXES = {
    "rkg",
    "eli",
    "eli-dl",
    "dcterms",
    "skos",
    "prov",
    "dpv",
    "loc",
    "tech",
    "eu-aiact",
    "airo",
    "owl",
    "rdfs",
    "xsd",
    "rdf",
}


def swap_into_place(tmp: Path, out: Path) -> None:
    old = out.with_name(out.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    if old.exists():
        shutil.rmtree(old)


def build(
    out: Path | None = None,
    manifest: Manifest | None = None,
    only: list[str] | None = None,
    log: Callable[[str], None] = lambda s: None,
    use_cache: bool = True,
    cache: Path | None = None,
) -> BuildReport:
    """Build the graph into ``out`` (default ``build/``); raise BuildError on a SHACL violation."""
    from .stats import compute_stats

    out = Path(out or project_root() / "build")
    manifest = manifest or default_manifest()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    results = parse_all(manifest, only=only, cache=cache, use_cache=use_cache)
    timings["parse"] = time.perf_counter() - t0
    log(f"parsed {len(results)} instruments in {timings['parse']:.2f} s")

    t = time.perf_counter()
    ontology = ontology_graph()
    ds = build_dataset([r.instrument for r in results.values()], manifest, ontology)
    timings["rdf"] = time.perf_counter() - t
    for layer in load_layers():
        t = time.perf_counter()
        for s, p, o, g in layer(results, manifest):
            ds.graph(g).add((s, p, o))
        timings[layer.__name__] = time.perf_counter() - t
    from .rdf.builder import ONTOLOGY_GRAPH

    t = time.perf_counter()
    validation = validate(data_graph(ds, exclude={ONTOLOGY_GRAPH}))
    timings["shacl"] = time.perf_counter() - t
    if not validation.conforms:
        raise BuildError(validation.report())
    log(f"SHACL: conforms ({timings['shacl']:.2f} s)")

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        t = time.perf_counter()
        write_outputs(ds, tmp)
        timings["write"] = time.perf_counter() - t
        store = ox.Store.read_only(str(tmp / "store"))
        stats = compute_stats(store)
        del store
        (tmp / "stats.json").write_text(
            json.dumps(stats, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    timings["total"] = time.perf_counter() - t0
    log(f"wrote {out} ({stats['triples']} triples) in {timings['total']:.2f} s")
    return BuildReport(out, stats["triples"], list(results), timings, stats)
