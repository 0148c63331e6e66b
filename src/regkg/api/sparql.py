"""Free SPARQL in a worker process (capped, timed out, killed when late) and the saved research questions."""

from __future__ import annotations

import csv
import io
import json
import queue
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..store import PREFIX_MAP
from .terms import ExplorerError, _value


@dataclass
class QueryResult:
    """What a free SPARQL query gave: a table, or why not (error, timeout)."""

    columns: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    kind: str = "select"  # select, ask, graph
    truncated: bool = False  # more rows than the cap; only the first ``row_cap`` are here
    timed_out: bool = False
    error: str | None = None
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and not self.timed_out

    def as_dicts(self) -> list[dict]:
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]

    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(self.columns)
        w.writerows([["" if v is None else v for v in r] for r in self.rows])
        return buf.getvalue()

    def to_json(self) -> str:
        return json.dumps(self.as_dicts(), ensure_ascii=False, indent=1)


def _evaluate(store: ox.Store, sparql: str, row_cap: int) -> dict:
    """Run a query to at most ``row_cap`` rows; the worker's unit of work."""
    try:
        res = store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIX_MAP)
        if isinstance(res, ox.QueryBoolean):
            return {"kind": "ask", "columns": ["answer"], "rows": [[bool(res)]]}
        rows: list[list] = []
        truncated = False
        if isinstance(res, ox.QuerySolutions):
            columns = [v.value for v in res.variables]
            for sol in res:
                if len(rows) >= row_cap:
                    truncated = True
                    break
                rows.append([_value(sol[c]) for c in columns])
            return {"kind": "select", "columns": columns, "rows": rows, "truncated": truncated}
        columns = ["subject", "predicate", "object"]
        for t in res:
            if len(rows) >= row_cap:
                truncated = True
                break
            rows.append([_value(t.subject), _value(t.predicate), _value(t.object)])
        return {"kind": "graph", "columns": columns, "rows": rows, "truncated": truncated}
    except SyntaxError as exc:
        msg = f"SPARQL syntax error: {exc}"
        if re.match(
            r"^\s*(PREFIX\s+\S+\s+<[^>]*>\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
            sparql,
            re.I,
        ):
            msg += " — the explorer is read-only: only SELECT, ASK, CONSTRUCT and DESCRIBE queries run here"
        return {"error": msg}
    except (OSError, ValueError, RuntimeError, TypeError) as exc:
        msg = str(exc)
        if "update" in msg.lower() or re.search(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE)\b", sparql, re.I):
            msg += " — the explorer is read-only: only SELECT, ASK, CONSTRUCT and DESCRIBE queries run here"
        return {"error": f"SPARQL evaluation error: {msg}"}


def serve_queries(store_dir: str) -> None:  # pragma: no cover - runs in the worker process
    """The worker's loop: one JSON request per stdin line, one JSON answer per stdout line."""
    import sys

    store = ox.Store.read_only(store_dir)
    out = sys.stdout
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        req = json.loads(line)
        out.write(json.dumps(_evaluate(store, req["sparql"], int(req["row_cap"])), ensure_ascii=False) + "\n")
        out.flush()


class SparqlWorker:
    """Runs free SPARQL in a child process, so that a query past its timeout can be stopped (killed).

    One query at a time (a lock); the process starts on first use and again after a timeout. It is a plain
    ``python -c`` subprocess speaking JSON lines, so it never re-imports the caller's main module.
    """

    def __init__(self, store_dir: Path, startup_timeout: float = 60.0) -> None:
        self.store_dir = Path(store_dir)
        self.startup_timeout = startup_timeout
        self._proc: subprocess.Popen | None = None
        self._lines: queue.Queue | None = None
        self._lock = threading.Lock()

    def _start(self) -> None:
        code = "import sys; from regkg.api import serve_queries; serve_queries(sys.argv[1])"
        proc = subprocess.Popen(
            [sys.executable, "-c", code, str(self.store_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        lines: queue.Queue = queue.Queue()

        def pump() -> None:  # a thread per worker, so waiting for an answer can time out
            for line in proc.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True, name="regkg-sparql-reader").start()
        try:
            ready = lines.get(timeout=self.startup_timeout)
        except queue.Empty:
            ready = None
        if not ready:
            proc.kill()
            raise ExplorerError(f"the SPARQL worker could not open the store in {self.store_dir}")
        self._proc, self._lines = proc, lines

    def start(self) -> None:
        """Start the worker now (the app does this once, so the first query is fast)."""
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._start()

    def _stop(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait(5)
        self._proc = self._lines = None

    def close(self) -> None:
        with self._lock:
            self._stop()

    def run(self, sparql: str, row_cap: int = 1000, timeout: float = 10.0) -> QueryResult:
        """Evaluate ``sparql``; after ``timeout`` seconds stop it and say so."""
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._start()
            t0 = time.perf_counter()
            self._proc.stdin.write(json.dumps({"sparql": sparql, "row_cap": int(row_cap)}) + "\n")
            self._proc.stdin.flush()
            try:
                line = self._lines.get(timeout=timeout)
            except queue.Empty:
                self._stop()
                return QueryResult(
                    timed_out=True,
                    elapsed=time.perf_counter() - t0,
                    error=f"Timed out: the query did not finish within {timeout:g} s and was stopped. "
                    "Narrow it (a LIMIT, fewer OPTIONALs, a more specific pattern) and run it again.",
                )
            if line is None:
                self._stop()
                return QueryResult(
                    error="the SPARQL worker stopped unexpectedly", elapsed=time.perf_counter() - t0
                )
        out = json.loads(line)
        out.setdefault("columns", [])
        out.setdefault("rows", [])
        return QueryResult(elapsed=time.perf_counter() - t0, **out)


# ---------------------------------------------------------------------------------------------- saved queries


@dataclass(frozen=True)
class SavedQuery:
    name: str  # file stem, e.g. "01-instruments"
    title: str
    question: str
    sparql: str


def queries_dir() -> Path:
    from ..sources import project_root

    return project_root() / "queries"


def saved_queries(folder: Path | None = None) -> list[SavedQuery]:
    """The research questions in ``queries/*.rq``, titled by their ``# title:`` / ``# question:`` headers."""
    out = []
    for path in sorted(Path(folder or queries_dir()).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        head = {}
        for line in text.splitlines():
            m = re.match(r"^#\s*(title|question)\s*:\s*(.+)$", line)
            if m:
                head[m.group(1)] = m.group(2).strip()
            elif line.strip() and not line.startswith("#"):
                break
        out.append(SavedQuery(path.stem, head.get("title", path.stem), head.get("question", ""), text))
    return out
