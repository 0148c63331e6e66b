"""The pyoxigraph store: open, load and query the built graph."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import RegkgError

PREFIXES = """PREFIX rkg: <https://w3id.org/regkg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dpv: <https://w3id.org/dpv#>
PREFIX loc: <https://w3id.org/dpv/loc#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

PREFIX_MAP = {line.split()[1][:-1]: line.split()[2][1:-1] for line in PREFIXES.strip().splitlines()}


class QueryError(RegkgError):
    """A SPARQL query could not be parsed or evaluated."""


def default_build_dir() -> Path:
    from .sources import project_root

    return project_root() / "build"


def open_store(build_dir: Path | None = None) -> ox.Store:
    """Open the built store read-only (several readers may share it)."""
    path = (build_dir or default_build_dir()) / "store"
    if not path.is_dir():
        raise RegkgError(f"{path}: no built store. Run `regkg build` first.")
    return ox.Store.read_only(str(path))


def _term(t) -> object:
    if t is None:
        return None
    if isinstance(t, ox.Literal):
        return t.value
    if isinstance(t, ox.NamedNode):
        return t.value
    return str(t)


@dataclass
class Table:
    """A SELECT result: variable names and rows of plain Python values (str, or None when unbound)."""

    columns: list[str]
    rows: list[list[object]]

    def as_dicts(self) -> list[dict]:
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]

    def to_csv(self, delimiter: str = ",") -> str:
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
        w.writerow(self.columns)
        w.writerows([["" if v is None else v for v in r] for r in self.rows])
        return buf.getvalue()

    def to_json(self) -> str:
        return json.dumps(self.as_dicts(), ensure_ascii=False, indent=1)


def select(
    store: ox.Store,
    sparql: str,
    *,
    prefixes: bool = True,
    bindings: dict | None = None,
    limit: int | None = None,
) -> Table:
    """Run a SELECT query; ``bindings`` gives variables values without pasting user input into the text.

    Values are RDF terms (``pyoxigraph.NamedNode``/``Literal``) or strings (taken as plain literals); they are
    serialized by pyoxigraph (which escapes them) into a trailing ``VALUES`` clause. Being joined after the WHERE
    clause, they are not visible to a FILTER inside it: match them with triple patterns instead.
    """
    if bindings:
        names = list(bindings)
        terms = [
            v if isinstance(v, (ox.NamedNode, ox.Literal)) else ox.Literal(str(v)) for v in bindings.values()
        ]
        sparql = (
            f"{sparql}\nVALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(str(t) for t in terms)}) }}"
        )
    try:
        res = store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIX_MAP if prefixes else None)
    except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"SPARQL error: {exc}") from None
    if not isinstance(res, ox.QuerySolutions):
        raise QueryError(
            "only SELECT queries return a table; use ASK/CONSTRUCT through `regkg query --format`"
        )
    columns = [v.value for v in res.variables]
    rows = []
    for sol in res:
        rows.append([_term(sol[c]) for c in columns])
        if limit is not None and len(rows) >= limit:
            break
    return Table(columns, rows)
