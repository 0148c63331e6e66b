"""``regkg push``: load the built graph into any SPARQL 1.1 store.

Two protocols: the Graph Store HTTP Protocol (``PUT`` of each named graph, which replaces it), or SPARQL 1.1
Update (``DROP SILENT GRAPH`` then ``INSERT DATA`` in chunks) where the store offers only that. Either way a
second push replaces the graphs instead of duplicating them.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

from .errors import RegkgError
from .store import default_build_dir

CHUNK_LINES = 5000


def graphs_from_nquads(path: Path) -> dict[str, list[str]]:
    """N-Triples lines per named graph, from the build's N-Quads."""
    import pyoxigraph as ox

    out: dict[str, list[str]] = defaultdict(list)
    for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        if not isinstance(q.graph_name, ox.NamedNode):
            raise RegkgError(f"{path}: a statement outside a named graph: {q}")
        out[q.graph_name.value].append(f"{q.subject} {q.predicate} {q.object} .")
    return dict(out)


def _send(req: urllib.request.Request, what: str) -> None:
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            if resp.status >= 300:
                raise RegkgError(f"{what}: HTTP {resp.status}")
    except urllib.error.HTTPError as exc:
        body = exc.read().decode(errors="replace")[:300]
        raise RegkgError(f"{what}: HTTP {exc.code} {exc.reason}: {body}") from None
    except urllib.error.URLError as exc:
        raise RegkgError(f"{what}: cannot reach {req.full_url} ({exc.reason})") from None


def push_gsp(endpoint: str, graphs: dict[str, list[str]]) -> None:
    for graph, lines in sorted(graphs.items()):
        url = endpoint + ("&" if "?" in endpoint else "?") + urllib.parse.urlencode({"graph": graph})
        body = ("\n".join(lines) + "\n").encode("utf-8")
        req = urllib.request.Request(
            url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"}
        )
        _send(req, f"PUT graph {graph}")


def push_update(endpoint: str, graphs: dict[str, list[str]]) -> None:
    for graph, lines in sorted(graphs.items()):
        for i in range(0, max(len(lines), 1), CHUNK_LINES):
            chunk = "\n".join(lines[i : i + CHUNK_LINES])
            update = (
                f"DROP SILENT GRAPH <{graph}> ;\n" if i == 0 else ""
            ) + f"INSERT DATA {{ GRAPH <{graph}> {{\n{chunk}\n}} }}"
            req = urllib.request.Request(
                endpoint,
                data=urllib.parse.urlencode({"update": update}).encode(),
                method="POST",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            _send(req, f"UPDATE graph {graph}")


def push(endpoint: str, protocol: str = "gsp", build_dir: Path | None = None) -> dict[str, int]:
    """Push every named graph of the build; returns statements per graph."""
    nq = (build_dir or default_build_dir()) / "graph.nq"
    if not nq.is_file():
        raise RegkgError(f"{nq}: no built graph. Run `regkg build` first.")
    graphs = graphs_from_nquads(nq)
    if protocol == "gsp":
        push_gsp(endpoint, graphs)
    elif protocol == "update":
        push_update(endpoint, graphs)
    else:
        raise RegkgError(f"unknown protocol {protocol!r}: use gsp or update")
    return {g: len(lines) for g, lines in sorted(graphs.items())}
