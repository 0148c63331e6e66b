"""The layers that add to the graph beyond the document structure, in build order.

A layer is a function ``(results: dict[str, ParseResult], manifest: Manifest) -> Iterator[Quad]`` where a
quad is ``(subject, predicate, object, graph_iri)``: each layer writes into the instruments' named graphs or
into its own. ``regkg build`` runs every layer listed here, then validates everything with SHACL.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

# "module:function" of each layer, in order; a layer may use the graph-independent output of earlier ones.
LAYERS: list[str] = [
    "regkg.rdf.glossary_layer:glossary_layer",
    "regkg.extract.references:references_layer",
    "regkg.extract.facts:facts_layer",
    "regkg.compare.layer:comparison_layer",
]


def load_layers() -> list[Callable[..., Iterator]]:
    out = []
    for spec in LAYERS:
        module, _, func = spec.partition(":")
        out.append(getattr(importlib.import_module(module), func))
    return out
