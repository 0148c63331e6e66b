"""The :class:`Explorer`: one build's store, the plumbing every question uses, and the questions by area."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from ..store import PREFIX_MAP, open_store
from .browse import BrowseMixin
from .compare import CompareMixin
from .export import ExportMixin
from .facts import FactsMixin
from .network import NetworkMixin
from .queries import LAYERS
from .search import SearchMixin
from .sparql import SparqlWorker
from .terms import ExplorerError, _term, _value, build_dir_from_env, iri_term


class ExplorerCore:
    """Opening a build and running the API's queries on it; :class:`Explorer` adds the questions."""

    def __init__(self, build_dir: Path | None = None) -> None:
        self.build_dir = Path(build_dir) if build_dir else build_dir_from_env()
        self.store = open_store(self.build_dir)
        self._worker: SparqlWorker | None = None

    # -- plumbing

    def rows(self, sparql: str, **bindings: object) -> list[dict]:
        """Run an API query; ``bindings`` become pyoxigraph substitutions (so each must be projected)."""
        subs = {ox.Variable(k): _term(v) for k, v in bindings.items() if v is not None}
        try:
            res = self.store.query(
                sparql, use_default_graph_as_union=True, prefixes=PREFIX_MAP, substitutions=subs or None
            )
        except (SyntaxError, RuntimeError, OSError) as exc:  # a bug in the API's own query: say which
            raise ExplorerError(f"regkg.api query failed: {exc}\n{sparql[:300]}") from None
        cols = [v.value for v in res.variables]
        return [{c: _value(sol[c]) for c in cols} for sol in res]

    def subtree_iris(self, iri: str) -> list[str]:
        """IRIs of ``iri`` and every part under it (a fast path query: its end is bound)."""
        return [
            r["x"] for r in self.rows("SELECT ?x ?top WHERE { ?x eli:is_part_of* ?top }", top=iri_term(iri))
        ]

    def _ancestor_iris(self, iri: str) -> list[str]:
        return [r["a"] for r in self.rows("SELECT ?a ?x WHERE { ?x eli:is_part_of+ ?a }", x=iri_term(iri))]

    @staticmethod
    def _values(var: str, iris: list[str]) -> str:
        """A VALUES block of IRIs that came from the store, each serialized (and escaped) by pyoxigraph."""
        return f"VALUES ?{var} {{ {' '.join(str(ox.NamedNode(i)) for i in iris)} }}"

    def _in(self, template: str, var: str, iris: list[str], **bindings: object) -> list[dict]:
        """Run ``template`` with ``{nodes}`` replaced by a VALUES block binding ``var`` to ``iris``."""
        return self.rows(template.replace("{nodes}", self._values(var, iris)), **bindings)

    def count(self, sparql: str) -> int:
        rows = self.rows(sparql)
        return int(rows[0]["n"]) if rows and rows[0].get("n") is not None else 0

    @property
    def version(self) -> str:
        """An id of this build (changes when the graph is rebuilt), for cache keys."""
        p = self.build_dir / "graph.nq"
        return f"{self.build_dir}:{p.stat().st_mtime_ns if p.exists() else 0}"

    # -- overview

    def stats(self) -> dict:
        """The build's stats.json (triples, per-instrument counts), computed afresh if the file is missing."""
        path = self.build_dir / "stats.json"
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
        from ..stats import compute_stats

        return compute_stats(self.store)

    def layers(self) -> dict[str, dict]:
        """Each extra layer: ``{"description", "count", "built"}`` — built when the graph has any of its records."""
        out = {}
        for name, (desc, q) in LAYERS.items():
            n = self.count(q)
            out[name] = {"description": desc, "count": n, "built": n > 0}
        return out

    # -- closing: stops the SPARQL worker if one was started

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()


class Explorer(BrowseMixin, FactsMixin, CompareMixin, SearchMixin, NetworkMixin, ExportMixin, ExplorerCore):
    """Read-only questions to one build of the graph (``build_dir``, default ``$REGKG_BUILD`` or ``build/``)."""
