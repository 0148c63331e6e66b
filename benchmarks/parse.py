"""Time reading all instruments in every language: cold (no parse cache) and warm (cache by source hash)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from regkg.fetch import default_mirror, fetch_all
from regkg.parse import parse_instrument
from regkg.sources import load_manifest


def main() -> None:
    manifest = load_manifest()
    mirror = default_mirror()
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        fetch_all(manifest, mirror=mirror, cache=cache, show_progress=False) if mirror else None
        cache = cache if mirror else None
        total = 0.0
        print(f"{'instrument':32} {'cold s':>8} {'warm s':>8}")
        warm_total = 0.0
        for entry in manifest.instruments:
            t = time.perf_counter()
            parse_instrument(entry, cache, use_cache=False)
            cold = time.perf_counter() - t
            parse_instrument(entry, cache, use_cache=True)  # fill the cache
            t = time.perf_counter()
            parse_instrument(entry, cache, use_cache=True)
            warm = time.perf_counter() - t
            total += cold
            warm_total += warm
            print(f"{entry.id:32} {cold:8.3f} {warm:8.3f}")
        print(f"{'total':32} {total:8.3f} {warm_total:8.3f}   (target: cold ≤ 5 s)")


if __name__ == "__main__":
    main()
