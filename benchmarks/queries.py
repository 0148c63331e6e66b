"""The saved queries on pyoxigraph vs rdflib's in-memory store over the same graph: time and ratio per query."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from regkg.sources import project_root
from regkg.store import PREFIXES, default_build_dir


def best_of(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(build_dir: Path | None = None) -> None:
    build_dir = build_dir or default_build_dir()
    nq = build_dir / "graph.nq"
    store = ox.Store()
    store.bulk_load(nq.read_bytes(), format=ox.RdfFormat.N_QUADS)
    ds = Dataset(default_union=True)
    t = time.perf_counter()
    ds.parse(nq, format="nquads")
    print(f"rdflib load: {time.perf_counter() - t:.2f} s; {len(store)} quads")
    ratios = []
    print(f"{'query':48} {'oxigraph ms':>12} {'rdflib ms':>12} {'ratio':>8}")
    for path in sorted((project_root() / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        ox_t = best_of(lambda q=text: list(store.query(PREFIXES + q, use_default_graph_as_union=True)), 3)
        try:
            rd_t = best_of(lambda q=text: list(ds.query(PREFIXES + q)), 1)
        except Exception as exc:  # rdflib's SPARQL engine fails on some valid queries
            print(f"{path.name:48} {ox_t * 1000:12.1f} {'rdflib fails':>12}  ({type(exc).__name__})")
            continue
        ratios.append(rd_t / ox_t)
        print(f"{path.name:48} {ox_t * 1000:12.1f} {rd_t * 1000:12.1f} {rd_t / ox_t:8.1f}x")
    print(f"median ratio {statistics.median(ratios):.1f}x, min {min(ratios):.1f}x (target ≥ 10x)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
