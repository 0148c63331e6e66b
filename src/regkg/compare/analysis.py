"""Everything the comparison computes from the parsed instruments, in one place for the layer and the CLI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model import Instrument
from ..sources import Manifest
from .alignment import Alignment, compute_alignments
from .crosswalk import Crosswalk, default_crosswalk
from .topics import TopicAssignment, TopicScheme, assign_topics, default_topics
from .versions import VersionComparison, compare_pair, version_pairs

CORE = (
    "genai-measures-2023",
    "deep-synthesis-2022",
    "algorithm-recommendation-2021",
    "pipl-2021",
    "csl-2016",
    "eu-ai-act-proposal-2021",
)


@dataclass
class Comparison:
    instruments: dict[str, Instrument]
    scheme: TopicScheme
    topics: dict[str, list[TopicAssignment]]
    crosswalk: Crosswalk
    alignments: list[Alignment] = field(default_factory=list)
    versions: list[VersionComparison] = field(default_factory=list)


def instruments_of(results: Mapping) -> dict[str, Instrument]:
    """``{id: Instrument}`` from ``parse_all`` results (or instruments already)."""
    return {k: getattr(v, "instrument", v) for k, v in results.items()}


def compute_comparison(
    results: Mapping, manifest: Manifest, alignments: bool = True, versions: bool = True
) -> Comparison:
    """Topics for every instrument, then (optionally) the alignments and the version comparisons."""
    instruments = instruments_of(results)
    scheme = default_topics()
    topics = assign_topics(instruments.values(), scheme)
    comparison = Comparison(instruments, scheme, topics, default_crosswalk())
    if alignments:
        works = {e.id: e.work for e in manifest.instruments}
        titles = {e.id: e.title_zh or "" for e in manifest.instruments}
        comparison.alignments = compute_alignments(
            instruments.values(), topics, works, crosswalk=comparison.crosswalk, titles=titles
        )
    if versions:
        comparison.versions = [
            compare_pair(instruments, old, new, decision)
            for old, new, decision in version_pairs(manifest, instruments)
        ]
    return comparison
