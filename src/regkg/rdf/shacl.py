"""SHACL validation of the built graph against ``ontology/shapes.ttl``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

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


def validate(data: Graph, shapes: Graph | None = None) -> Validation:
    """Validate ``data``; the result lists each violation as "focus node — path: message"."""
    from pyshacl import validate as shacl_validate

    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes or load_shapes(), inference="none", advanced=False, allow_warnings=True
    )
    violations = []
    for r in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        msg = results.value(r, SH.resultMessage)
        violations.append(f"{focus} — {path.n3(results.namespace_manager) if path else ''}: {msg}")
    return Validation(bool(conforms), sorted(violations))
