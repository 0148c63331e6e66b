"""SHACL validation of the built graph against ``ontology/shapes.ttl``."""

from __future__ import annotations

import multiprocessing as mp
import os
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.namespace import RDF, SH

from ..sources import project_root


def shapes_path() -> Path:
    return project_root() / "ontology" / "shapes.ttl"


def load_shapes(path: Path | None = None) -> Graph:
    return Graph().parse(path or shapes_path(), format="turtle")


@dataclass
class Validation:
    conforms: bool
    violations: list[str]

    def report(self, limit: int = 20) -> str:
        if self.conforms:
            return "SHACL: the graph conforms to the shapes"
        shown = "\n".join(f"  - {v}" for v in self.violations[:limit])
        more = f"\n  … and {len(self.violations) - limit} more" if len(self.violations) > limit else ""
        return f"SHACL: {len(self.violations)} violations\n{shown}{more}"


def _validate_one(data: Graph, shapes: Graph) -> Validation:
    from pyshacl import validate as shacl_validate

    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True
    )
    violations = []
    for r in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        msg = results.value(r, SH.resultMessage)
        violations.append(f"{focus} — {path.n3(results.namespace_manager) if path else ''}: {msg}")
    return Validation(bool(conforms), sorted(violations))


def validate(data: Graph, shapes: Graph | None = None, workers: int | None = None) -> Validation:
    """Validate ``data``; the result lists each violation as "focus node — path: message".

    pySHACL is single-threaded, so the shapes are split into groups validated in parallel by forked worker
    processes (which share ``data`` copy-on-write); without ``fork`` it runs in this process.
    """
    shapes = shapes if shapes is not None else load_shapes()
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    if workers < 2 or "fork" not in mp.get_all_start_methods():
        return _validate_one(data, shapes)
    groups = split_shapes(shapes, data, workers)
    global _WORK
    _WORK = (data, groups)
    try:
        with mp.get_context("fork").Pool(len(groups)) as pool:
            parts = pool.map(_validate_group, range(len(groups)))
    finally:
        _WORK = None
    return Validation(all(p.conforms for p in parts), sorted(v for p in parts for v in p.violations))


_WORK: tuple[Graph, list[Graph]] | None = None


def _validate_group(i: int) -> Validation:
    assert _WORK is not None
    data, groups = _WORK
    return _validate_one(data, groups[i])


def _closure(shapes: Graph, node, out: Graph) -> None:
    """Copy ``node``'s triples and, recursively, those of the blank nodes it uses (property shapes, lists)."""
    for p, o in shapes.predicate_objects(node):
        out.add((node, p, o))
        if isinstance(o, BNode):
            _closure(shapes, o, out)


def split_shapes(shapes: Graph, data: Graph, n: int) -> list[Graph]:
    """Split the node shapes into ``n`` graphs of about equal work (instances of their target classes)."""
    weighted = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        targets = list(shapes.objects(shape, SH.targetClass))
        weight = sum(1 for c in targets for _ in data.subjects(RDF.type, c)) + 1
        weighted.append((weight, str(shape), shape))
    groups = [Graph() for _ in range(n)]
    loads = [0] * n
    for weight, _, shape in sorted(weighted, reverse=True):
        i = loads.index(min(loads))
        _closure(shapes, shape, groups[i])
        loads[i] += weight
    for prefix, ns in shapes.namespaces():
        for g in groups:
            g.bind(prefix, ns)
    return [g for g in groups if len(g)]
