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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from .errors import BuildError
from .layers import load_layers
from .parse import parse_all
from .rdf.builder import instrument_quads
from .rdf.shacl import validate
from .sources import Manifest, default_manifest, project_root
from .store import PREFIX_MAP

TRIG_PREFIXES = dict(sorted(PREFIX_MAP.items()))


@dataclass
class BuildReport:
    out: Path
    triples: int
    instruments: list[str]
    timings: dict[str, float] = field(default_factory=dict)
    stats: dict = field(default_factory=dict)


def ontology_graph() -> Graph:
    return Graph().parse(project_root() / "ontology" / "regkg.ttl", format="turtle")


def to_ox(term, memo: dict) -> ox.NamedNode | ox.Literal:
    """An rdflib IRI or literal as a pyoxigraph term (the graph has no blank nodes by design)."""
    found = memo.get(term)
    if found is not None:
        return found
    if isinstance(term, URIRef):
        out = ox.NamedNode(str(term))
    elif isinstance(term, Literal):
        if term.language:
            out = ox.Literal(str(term), language=term.language)
        elif term.datatype:
            out = ox.Literal(str(term), datatype=to_ox(term.datatype, memo))
        else:
            out = ox.Literal(str(term))
    else:
        raise BuildError(f"unexpected RDF term {term!r}: regkg mints no blank nodes")
    memo[term] = out
    return out


def canonical_nquads(quads: Iterable[tuple]) -> bytes:
    """N-Quads with one statement per line, sorted by graph then statement: stable and diffable."""
    memo: dict = {}
    converted = [
        ox.Quad(to_ox(s, memo), to_ox(p, memo), to_ox(o, memo), to_ox(g, memo)) for s, p, o, g in quads
    ]
    lines = [line for line in ox.serialize(converted, format=ox.RdfFormat.N_QUADS).split(b"\n") if line]
    # the graph name is the last term of a line: "<s> <p> <o> <g> ."
    lines.sort(key=lambda line: (line[line.rindex(b" <") :], line))
    return b"\n".join(lines) + b"\n"


def data_graph(quads: Iterable[tuple], exclude: set | None = None) -> Graph:
    """The union of the named graphs as one rdflib Graph (what SHACL validates)."""
    g = Graph()
    g.addN((s, p, o, g) for s, p, o, graph in quads if not exclude or graph not in exclude)
    return g


def write_outputs(nq: bytes, tmp: Path) -> None:
    (tmp / "graph.nq").write_bytes(nq)
    # TriG through pyoxigraph from the sorted N-Quads: fast, and ordered by the input
    quads = ox.parse(nq, format=ox.RdfFormat.N_QUADS)
    trig = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=TRIG_PREFIXES)
    # the serializer orders @prefix lines its own way; sort them so the file is the same on every run
    lines = trig.split(b"\n")
    n = next(i for i, line in enumerate(lines) if not line.startswith(b"@prefix"))
    (tmp / "graph.trig").write_bytes(b"\n".join(sorted(lines[:n]) + lines[n:]))
    store = ox.Store(str(tmp / "store"))
    store.bulk_load(nq, format=ox.RdfFormat.N_QUADS)
    store.optimize()
    store.flush()
    del store


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
    layers: bool = True,
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
    quads = set(instrument_quads([r.instrument for r in results.values()], manifest, ontology))
    timings["rdf"] = time.perf_counter() - t
    for layer in load_layers() if layers else []:
        t = time.perf_counter()
        quads.update(layer(results, manifest))
        timings[layer.__name__] = time.perf_counter() - t
    from .rdf.builder import ONTOLOGY_GRAPH

    t = time.perf_counter()
    validation = validate(data_graph(quads, exclude={ONTOLOGY_GRAPH}))
    timings["shacl"] = time.perf_counter() - t
    if not validation.conforms:
        raise BuildError(validation.report())
    log(f"SHACL: conforms ({timings['shacl']:.2f} s)")

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        t = time.perf_counter()
        write_outputs(canonical_nquads(quads), tmp)
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
