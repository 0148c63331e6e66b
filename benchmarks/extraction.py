"""Time the fact extraction (actors, duties, definitions, penalties) per instrument and in total.

    REGKG_CACHE=/tmp/regkg-cache python benchmarks/extraction.py [--repeat N]

Parsing is not timed (it is cached); the spaCy import and pipeline construction are timed separately, since a
build pays them once. The issue's target: extraction adds at most 10 s to the build on 2 cores.
"""

from __future__ import annotations

import argparse
import time


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1, help="run the extraction N times and report the best")
    args = ap.parse_args()

    from regkg.parse import parse_all

    results = parse_all()
    t0 = time.perf_counter()
    from regkg.extract.facts import instrument_facts
    from regkg.extract.pipeline import get_nlp

    get_nlp("zh")
    get_nlp("en")
    setup = time.perf_counter() - t0

    best: dict[str, float] = {}
    counts: dict[str, tuple[int, int, int, int]] = {}
    for _ in range(max(1, args.repeat)):
        for iid, result in results.items():
            t = time.perf_counter()
            ex = instrument_facts(result)
            dt = time.perf_counter() - t
            best[iid] = min(dt, best.get(iid, dt))
            counts[iid] = (len(ex.actors), len(ex.duties), len(ex.definitions), len(ex.penalties))
    print(
        f"{'instrument':32s} {'seconds':>8s} {'mentions':>9s} {'duties':>7s} {'defs':>5s} {'penalties':>9s}"
    )
    for iid, dt in best.items():
        a, d, f, p = counts[iid]
        print(f"{iid:32s} {dt:8.2f} {a:9d} {d:7d} {f:5d} {p:9d}")
    total = sum(best.values())
    print(f"{'setup (spaCy import, pipelines)':32s} {setup:8.2f}")
    print(f"{'total':32s} {total + setup:8.2f}  (target ≤ 10 s on 2 cores)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
