"""The explorer's public API: plain-Python answers over the built store, for the Streamlit app and notebooks.

>>> ex = Explorer()                                     # doctest: +SKIP
>>> [i["id"] for i in ex.instruments()][:2]             # doctest: +SKIP
['algorithm-recommendation-2021', 'csl-2016']
>>> ex.article("pipl-2021", "13")["label"]["en"]        # doctest: +SKIP
'Article 13'

Safety: a caller's values reach SPARQL only as pyoxigraph substitutions (RDF terms serialized and escaped by
pyoxigraph), never pasted into query text; IRIs are checked by ``pyoxigraph.NamedNode``. Free SPARQL from the
user runs in a separate process over the read-only store, with a row cap and a timeout after which the process
is killed. Nothing is cached here: the app caches (``st.cache_data``/``st.cache_resource``).

Layers that other parts of regkg add to the graph (references, actors, duties, definitions, penalties, topics,
alignments, version correspondences) are queried by their ontology terms; while a layer is not in the build the
queries return nothing and :meth:`Explorer.layers` says so, so a page can say "not built yet".
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import eid as eids
from .errors import RegkgError
from .rdf.vocab import RKG
from .store import PREFIX_MAP, PREFIXES, default_build_dir, open_store

# kind of a subdivision <- its rkg: class (local name)
KINDS = {
    "Preamble": "preamble",
    "Recital": "recital",
    "Part": "part",
    "Title": "title",
    "Chapter": "chapter",
    "Section": "section",
    "Subsection": "subsection",
    "Article": "article",
    "Paragraph": "paragraph",
    "Point": "point",
    "Subpoint": "subpoint",
    "Annex": "annex",
    "Item": "item",
}
STRUCTURE = ("part", "title", "chapter", "section", "subsection")
# the units a reader opens: an article, or an annex, recital, amendment item, preamble
UNITS = ("article", "annex", "recital", "item", "preamble")
_UNIT_PREFIX = {"annex": "annex", "recital": "rec", "item": "item"}
_UNIT_OF_PREFIX = {v: k for k, v in _UNIT_PREFIX.items()}
_NUM = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.-]{0,15}$")

# Layers of the graph beyond the document structure: name -> (what it is, SPARQL counting its records).
LAYERS: dict[str, tuple[str, str]] = {
    "references": (
        "cross-references (eli:cites between provisions)",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s eli:cites ?o }",
    ),
    "actors": ("actor mentions (rkg:mentions)", "SELECT (COUNT(*) AS ?n) WHERE { ?s rkg:mentions ?o }"),
    "duties": ("duties (rkg:Duty)", "SELECT (COUNT(*) AS ?n) WHERE { ?s a rkg:Duty }"),
    "definitions": ("defined terms (rkg:definedIn)", "SELECT (COUNT(*) AS ?n) WHERE { ?s rkg:definedIn ?o }"),
    "penalties": ("penalties (rkg:Penalty)", "SELECT (COUNT(*) AS ?n) WHERE { ?s a rkg:Penalty }"),
    "topics": ("topic assignments (rkg:hasTopic)", "SELECT (COUNT(*) AS ?n) WHERE { ?s rkg:hasTopic ?o }"),
    "crosswalk": (
        "the cross-jurisdiction actor crosswalk (rkg:RoleMapping)",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s a rkg:RoleMapping }",
    ),
    "alignments": (
        "CN↔EU provision alignments (rkg:ProvisionAlignment)",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s a rkg:ProvisionAlignment }",
    ),
    "versions": (
        "version correspondences (rkg:ArticleCorrespondence)",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s a rkg:ArticleCorrespondence }",
    ),
}


class ExplorerError(RegkgError):
    """A request the explorer cannot answer (unknown instrument, malformed IRI, ...)."""


# ---------------------------------------------------------------------------------------------- helpers


def build_dir_from_env() -> Path:
    """The build folder: ``$REGKG_BUILD`` if set, else the project's ``build/``."""
    env = os.environ.get("REGKG_BUILD")
    return Path(env) if env else default_build_dir()


def _term(value: object) -> ox.NamedNode | ox.Literal:
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if isinstance(value, bool):
        return ox.Literal(
            "true" if value else "false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
        )
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(str(value))


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INT_TYPES = {_XSD + t for t in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger")}
_FLOAT_TYPES = {_XSD + t for t in ("decimal", "double", "float")}


def _value(t: object) -> object:
    """A plain Python value: IRIs and strings as str, numbers as int/float, booleans as bool."""
    if t is None:
        return None
    if isinstance(t, ox.Literal):
        dt = t.datatype.value if t.datatype is not None else ""
        try:
            if dt in _INT_TYPES:
                return int(t.value)
            if dt in _FLOAT_TYPES:
                return float(t.value)
        except ValueError:
            return t.value
        if dt == _XSD + "boolean":
            return t.value in ("true", "1")
        return t.value
    if isinstance(t, ox.NamedNode):
        return t.value
    return str(t)


def iri_term(iri: str) -> ox.NamedNode:
    """A NamedNode for a caller's IRI; ExplorerError when it is not an absolute IRI."""
    try:
        node = ox.NamedNode(str(iri))
    except ValueError:
        raise ExplorerError(f"not an IRI: {str(iri)[:80]!r}") from None
    if not re.match(r"^[a-z][a-z0-9+.-]*:", node.value):
        raise ExplorerError(f"not an absolute IRI: {str(iri)[:80]!r}")
    return node


def local_name(iri: str | None) -> str:
    if not iri:
        return ""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def unit_param(kind: str, num: str | None) -> str:
    """The URL value that names a unit: "13" for Article 13, "annex_III", "rec_12", "item_3", "preamble"."""
    if kind == "article":
        return num or ""
    if kind == "preamble":
        return "preamble"
    return f"{_UNIT_PREFIX.get(kind, kind)}_{num}"


def parse_unit(param: str) -> tuple[str, str | None]:
    """Inverse of :func:`unit_param`; ExplorerError for anything else."""
    p = (param or "").strip()
    if p == "preamble":
        return "preamble", None
    if p.lower().startswith(("art_", "article ")):
        p = p.split("_", 1)[1] if "_" in p else p.split(" ", 1)[1]
    if "_" in p:
        prefix, _, num = p.partition("_")
        if prefix in _UNIT_OF_PREFIX and _NUM.match(num):
            return _UNIT_OF_PREFIX[prefix], num
    elif _NUM.match(p):
        return "article", p
    raise ExplorerError(f"not an article number or unit: {param[:40]!r} (e.g. 13, annex_III, rec_12, item_3)")


def unit_of(iri: str, eid: str) -> tuple[str | None, str | None]:
    """(URL value, IRI) of the unit (article, annex, recital, item, preamble) that holds node ``iri``/``eid``.

    From the eId alone: node IRIs are the instrument's IRI plus the provision path (see :mod:`regkg.eid`), so
    the unit's IRI is the node's IRI cut after the unit's own segment. (None, None) for chapters and the like.
    """
    path = eids.provision_path(eid).split("__")
    prefix, _, num = path[0].partition("_")
    kind = eids.KIND.get(prefix)
    if kind not in UNITS:
        return None, None
    rest = "/" + "/".join(path[1:]) if len(path) > 1 else ""
    unit_iri = iri[: len(iri) - len(rest)] if rest and iri.endswith(rest) else iri
    return unit_param(kind, num or None), unit_iri


def _num_key(num: str | None) -> tuple:
    """Sort key for numbers such as 5, 5a, III, 12."""
    if not num:
        return (0, 0, "")
    m = re.match(r"^(\d+)(.*)$", num)
    return (1, int(m.group(1)), m.group(2)) if m else (2, 0, num)


def _bilingual(row: dict, name: str) -> dict[str, str]:
    return {lang: row[f"{name}_{lang}"] for lang in ("zh", "en") if row.get(f"{name}_{lang}")}


# ---------------------------------------------------------------------------------------------- SPARQL


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
    from .sources import project_root

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


def glossary_terms(categories: tuple[str, ...] = ("role", "authority")) -> list[dict]:
    """Terms of the project glossary (corpus/glossary.yaml) in the given categories: zh, en, category, note."""
    from .glossary import default_glossary

    g = default_glossary()
    return [
        {"zh": t.zh, "en": t.en, "category": t.category, "instruments": list(t.instruments), "note": t.note}
        for c in categories
        for t in g.by_category(c)
    ]


# ---------------------------------------------------------------------------------------------- queries

Q_INSTRUMENTS = """
SELECT ?iri ?id ?jurisdiction ?kind ?status ?work ?date ?effective ?title_en ?title_zh ?short_en ?short_zh
       ?number ?url ?celex ?previous ?amends ?cls WHERE {
  ?iri a rkg:Instrument ; dcterms:identifier ?id ; rkg:instrumentKind ?kind ; rkg:status ?status ;
       eli:jurisdiction ?j .
  BIND(STRAFTER(STR(?j), "#") AS ?jurisdiction)
  OPTIONAL { ?iri rkg:work ?work }
  OPTIONAL { ?iri eli:date_document ?date }
  OPTIONAL { ?iri eli:first_date_entry_in_force ?effective }
  OPTIONAL { ?iri dcterms:title ?title_en FILTER(LANG(?title_en) = "en") }
  OPTIONAL { ?iri dcterms:title ?title_zh FILTER(LANG(?title_zh) = "zh") }
  OPTIONAL { ?iri rkg:shortTitle ?short_en FILTER(LANG(?short_en) = "en") }
  OPTIONAL { ?iri rkg:shortTitle ?short_zh FILTER(LANG(?short_zh) = "zh") }
  OPTIONAL { ?iri rkg:officialNumber ?number }
  OPTIONAL { ?iri rdfs:seeAlso ?url }
  OPTIONAL { ?iri eli:id_local ?celex }
  OPTIONAL { ?iri rkg:previousVersion/dcterms:identifier ?previous }
  OPTIONAL { ?iri eli:amends/dcterms:identifier ?amends }
}
"""
Q_ISSUERS = """
SELECT ?id ?issuer_en ?issuer_zh WHERE {
  ?i a rkg:Instrument ; dcterms:identifier ?id ; eli:passed_by ?a .
  OPTIONAL { ?a skos:prefLabel ?issuer_en FILTER(LANG(?issuer_en) = "en") }
  OPTIONAL { ?a skos:prefLabel ?issuer_zh FILTER(LANG(?issuer_zh) = "zh") }
}
"""
Q_EXPRESSIONS = """
SELECT ?id ?lang ?authoritative ?status ?translator ?title WHERE {
  ?i a rkg:Instrument ; dcterms:identifier ?id ; eli:is_realized_by ?e .
  ?e dcterms:language ?lang .
  OPTIONAL { ?e rkg:authoritative ?authoritative }
  OPTIONAL { ?e rkg:expressionStatus ?status }
  OPTIONAL { ?e rkg:translator ?translator }
  OPTIONAL { ?e eli:title ?title }
}
"""
Q_INSTRUMENT_RELATIONS = """
SELECT ?from ?relation ?to ?to_title WHERE {
  ?a a rkg:Instrument ; dcterms:identifier ?from .
  VALUES (?p ?relation) { (rkg:previousVersion "previous version") (eli:amends "amends")
                          (eli:consolidates "consolidates") (eli:based_on "based on") }
  ?a ?p ?b .
  OPTIONAL { ?b dcterms:identifier ?to }
  OPTIONAL { ?b dcterms:title ?to_title FILTER(LANG(?to_title) IN ("en", "")) }
}
"""
Q_TOC = """
SELECT ?iri ?eid ?cls ?num ?order ?label_en ?label_zh ?heading_en ?heading_zh ?id WHERE {
  ?inst a rkg:Instrument ; dcterms:identifier ?id .
  ?iri rkg:inInstrument ?inst ; rkg:eId ?eid ; rkg:order ?order ; a ?cls .
  VALUES ?cls { rkg:Preamble rkg:Recital rkg:Part rkg:Title rkg:Chapter rkg:Section rkg:Subsection
                rkg:Article rkg:Annex rkg:Item }
  OPTIONAL { ?iri eli:number ?num }
  OPTIONAL { ?iri rkg:label ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?iri rkg:label ?label_zh FILTER(LANG(?label_zh) = "zh") }
  OPTIONAL { ?iri rkg:heading ?heading_en FILTER(LANG(?heading_en) = "en") }
  OPTIONAL { ?iri rkg:heading ?heading_zh FILTER(LANG(?heading_zh) = "zh") }
} ORDER BY ?order
"""
Q_UNIT = """
SELECT ?iri ?id ?cls ?num WHERE {
  ?inst a rkg:Instrument ; dcterms:identifier ?id .
  ?iri rkg:inInstrument ?inst ; a ?cls ; eli:number ?num .
}
"""
Q_PREAMBLE = """
SELECT ?iri ?id WHERE {
  ?inst a rkg:Instrument ; dcterms:identifier ?id .
  ?iri rkg:inInstrument ?inst ; a rkg:Preamble .
} LIMIT 1
"""
# ``{nodes}`` is replaced by a VALUES block of the IRIs of a unit and its parts, read from the store first
# (:meth:`Explorer.subtree_iris`): joined with a VALUES block oxigraph looks each node up, where a property path
# joined with another pattern would scan the whole graph. The unit (article, annex ...) that holds a node is
# computed in Python from its eId (see :func:`unit_of`), never by a path query.
Q_SUBTREE = """
SELECT ?iri ?eid ?cls ?num ?order ?label_en ?label_zh ?heading_en ?heading_zh ?text_en ?text_zh
       ?wrap_en ?wrap_zh ?inferred WHERE {
  {nodes}
  ?iri rkg:eId ?eid ; rkg:order ?order ; a ?cls .
  FILTER(STRSTARTS(STR(?cls), STR(rkg:)) && ?cls != rkg:Subdivision)
  OPTIONAL { ?iri eli:number ?num }
  OPTIONAL { ?iri rkg:label ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?iri rkg:label ?label_zh FILTER(LANG(?label_zh) = "zh") }
  OPTIONAL { ?iri rkg:heading ?heading_en FILTER(LANG(?heading_en) = "en") }
  OPTIONAL { ?iri rkg:heading ?heading_zh FILTER(LANG(?heading_zh) = "zh") }
  OPTIONAL { ?iri rkg:text ?text_en FILTER(LANG(?text_en) = "en") }
  OPTIONAL { ?iri rkg:text ?text_zh FILTER(LANG(?text_zh) = "zh") }
  OPTIONAL { ?iri rkg:wrapUp ?wrap_en FILTER(LANG(?wrap_en) = "en") }
  OPTIONAL { ?iri rkg:wrapUp ?wrap_zh FILTER(LANG(?wrap_zh) = "zh") }
  OPTIONAL { ?iri rkg:inferred ?inferred }
} ORDER BY ?order
"""
Q_NODE = """
SELECT ?node ?id ?cls ?eid ?label_en ?label_zh ?inst WHERE {
  ?node rkg:inInstrument ?inst ; a ?cls ; rkg:eId ?eid .
  ?inst dcterms:identifier ?id .
  FILTER(STRSTARTS(STR(?cls), STR(rkg:)) && ?cls != rkg:Subdivision)
  OPTIONAL { ?node rkg:label ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?node rkg:label ?label_zh FILTER(LANG(?label_zh) = "zh") }
}
"""
Q_ANCESTORS = """
SELECT ?anc ?eid ?cls ?num ?order ?label_en ?label_zh ?heading_en ?heading_zh WHERE {
  {nodes}
  ?anc a ?cls ; rkg:order ?order ; rkg:eId ?eid .
  VALUES ?cls { rkg:Part rkg:Title rkg:Chapter rkg:Section rkg:Subsection }
  OPTIONAL { ?anc eli:number ?num }
  OPTIONAL { ?anc rkg:label ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?anc rkg:label ?label_zh FILTER(LANG(?label_zh) = "zh") }
  OPTIONAL { ?anc rkg:heading ?heading_en FILTER(LANG(?heading_en) = "en") }
  OPTIONAL { ?anc rkg:heading ?heading_zh FILTER(LANG(?heading_zh) = "zh") }
} ORDER BY ?order
"""
# Where a cited or citing node sits: its instrument (or stub title), labels and eId (for its unit).
_PLACE = """
  OPTIONAL {{ {v} rkg:inInstrument/dcterms:identifier ?{p}_instrument }}
  OPTIONAL {{ {v} a rkg:Instrument ; dcterms:identifier ?{p}_instrument_self }}
  OPTIONAL {{ {v} dcterms:title ?{p}_title FILTER(LANG(?{p}_title) IN ("en", "")) }}
  OPTIONAL {{ {v} rkg:label ?{p}_label FILTER(LANG(?{p}_label) = "en") }}
  OPTIONAL {{ {v} rkg:label ?{p}_label_zh FILTER(LANG(?{p}_label_zh) = "zh") }}
  OPTIONAL {{ {v} rkg:eId ?{p}_eid }}
"""
Q_REFS_OUT = (
    """
SELECT DISTINCT ?src ?target ?src_label ?src_label_zh ?target_instrument
       ?target_instrument_self ?target_title ?target_label ?target_label_zh ?target_eid WHERE {
  {nodes}
  ?src eli:cites ?target .
  OPTIONAL { ?src rkg:label ?src_label FILTER(LANG(?src_label) = "en") }
  OPTIONAL { ?src rkg:label ?src_label_zh FILTER(LANG(?src_label_zh) = "zh") }
"""
    + _PLACE.format(v="?target", p="target")
    + "}"
)
Q_REFS_IN = (
    """
SELECT DISTINCT ?src ?target ?target_label ?src_instrument ?src_instrument_self ?src_title ?src_label
       ?src_label_zh ?src_eid WHERE {
  {nodes}
  ?src eli:cites ?target .
  OPTIONAL { ?target rkg:label ?target_label FILTER(LANG(?target_label) = "en") }
"""
    + _PLACE.format(v="?src", p="src")
    + "}"
)
Q_REF_RECORDS = """
SELECT ?r ?src ?anchor ?ref_kind ?resolved ?target ?start ?end ?lang WHERE {
  {nodes}
  ?r rkg:citingProvision ?src .
  OPTIONAL { ?r rkg:anchorText ?anchor } OPTIONAL { ?r rkg:referenceKind ?ref_kind }
  OPTIONAL { ?r rkg:resolved ?resolved } OPTIONAL { ?r rkg:citedResource ?target }
  OPTIONAL { ?r rkg:startOffset ?start } OPTIONAL { ?r rkg:endOffset ?end }
  OPTIONAL { ?r rkg:evidenceLang ?lang }
}
"""
# the reference records citing a node: (a multi-pattern OPTIONAL would make oxigraph scan every record)
Q_REF_RECORDS_TO = """
SELECT ?r ?src ?anchor ?target WHERE {
  {nodes}
  ?r rkg:citedResource ?target .
  ?r rkg:citingProvision ?src .
  OPTIONAL { ?r rkg:anchorText ?anchor }
}
"""
Q_BASED_ON = """
SELECT DISTINCT ?id ?target ?target_id ?target_title WHERE {
  ?x eli:based_on ?target .
  { ?x a rkg:Instrument ; dcterms:identifier ?id } UNION { ?x rkg:inInstrument/dcterms:identifier ?id }
  OPTIONAL { ?target dcterms:identifier ?target_id }
  OPTIONAL { ?target dcterms:title ?target_title FILTER(LANG(?target_title) IN ("en", "")) }
}
"""
# %s: the filters (the provisions inside a unit, a role, an instrument), placed first so that they bind early.
Q_DUTIES = """
SELECT ?duty ?provision ?eid ?id ?modality ?role ?role_en ?role_zh ?action ?marker ?bearer_source ?review
       ?evidence ?start ?end ?lang ?label ?condition ?exception ?rule WHERE {
  %s
  ?duty rkg:inProvision ?provision .
  ?duty a rkg:Duty .
  ?provision rkg:eId ?eid ; rkg:inInstrument/dcterms:identifier ?id .
  OPTIONAL { ?duty rkg:modality ?modality }
  OPTIONAL { ?duty dpv:hasResponsibleEntity ?role .
             OPTIONAL { ?role skos:prefLabel ?role_en FILTER(LANG(?role_en) = "en") }
             OPTIONAL { ?role skos:prefLabel ?role_zh FILTER(LANG(?role_zh) = "zh") } }
  OPTIONAL { ?duty rkg:action ?action }
  OPTIONAL { ?duty rkg:marker ?marker }
  OPTIONAL { ?duty rkg:bearerSource ?bearer_source }
  OPTIONAL { ?duty rkg:reviewStatus ?review }
  OPTIONAL { ?duty rkg:evidenceText ?evidence }
  OPTIONAL { ?duty rkg:startOffset ?start } OPTIONAL { ?duty rkg:endOffset ?end }
  OPTIONAL { ?duty rkg:evidenceLang ?lang }
  OPTIONAL { ?duty rkg:condition ?condition }
  OPTIONAL { ?duty rkg:exception ?exception }
  OPTIONAL { ?duty rkg:extractionRule ?rule }
  OPTIONAL { ?provision rkg:label ?label FILTER(LANG(?label) = "en") }
}
"""
Q_ROLES = """
SELECT ?role ?notation ?label_en ?label_zh ?kind ?place ?count ?duties ?mentions WHERE {
  { ?role a rkg:Role }
  UNION
  { SELECT ?role (COUNT(DISTINCT ?d) AS ?duties) WHERE { ?d a rkg:Duty ; dpv:hasResponsibleEntity ?role } GROUP BY ?role }
  UNION
  { SELECT ?role (COUNT(DISTINCT ?p) AS ?mentions) WHERE { ?p rkg:mentions ?role } GROUP BY ?role }
  OPTIONAL { ?role skos:notation ?notation }
  OPTIONAL { ?role skos:prefLabel ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?role skos:prefLabel ?label_zh FILTER(LANG(?label_zh) = "zh") }
  OPTIONAL { ?role rkg:roleKind ?kind }
  OPTIONAL { ?role dcterms:spatial|eli:jurisdiction ?place }
  OPTIONAL { ?role rkg:mentionCount ?count }
}
"""
Q_MENTIONS = """
SELECT ?p ?role ?label_en ?label_zh WHERE {
  {nodes}
  ?p rkg:mentions ?role .
  OPTIONAL { ?role skos:prefLabel ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?role skos:prefLabel ?label_zh FILTER(LANG(?label_zh) = "zh") }
}
"""
Q_CROSSWALK = """
SELECT ?role ?relation ?other ?other_en ?other_zh ?other_notation ?other_kind ?note ?via WHERE {
  { ?m rkg:mappedRole ?role ; rkg:mappingTarget ?other ; rkg:mappingRelation ?rel .
    OPTIONAL { ?m rkg:mappingNote ?note } BIND("" AS ?via) }
  UNION
  { # roles of other instruments mapped to the same cross-jurisdiction role
    ?m1 rkg:mappedRole ?role ; rkg:mappingTarget ?xj .
    ?xj a rkg:CrossJurisdictionRole .
    ?m2 rkg:mappingTarget ?xj ; rkg:mappedRole ?other ; rkg:mappingRelation ?rel .
    FILTER(?other != ?role)
    OPTIONAL { ?m2 rkg:mappingNote ?note }
    BIND(STR(?xj) AS ?via) }
  BIND(STRAFTER(STR(?rel), "#") AS ?relation)
  OPTIONAL { ?other skos:prefLabel ?other_en FILTER(LANG(?other_en) = "en") }
  OPTIONAL { ?other skos:prefLabel ?other_zh FILTER(LANG(?other_zh) = "zh") }
  OPTIONAL { ?other skos:notation ?other_notation }
  OPTIONAL { ?other a ?ok . VALUES ?ok { rkg:Role rkg:CrossJurisdictionRole } BIND(STRAFTER(STR(?ok), "#") AS ?other_kind) }
}
"""
Q_DEFINITIONS = """
SELECT ?concept ?term ?term_lang ?definition ?def_lang ?defined_in ?eid ?id ?label WHERE {
  ?concept rkg:definedIn ?defined_in .
  ?defined_in rkg:eId ?eid ; rkg:inInstrument/dcterms:identifier ?id .
  OPTIONAL { ?concept skos:prefLabel ?term BIND(LANG(?term) AS ?term_lang) }
  OPTIONAL { ?concept skos:definition ?definition BIND(LANG(?definition) AS ?def_lang) }
  OPTIONAL { ?defined_in rkg:label ?label FILTER(LANG(?label) = "en") }
}
"""
Q_TERMS_USED = """
SELECT DISTINCT ?concept ?term ?term_lang ?definition ?def_lang ?defined_in WHERE {
  {nodes}
  { ?concept rkg:usedIn ?p } UNION { ?concept rkg:definedIn ?p }
  ?concept rkg:definedIn ?defined_in .
  OPTIONAL { ?concept skos:prefLabel ?term BIND(LANG(?term) AS ?term_lang) }
  OPTIONAL { ?concept skos:definition ?definition BIND(LANG(?definition) AS ?def_lang) }
}
"""
Q_TOPICS = """
SELECT ?topic ?label_en ?label_zh ?note ?notation WHERE {
  { SELECT DISTINCT ?topic WHERE { ?x rkg:hasTopic ?topic } }
  OPTIONAL { ?topic skos:prefLabel ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?topic skos:prefLabel ?label_zh FILTER(LANG(?label_zh) = "zh") }
  OPTIONAL { ?topic skos:scopeNote ?note FILTER(LANG(?note) = "en") }
  OPTIONAL { ?topic skos:notation ?notation }
}
"""
Q_TOPIC_NODES = """
SELECT DISTINCT ?topic ?p ?eid ?id WHERE {
  ?p rkg:hasTopic ?topic ; rkg:eId ?eid ; rkg:inInstrument/dcterms:identifier ?id .
}
"""
Q_TOPICS_OF = """
SELECT DISTINCT ?topic ?label_en ?label_zh ?confidence WHERE {
  {nodes}
  ?p rkg:hasTopic ?topic .
  OPTIONAL { ?a rkg:assignedProvision ?p ; rkg:assignedTopic ?topic ; rkg:confidence ?confidence }
  OPTIONAL { ?topic skos:prefLabel ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?topic skos:prefLabel ?label_zh FILTER(LANG(?label_zh) = "zh") }
}
"""
Q_ALIGNMENTS = """
SELECT ?al ?type ?score ?similarity ?review ?note ?a ?b ?a_id ?b_id ?a_label ?b_label ?a_eid ?b_eid ?explicit WHERE {
  ?al a rkg:ProvisionAlignment ; rkg:alignedProvision ?a, ?b .
  FILTER(STR(?a) < STR(?b))
  ?a rkg:eId ?a_eid ; rkg:inInstrument/dcterms:identifier ?a_id .
  ?b rkg:eId ?b_eid ; rkg:inInstrument/dcterms:identifier ?b_id .
  OPTIONAL { ?al rkg:alignmentType ?type }
  OPTIONAL { ?al rkg:score ?score }
  OPTIONAL { ?al rkg:textSimilarity ?similarity }
  OPTIONAL { ?al rkg:reviewStatus ?review }
  OPTIONAL { ?al rkg:reviewNote ?note }
  OPTIONAL { ?al rkg:explicitReference ?explicit }
  OPTIONAL { ?a rkg:label ?a_label FILTER(LANG(?a_label) = "en") }
  OPTIONAL { ?b rkg:label ?b_label FILTER(LANG(?b_label) = "en") }
}
"""
Q_ALIGNMENT_LINKS = """
SELECT ?al ?what ?x ?x_en WHERE {
  ?al a rkg:ProvisionAlignment .
  VALUES (?p ?what) { (rkg:sharedTopic "topic") (rkg:sharedRole "role") }
  ?al ?p ?x .
  OPTIONAL { ?x skos:prefLabel ?x_en FILTER(LANG(?x_en) = "en") }
}
"""
Q_CORRESPONDENCES = """
SELECT ?c ?status ?similarity ?renumbered ?source ?note ?from ?to ?from_id ?to_id ?from_eid ?to_eid WHERE {
  ?c a rkg:ArticleCorrespondence .
  OPTIONAL { ?c rkg:changeStatus ?status }
  OPTIONAL { ?c rkg:similarity ?similarity }
  OPTIONAL { ?c rkg:renumbered ?renumbered }
  OPTIONAL { ?c rkg:correspondenceSource ?source }
  OPTIONAL { ?c rkg:changeNote ?note }
  OPTIONAL { ?c rkg:fromVersion/dcterms:identifier ?from_id }
  OPTIONAL { ?c rkg:toVersion/dcterms:identifier ?to_id }
  OPTIONAL { ?c rkg:fromProvision ?from . ?from rkg:eId ?from_eid }
  OPTIONAL { ?c rkg:toProvision ?to . ?to rkg:eId ?to_eid }
}
"""
Q_PENALTIES = """
SELECT ?pen ?provision ?eid ?id ?sanction ?sanction_en ?min ?max ?currency ?percent ?basis ?role ?role_en ?penalises
       ?evidence ?start ?end ?lang ?label WHERE {
  %s
  ?pen rkg:inProvision ?provision .
  ?pen a rkg:Penalty .
  ?provision rkg:eId ?eid ; rkg:inInstrument/dcterms:identifier ?id .
  OPTIONAL { ?pen rkg:sanctionType ?sanction .
             OPTIONAL { ?sanction skos:prefLabel ?sanction_en FILTER(LANG(?sanction_en) = "en") } }
  OPTIONAL { ?pen rkg:amountMin ?min } OPTIONAL { ?pen rkg:amountMax ?max }
  OPTIONAL { ?pen rkg:currency ?currency } OPTIONAL { ?pen rkg:turnoverPercent ?percent }
  OPTIONAL { ?pen rkg:amountBasis ?basis }
  OPTIONAL { ?pen dpv:hasResponsibleEntity ?role .
             OPTIONAL { ?role skos:prefLabel ?role_en FILTER(LANG(?role_en) = "en") } }
  OPTIONAL { ?pen rkg:penalises ?penalises }
  OPTIONAL { ?pen rkg:evidenceText ?evidence } OPTIONAL { ?pen rkg:startOffset ?start } OPTIONAL { ?pen rkg:endOffset ?end }
  OPTIONAL { ?pen rkg:evidenceLang ?lang }
  OPTIONAL { ?provision rkg:label ?label FILTER(LANG(?label) = "en") }
}
"""
Q_TEXTS = """
SELECT ?s ?text ?lang ?field ?id ?eid ?label_en ?label_zh ?order WHERE {
  VALUES (?p ?field) { (rkg:text "text") (rkg:heading "heading") (rkg:wrapUp "text") }
  ?s ?p ?text ; rkg:inInstrument/dcterms:identifier ?id ; rkg:order ?order ; rkg:eId ?eid .
  BIND(LANG(?text) AS ?lang)
  OPTIONAL { ?s rkg:label ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?s rkg:label ?label_zh FILTER(LANG(?label_zh) = "zh") }
}
"""
Q_UNIT_HEADINGS = """
SELECT ?unit ?heading WHERE {
  ?unit a ?cls ; rkg:heading ?heading . FILTER(LANG(?heading) = "en")
  VALUES ?cls { rkg:Article rkg:Annex }
}
"""
Q_NET_CITES = """
SELECT DISTINCT ?src ?src_eid ?src_id ?target ?target_eid ?target_id ?target_self ?target_title WHERE {
  ?src eli:cites ?target ; rkg:eId ?src_eid ; rkg:inInstrument/dcterms:identifier ?src_id .
  OPTIONAL { ?target rkg:eId ?target_eid ; rkg:inInstrument/dcterms:identifier ?target_id }
  OPTIONAL { ?target a rkg:Instrument ; dcterms:identifier ?target_self }
  OPTIONAL { ?target dcterms:title ?target_title FILTER(LANG(?target_title) IN ("en", "")) }
}
"""
Q_NET_ROLES = """
SELECT DISTINCT ?p ?eid ?id ?role ?role_en WHERE {
  ?p rkg:mentions ?role ; rkg:eId ?eid ; rkg:inInstrument/dcterms:identifier ?id .
  OPTIONAL { ?role skos:prefLabel ?role_en FILTER(LANG(?role_en) = "en") }
}
"""
Q_PROVISION_INFO = """
SELECT ?node ?id ?instrument_iri ?label_en ?label_zh ?heading_en ?title_en ?title_zh ?short_en ?date ?url
       ?jurisdiction ?number ?issuer WHERE {
  ?node rkg:inInstrument ?i . BIND(?i AS ?instrument_iri)
  ?i dcterms:identifier ?id ; eli:jurisdiction ?j .
  BIND(STRAFTER(STR(?j), "#") AS ?jurisdiction)
  OPTIONAL { ?node rkg:label ?label_en FILTER(LANG(?label_en) = "en") }
  OPTIONAL { ?node rkg:label ?label_zh FILTER(LANG(?label_zh) = "zh") }
  OPTIONAL { ?node rkg:heading ?heading_en FILTER(LANG(?heading_en) = "en") }
  OPTIONAL { ?i dcterms:title ?title_en FILTER(LANG(?title_en) = "en") }
  OPTIONAL { ?i dcterms:title ?title_zh FILTER(LANG(?title_zh) = "zh") }
  OPTIONAL { ?i rkg:shortTitle ?short_en FILTER(LANG(?short_en) = "en") }
  OPTIONAL { ?i eli:date_document ?date }
  OPTIONAL { ?i rdfs:seeAlso ?url }
  OPTIONAL { ?i rkg:officialNumber ?number }
  OPTIONAL { ?i eli:passed_by/skos:prefLabel ?issuer FILTER(LANG(?issuer) = "en") }
}
"""


# ---------------------------------------------------------------------------------------------- the API


class Explorer:
    """Read-only questions to one build of the graph (``build_dir``, default ``$REGKG_BUILD`` or ``build/``)."""

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
        from .stats import compute_stats

        return compute_stats(self.store)

    def layers(self) -> dict[str, dict]:
        """Each extra layer: ``{"description", "count", "built"}`` — built when the graph has any of its records."""
        out = {}
        for name, (desc, q) in LAYERS.items():
            n = self.count(q)
            out[name] = {"description": desc, "count": n, "built": n > 0}
        return out

    def instruments(self) -> list[dict]:
        """Every instrument with its metadata, expressions, issuers and counts, ordered by date."""
        by_id: dict[str, dict] = {}
        for r in self.rows(Q_INSTRUMENTS):
            d = by_id.setdefault(r["id"], {**r, "title": {}, "short": {}, "issuers": [], "expressions": []})
            d["title"] |= _bilingual(r, "title")
            d["short"] |= _bilingual(r, "short")
        for r in self.rows(Q_ISSUERS):
            if r["id"] in by_id:
                issuer = {k: r[f"issuer_{k}"] for k in ("en", "zh") if r.get(f"issuer_{k}")}
                if issuer and issuer not in by_id[r["id"]]["issuers"]:
                    by_id[r["id"]]["issuers"].append(issuer)
        for r in self.rows(Q_EXPRESSIONS):
            if r["id"] in by_id:
                by_id[r["id"]]["expressions"].append(
                    {k: r[k] for k in ("lang", "authoritative", "status", "translator", "title")}
                )
        counts = self.stats().get("instruments", {})
        for iid, d in by_id.items():
            d["expressions"].sort(key=lambda e: (not e["authoritative"], e["lang"]))
            d["counts"] = counts.get(iid, {})
            d["languages"] = [e["lang"] for e in d["expressions"]]
            for key in ("cls", "title_en", "title_zh", "short_en", "short_zh"):
                d.pop(key, None)
        return sorted(by_id.values(), key=lambda d: (d.get("date") or "", d["id"]))

    def instrument(self, instrument_id: str) -> dict:
        for d in self.instruments():
            if d["id"] == instrument_id:
                return d
        raise ExplorerError(f"no instrument {instrument_id!r} in the build {self.build_dir}")

    def expressions(self, instrument_id: str) -> list[dict]:
        """The language versions of an instrument, authoritative first: lang, status, translator, title."""
        rows = [r for r in self.rows(Q_EXPRESSIONS) if r["id"] == instrument_id]
        out = [{k: r[k] for k in ("lang", "authoritative", "status", "translator", "title")} for r in rows]
        return sorted(out, key=lambda e: (not e["authoritative"], e["lang"]))

    def instrument_relations(self) -> list[dict]:
        """previous version / amends / consolidates / based on, between instruments (and cited stubs)."""
        rel = _dedupe([r for r in self.rows(Q_INSTRUMENT_RELATIONS) if r.get("to") or r.get("to_title")])
        for r in self.rows(Q_BASED_ON):
            row = {
                "from": r["id"],
                "relation": "based on",
                "to": r.get("target_id"),
                "to_title": r.get("target_title"),
            }
            if row not in rel:
                rel.append(row)
        return rel

    def timeline(self) -> list[dict]:
        """Dated events (adopted/promulgated, in force) of every instrument, for a timeline chart."""
        out = []
        for d in self.instruments():
            short = d["short"].get("en", d["id"])
            if d.get("date"):
                out.append(
                    {
                        "id": d["id"],
                        "short": short,
                        "event": "issued",
                        "date": d["date"],
                        "jurisdiction": d["jurisdiction"],
                    }
                )
            if d.get("effective"):
                out.append(
                    {
                        "id": d["id"],
                        "short": short,
                        "event": "in force",
                        "date": d["effective"],
                        "jurisdiction": d["jurisdiction"],
                    }
                )
        return sorted(out, key=lambda e: e["date"])

    # -- browse

    def toc(self, instrument_id: str) -> list[dict]:
        """The instrument's tree down to articles, in document order: structural divisions and units.

        Each entry: iri, kind, num, depth (0 for top-level), label/heading ({lang: text}), unit (the URL value
        of an article/annex/recital/item, None for chapters), chapter (eId of the enclosing structure).
        """
        out = []
        for r in self.rows(Q_TOC, id=instrument_id):
            kind = KINDS[local_name(r["cls"])]
            parts = r["eid"].split("__")
            structural = [p for p in parts if p.split("_", 1)[0] in ("part", "title", "chp", "sec", "subsec")]
            out.append(
                {
                    "iri": r["iri"],
                    "eid": r["eid"],
                    "kind": kind,
                    "num": r["num"],
                    "order": r["order"],
                    "depth": len(parts) - 1,
                    "label": _bilingual(r, "label"),
                    "heading": _bilingual(r, "heading"),
                    "unit": unit_param(kind, r["num"]) if kind in UNITS else None,
                    "container": "__".join(structural[: len(parts) - 1])
                    if kind in UNITS
                    else "__".join(structural[:-1]),
                }
            )
        return out

    def unit_iri(self, instrument_id: str, unit: str) -> str | None:
        """IRI of an article ("13"), annex ("annex_III"), recital ("rec_12"), item ("item_3") or the preamble."""
        kind, num = parse_unit(unit)
        if kind == "preamble":
            rows = self.rows(Q_PREAMBLE, id=instrument_id)
            return rows[0]["iri"] if rows else None
        cls = ox.NamedNode(str(getattr(RKG, {v: k for k, v in KINDS.items()}[kind])))
        rows = self.rows(Q_UNIT, id=instrument_id, cls=cls, num=num)
        return rows[0]["iri"] if rows else None

    def node(self, iri: str) -> dict | None:
        """Where a node sits: instrument id, kind, labels and the unit (article ...) that contains it."""
        rows = self.rows(Q_NODE, node=iri_term(iri))
        if not rows:
            return None
        r = rows[0]
        unit, unit_iri = unit_of(iri, r["eid"])
        return {
            "iri": iri,
            "instrument": r["id"],
            "kind": KINDS[local_name(r["cls"])],
            "eid": r["eid"],
            "label": _bilingual(r, "label"),
            "unit": unit,
            "unit_iri": unit_iri,
        }

    def article(self, instrument_id: str, unit: str) -> dict | None:
        """An article (or annex, recital, item) with every part in zh and en, its place and its expressions.

        ``nodes`` lists the unit and its descendants in document order, each with ``depth`` (0 for the unit),
        ``text``/``heading``/``wrap``/``label`` as {lang: str}. ``expressions`` says which language is
        authoritative and who made each translation. None when the instrument has no such unit.
        """
        top = self.unit_iri(instrument_id, unit)
        if top is None:
            return None
        rows = self._in(Q_SUBTREE, "iri", self.subtree_iris(top))
        if not rows:
            return None
        if local_name(rows[0]["cls"]) == "Preamble":  # the recitals are units of their own
            rows = [r for r in rows if "__rec_" not in r["eid"]]
        base_depth = len(rows[0]["eid"].split("__"))
        nodes = [
            {
                "iri": r["iri"],
                "eid": r["eid"],
                "kind": KINDS.get(local_name(r["cls"]), local_name(r["cls"]).lower()),
                "num": r["num"],
                "depth": len(r["eid"].split("__")) - base_depth,
                "label": _bilingual(r, "label"),
                "heading": _bilingual(r, "heading"),
                "text": _bilingual(r, "text"),
                "wrap": _bilingual(r, "wrap"),
                "inferred": bool(r.get("inferred")),
            }
            for r in rows
        ]
        ancestors = [
            {
                "iri": r["anc"],
                "eid": r["eid"],
                "kind": KINDS[local_name(r["cls"])],
                "num": r["num"],
                "label": _bilingual(r, "label"),
                "heading": _bilingual(r, "heading"),
            }
            for r in self._in(Q_ANCESTORS, "anc", self._ancestor_iris(top))
        ]
        expressions = self.expressions(instrument_id)
        head = nodes[0]
        return {
            "iri": top,
            "instrument": instrument_id,
            "unit": unit_param(head["kind"], head["num"]),
            "kind": head["kind"],
            "num": head["num"],
            "eid": head["eid"],
            "label": head["label"],
            "heading": head["heading"],
            "ancestors": ancestors,
            "nodes": nodes,
            "expressions": expressions,
            "instrument_languages": [e["lang"] for e in expressions],
            "languages": [
                lang for lang in ("zh", "en") if any(lang in n["text"] or lang in n["heading"] for n in nodes)
            ],
        }

    # -- references

    def references(self, iri: str) -> dict[str, list[dict]]:
        """Outgoing (from ``iri`` and its parts) and incoming (to it and its parts) eli:cites edges.

        Each side names the other end's instrument and unit (URL value) so the app can link to it; a cited
        instrument outside the corpus (a stub) has ``target_instrument`` None and its ``target_title``.
        """
        nodes = self.subtree_iris(iri)
        records: dict[tuple, list[dict]] = {}
        for rec in self._in(Q_REF_RECORDS, "src", nodes) + self._in(Q_REF_RECORDS_TO, "target", nodes):
            records.setdefault((rec["src"], rec.get("target")), []).append(rec)
        outgoing = []
        for r in self._in(Q_REFS_OUT, "src", nodes):
            base = {
                "source": r["src"],
                "source_label": r.get("src_label") or r.get("src_label_zh"),
                "target": r["target"],
                "target_label": r.get("target_label") or r.get("target_label_zh"),
                "target_instrument": r.get("target_instrument") or r.get("target_instrument_self"),
                "target_title": r.get("target_title"),
                "target_unit": unit_of(r["target"], r["target_eid"])[0] if r.get("target_eid") else None,
            }
            for rec in records.get((r["src"], r["target"]), [{}]):
                outgoing.append(
                    {
                        **base,
                        "anchor": rec.get("anchor"),
                        "kind": rec.get("ref_kind"),
                        "resolved": rec.get("resolved"),
                    }
                )
        incoming = []
        for r in self._in(Q_REFS_IN, "target", nodes):
            base = {
                "source": r["src"],
                "source_label": r.get("src_label") or r.get("src_label_zh"),
                "source_instrument": r.get("src_instrument") or r.get("src_instrument_self"),
                "source_unit": unit_of(r["src"], r["src_eid"])[0] if r.get("src_eid") else None,
                "target": r["target"],
                "target_label": r.get("target_label"),
            }
            for rec in records.get((r["src"], r["target"]), [{}]):
                incoming.append({**base, "anchor": rec.get("anchor")})
        key = lambda d: (d.get("source_label") or "", d.get("target") or "")  # noqa: E731
        return {
            "outgoing": sorted(_merge_anchors(outgoing), key=key),
            "incoming": sorted(_merge_anchors(incoming), key=key),
        }

    def reference_spans(self, iri: str) -> list[dict]:
        """Reference records inside ``iri`` with their offsets (for highlighting the anchor text)."""
        return self._in(Q_REF_RECORDS, "src", self.subtree_iris(iri))

    # -- extraction layers

    def _filtered(
        self, template: str, subject: str, *, within=None, role=None, instrument=None
    ) -> list[dict]:
        """Run a record query (duties, penalties) with its filters: the provisions under ``within`` as a VALUES
        block of IRIs from the store, the role and instrument as substitutions (so they are projected too)."""
        where, bind = [], {}
        if within:
            where.append(self._values("provision", self.subtree_iris(within)))
        if role:
            where.append(f"?{subject} dpv:hasResponsibleEntity ?role_f .")
            bind["role_f"] = iri_term(role)
        if instrument:
            where.append("?inst_i dcterms:identifier ?inst_f . ?provision rkg:inInstrument ?inst_i .")
            bind["inst_f"] = instrument
        q = template % "\n  ".join(where)
        q = q.replace(" WHERE {", "".join(f" ?{k}" for k in bind) + " WHERE {", 1)
        return self.rows(q, **bind)

    def duties(
        self,
        *,
        within: str | None = None,
        role: str | None = None,
        instrument: str | None = None,
        modality: str | None = None,
    ) -> list[dict]:
        """Duties, optionally only inside the unit ``within``, of ``role`` (IRI), in ``instrument``, of a modality.

        Each: modality, bearer (role IRI and labels), action, marker, conditions, exceptions, evidence text and
        offsets, language, review status, the provision and its unit (URL value).
        """
        keys = (
            "duty",
            "provision",
            "id",
            "modality",
            "role",
            "role_en",
            "role_zh",
            "action",
            "marker",
            "bearer_source",
            "review",
            "evidence",
            "start",
            "end",
            "lang",
            "label",
            "rule",
        )
        merged: dict[str, dict] = {}
        for r in self._filtered(Q_DUTIES, "duty", within=within, role=role, instrument=instrument):
            d = merged.get(r["duty"])
            if d is None:
                unit, unit_iri = unit_of(r["provision"], r["eid"])
                d = merged[r["duty"]] = {
                    **{k: r.get(k) for k in keys},
                    "unit": unit,
                    "unit_iri": unit_iri,
                    "conditions": [],
                    "exceptions": [],
                }
            for key, col in (("conditions", "condition"), ("exceptions", "exception")):
                if r.get(col) and r[col] not in d[key]:
                    d[key].append(r[col])
        out = list(merged.values())
        if modality:
            out = [d for d in out if d["modality"] == modality]
        return sorted(
            out, key=lambda d: (d["id"], _num_key(d["unit"]), d["provision"], d.get("start") or 0, d["duty"])
        )

    def roles(self) -> list[dict]:
        """The role vocabulary (rkg:Role) and any other bearer of a duty: id, labels, kind, jurisdiction, counts.

        ``duties``: duties it bears; ``mentions``: provisions that name it; ``count``: times the texts name it.
        """
        merged: dict[str, dict] = {}
        for r in self.rows(Q_ROLES):
            d = merged.setdefault(
                r["role"], {"iri": r["role"], "duties": 0, "mentions": 0, "count": 0, "label": {}}
            )
            for k in ("duties", "mentions", "count"):
                d[k] = max(d[k], r.get(k) or 0)
            d["label"] |= _bilingual(r, "label")
            for k in ("notation", "kind", "place"):
                if r.get(k) and not d.get(k):
                    d[k] = r[k]
        out = list(merged.values())
        for d in out:
            d["id"] = d.get("notation") or _role_id(d["iri"])
            place = local_name(d.pop("place", None))
            d["jurisdiction"] = place or (d["id"].split(":", 1)[0].upper() if ":" in d["id"] else "")
            d.setdefault("kind", "role")
        return sorted(out, key=lambda d: (-d["duties"], d["id"]))

    def mentions(self, iri: str) -> list[dict]:
        """Roles mentioned in ``iri`` and its parts (rkg:mentions), with labels and the surface forms the
        instrument's texts use for them (from the role vocabulary), for highlighting."""
        node = self.node(iri)
        forms = role_forms(node["instrument"], self._jurisdiction(node["instrument"])) if node else {}
        merged: dict[tuple, dict] = {}
        for r in self._in(Q_MENTIONS, "p", self.subtree_iris(iri)):
            merged.setdefault(
                (r["p"], r["role"]),
                {
                    "provision": r["p"],
                    "role": r["role"],
                    "label": _bilingual(r, "label"),
                    "forms": forms.get(r["role"], {}),
                },
            )
        return list(merged.values())

    def _jurisdiction(self, instrument_id: str) -> str | None:
        rows = self.rows(
            "SELECT ?j ?id WHERE { ?i dcterms:identifier ?id ; eli:jurisdiction ?j }", id=instrument_id
        )
        return local_name(rows[0]["j"]) if rows else None

    def crosswalk(self, role: str | None = None) -> list[dict]:
        """The actor crosswalk of ``role``: its mappings (relation, target, note) to cross-jurisdiction roles and
        reused vocabularies, then (``via`` set) the other roles mapped to the same cross-jurisdiction role."""
        rows = self.rows(Q_CROSSWALK, role=iri_term(role)) if role else self.rows(Q_CROSSWALK)
        out = _dedupe(rows)
        return sorted(
            out,
            key=lambda r: (
                bool(r.get("via")),
                r.get("via") or "",
                r["relation"],
                r.get("other_notation") or r["other"],
            ),
        )

    def definitions(self, instrument: str | None = None) -> list[dict]:
        """Defined terms: the term and definition per language ({lang: text}), the defining provision and unit."""
        out: dict[str, dict] = {}
        for r in self.rows(Q_DEFINITIONS):
            if instrument and r["id"] != instrument:
                continue
            d = out.get(r["concept"])
            if d is None:
                unit, _ = unit_of(r["defined_in"], r["eid"])
                d = out[r["concept"]] = {
                    "concept": r["concept"],
                    "term": {},
                    "definition": {},
                    "defined_in": r["defined_in"],
                    "id": r["id"],
                    "label": r.get("label"),
                    "unit": unit,
                }
            if r.get("term"):
                d["term"][r.get("term_lang") or ""] = r["term"]
            if r.get("definition"):
                d["definition"][r.get("def_lang") or ""] = r["definition"]
        return sorted(
            out.values(), key=lambda d: (d["id"], _num_key(d["unit"]), str(sorted(d["term"].items())))
        )

    def terms_in(self, iri: str) -> list[dict]:
        """Defined terms used or defined in ``iri`` and its parts (term and definition as {lang: text})."""
        out: dict[str, dict] = {}
        for r in self._in(Q_TERMS_USED, "p", self.subtree_iris(iri)):
            d = out.setdefault(
                r["concept"],
                {"concept": r["concept"], "term": {}, "definition": {}, "defined_in": r["defined_in"]},
            )
            if r.get("term"):
                d["term"][r.get("term_lang") or ""] = r["term"]
            if r.get("definition"):
                d["definition"][r.get("def_lang") or ""] = r["definition"]
        return sorted(out.values(), key=lambda d: d["concept"])

    # -- comparison layers

    def topics(self) -> list[dict]:
        """Topics that have assignments: iri, labels, scope note."""
        out: dict[str, dict] = {}
        for r in self.rows(Q_TOPICS):
            d = out.setdefault(
                r["topic"],
                {"iri": r["topic"], "label": {}, "note": r.get("note"), "notation": r.get("notation")},
            )
            d["label"] |= _bilingual(r, "label")
        return sorted(out.values(), key=lambda d: d["label"].get("en", d["iri"]).lower())

    def topic_matrix(self) -> list[dict]:
        """One row per (topic, instrument) with the units (article numbers ...) that have the topic."""
        labels = {t["iri"]: t["label"] for t in self.topics()}
        cells: dict[tuple, dict] = {}
        for r in self.rows(Q_TOPIC_NODES):
            unit, _ = unit_of(r["p"], r["eid"])
            if unit is None or unit == "preamble":
                continue
            label = labels.get(r["topic"], {})
            c = cells.setdefault(
                (r["topic"], r["id"]),
                {
                    "topic": r["topic"],
                    "topic_en": label.get("en", local_name(r["topic"])),
                    "topic_zh": label.get("zh", ""),
                    "instrument": r["id"],
                    "units": [],
                },
            )
            if unit not in c["units"]:
                c["units"].append(unit)
        for c in cells.values():
            c["units"].sort(key=_unit_sort_key)
            c["count"] = len(c["units"])
        return sorted(cells.values(), key=lambda c: (c["topic_en"].lower(), c["instrument"]))

    def topics_of(self, iri: str) -> list[dict]:
        """Topics of ``iri`` and its parts, with the best confidence of their assignments."""
        out: dict[str, dict] = {}
        for r in self._in(Q_TOPICS_OF, "p", self.subtree_iris(iri)):
            d = out.setdefault(
                r["topic"], {"iri": r["topic"], "label": _bilingual(r, "label"), "confidence": None}
            )
            if r.get("confidence") is not None:
                d["confidence"] = max(d["confidence"] or 0, r["confidence"])
        return sorted(out.values(), key=lambda d: (-(d["confidence"] or 0), d["label"].get("en", d["iri"])))

    def alignments(self, topic: str | None = None, instrument: str | None = None) -> list[dict]:
        """Provision alignments across instruments: type, score, text similarity, review status, the topics and
        cross-jurisdiction roles the two provisions share; optionally only those sharing ``topic`` (IRI)."""
        links: dict[str, dict[str, list]] = {}
        for r in self.rows(Q_ALIGNMENT_LINKS):
            d = links.setdefault(r["al"], {"topic": [], "role": []})
            d[r["what"]].append({"iri": r["x"], "label": r.get("x_en") or local_name(r["x"])})
        out = []
        for r in _dedupe(self.rows(Q_ALIGNMENTS)):
            extra = links.get(r["al"], {"topic": [], "role": []})
            r["topics"], r["roles"] = extra["topic"], extra["role"]
            if topic and topic not in {t["iri"] for t in r["topics"]}:
                continue
            if instrument and instrument not in (r["a_id"], r["b_id"]):
                continue
            for side in ("a", "b"):
                r[f"{side}_unit"], r[f"{side}_unit_iri"] = unit_of(r[side], r[f"{side}_eid"])
            out.append(r)
        review_rank = {"confirmed": 0, "computed": 1, "rejected": 2}
        return sorted(
            out,
            key=lambda r: (
                review_rank.get(r.get("review"), 1),
                -(r.get("score") or 0),
                r["a_id"],
                r["b_id"],
                r["al"],
            ),
        )

    def version_pairs(self) -> list[tuple[str, str]]:
        """(older, newer) instrument ids linked by rkg:previousVersion."""
        rows = self.rows(Q_INSTRUMENT_RELATIONS)
        return sorted(
            {(r["to"], r["from"]) for r in rows if r["relation"] == "previous version" and r.get("to")}
        )

    def correspondences(self, older: str, newer: str) -> list[dict]:
        """Article correspondences from ``older`` to ``newer``: status (unchanged, moved, amended, merged, split,
        new, deleted), similarity, renumbered, how it was found; ``from_unit``/``to_unit`` None when new/deleted."""
        out = []
        for r in _dedupe(self.rows(Q_CORRESPONDENCES)):
            if r.get("from_id") != older or r.get("to_id") != newer:
                continue
            for side in ("from", "to"):
                r[f"{side}_unit"] = unit_of(r[side], r[f"{side}_eid"])[0] if r.get(side) else None
            out.append(r)
        return sorted(
            out,
            key=lambda r: (
                _unit_sort_key(r.get("from_unit") or r.get("to_unit") or ""),
                r.get("to_unit") or "",
            ),
        )

    def penalties(self, *, within: str | None = None, instrument: str | None = None) -> list[dict]:
        """Penalties: sanction types, amount range and currency, turnover share, who, which provisions they sanction."""
        keys = (
            "pen",
            "provision",
            "id",
            "min",
            "max",
            "currency",
            "percent",
            "basis",
            "role",
            "role_en",
            "evidence",
            "start",
            "end",
            "lang",
            "label",
        )
        merged: dict[str, dict] = {}
        for r in self._filtered(Q_PENALTIES, "pen", within=within, instrument=instrument):
            d = merged.get(r["pen"])
            if d is None:
                unit, unit_iri = unit_of(r["provision"], r["eid"])
                d = merged[r["pen"]] = {
                    **{k: r.get(k) for k in keys},
                    "unit": unit,
                    "unit_iri": unit_iri,
                    "sanctions": [],
                    "penalises": [],
                }
            if r.get("sanction"):
                name = r.get("sanction_en") or local_name(r["sanction"])
                if name not in d["sanctions"]:
                    d["sanctions"].append(name)
            if r.get("penalises") and r["penalises"] not in d["penalises"]:
                d["penalises"].append(r["penalises"])
        return sorted(merged.values(), key=lambda d: (d["id"], d["provision"], d.get("start") or 0, d["pen"]))

    def other_versions(self, iri: str) -> list[dict]:
        """The same unit in the instrument's other versions, from the version correspondences."""
        out = []
        for r in _dedupe(self.rows(Q_CORRESPONDENCES)):
            for this, other in (("from", "to"), ("to", "from")):
                if r.get(this) == iri and r.get(other):
                    out.append(
                        {
                            "instrument": r[f"{other}_id"],
                            "unit": unit_of(r[other], r[f"{other}_eid"])[0],
                            "iri": r[other],
                            "status": r.get("status"),
                            "similarity": r.get("similarity"),
                            "direction": "newer" if this == "from" else "older",
                        }
                    )
        return out

    def unit_text(self, iri: str, lang: str) -> str:
        """The whole text of a unit in one language (headings, paragraphs, points), one part per line."""
        lines = []
        for r in self._in(Q_SUBTREE, "iri", self.subtree_iris(iri)):
            for col in ("heading", "text", "wrap"):
                if r.get(f"{col}_{lang}"):
                    lines.append(r[f"{col}_{lang}"])
        return "\n".join(lines)

    def diff(self, old_iri: str, new_iri: str, lang: str) -> list[tuple[str, str]]:
        """A diff of two units' texts: (op, text) with op "equal", "delete" or "insert".

        Chinese is compared character by character, English word by word (difflib).
        """
        a, b = self.unit_text(old_iri, lang), self.unit_text(new_iri, lang)
        return diff_texts(a, b, lang)

    # -- search and citations

    def texts(self) -> list[dict]:
        """Every text and heading of every provision, one row per language, with the unit it belongs to.

        The corpus is small (a few thousand rows), so search runs over this list in Python: the app caches it.
        """
        headings = {r["unit"]: r["heading"] for r in self.rows(Q_UNIT_HEADINGS)}
        out = []
        for r in self.rows(Q_TEXTS):
            unit, unit_iri = unit_of(r["s"], r["eid"])
            out.append(
                {
                    "iri": r["s"],
                    "instrument": r["id"],
                    "order": r["order"],
                    "unit": unit,
                    "unit_iri": unit_iri,
                    "unit_heading": headings.get(unit_iri),
                    "label": _bilingual(r, "label"),
                    "lang": r["lang"],
                    "field": r["field"],
                    "text": r["text"],
                }
            )
        return sorted(out, key=lambda r: (r["instrument"], r["order"], r["lang"], r["field"]))

    def search(
        self,
        text: str,
        *,
        lang: str | None = None,
        instruments: list[str] | None = None,
        topic: str | None = None,
        role: str | None = None,
        modality: str | None = None,
        limit: int = 200,
    ) -> list[dict]:
        """Provisions whose text or heading contains ``text`` (case-insensitive), with filters.

        ``topic``/``role``/``modality`` keep provisions whose unit has that topic, mentions that role (IRI) or
        holds a duty of that modality; they need the comparison/extraction layers.
        """
        units = (
            self.filter_units(topic=topic, role=role, modality=modality)
            if (topic or role or modality)
            else None
        )
        return search_texts(self.texts(), text, lang=lang, instruments=instruments, units=units, limit=limit)

    def filter_units(
        self, *, topic: str | None = None, role: str | None = None, modality: str | None = None
    ) -> set[str]:
        """IRIs of the units (articles ...) that pass all the given layer filters (for :func:`search_texts`):
        a part has the topic; a part mentions the role or a duty of the role is in it; it holds a duty of the
        modality."""
        sets = []
        if topic:
            rows = self.rows(
                "SELECT ?p ?eid ?topic WHERE { ?p rkg:hasTopic ?topic ; rkg:eId ?eid }", topic=iri_term(topic)
            )
            sets.append({unit_of(r["p"], r["eid"])[1] for r in rows})
        if role:
            rows = self.rows(
                "SELECT ?p ?eid ?role WHERE { ?p rkg:mentions ?role ; rkg:eId ?eid }", role=iri_term(role)
            )
            rows += self.rows(
                "SELECT ?p ?eid ?role WHERE { ?d dpv:hasResponsibleEntity ?role ; rkg:inProvision ?p . ?p rkg:eId ?eid }",
                role=iri_term(role),
            )
            sets.append({unit_of(r["p"], r["eid"])[1] for r in rows})
        if modality:
            rows = self.rows(
                "SELECT ?p ?eid ?m WHERE { ?d rkg:modality ?m ; rkg:inProvision ?p . ?p rkg:eId ?eid }",
                m=modality,
            )
            sets.append({unit_of(r["p"], r["eid"])[1] for r in rows})
        if not sets:
            return set()
        return set.intersection(*sets) - {None}

    def resolve(self, citation: str, default_instrument: str | None = None) -> dict:
        """A citation as researchers write it ("PIPL 13", "第十七条") -> the node, by :mod:`regkg.resolver`.

        Returns ``{"ok": True, ...the resolver's fields, "unit": URL value, "node": ...}`` or ``{"ok": False,
        "error": why}``; ``"missing": True`` when the package has no resolver.
        """
        try:
            from .resolver import resolve_store
        except ImportError:
            return {
                "ok": False,
                "missing": True,
                "error": "the citation resolver (regkg.resolver) is not built yet",
            }
        try:
            res = resolve_store(self.store, citation, default_instrument=default_instrument)
        except RegkgError as exc:
            return {"ok": False, "error": str(exc)}
        node = self.node(res["iri"]) if res.get("iri") else None
        return {"ok": True, **res, "unit": node["unit"] if node else None, "node": node}

    # -- network

    def network(
        self,
        *,
        instruments: list[str] | None = None,
        citations: bool = True,
        relations: bool = True,
        roles: bool = False,
        all_units: bool = False,
    ) -> dict[str, list[dict]]:
        """Nodes and edges for a network view: instruments, units (articles ...), cited stubs and roles.

        Provision-level eli:cites edges are lifted to their units. ``all_units`` adds every article of the
        chosen instruments, not only those with an edge. ``instruments`` limits the citing side.
        """
        insts = {d["id"]: d for d in self.instruments()}
        keep = set(instruments) if instruments else set(insts)
        nodes: dict[str, dict] = {}
        edges: dict[tuple, dict] = {}

        def add_instrument(iid: str | None, iri: str | None = None, title: str | None = None) -> str:
            if iid and iid in insts:
                d = insts[iid]
                nodes.setdefault(
                    d["iri"],
                    {
                        "id": d["iri"],
                        "type": "instrument",
                        "instrument": iid,
                        "label": d["short"].get("en", iid),
                        "unit": None,
                    },
                )
                return d["iri"]
            nodes.setdefault(
                iri,
                {
                    "id": iri,
                    "type": "external",
                    "instrument": None,
                    "label": (title or local_name(iri))[:40],
                    "unit": None,
                },
            )
            return iri

        def add_unit(iri: str, iid: str, unit: str) -> str:
            kind, _ = parse_unit(unit)
            short = insts[iid]["short"].get("en", iid) if iid in insts else iid
            label = f"{short} {'Art. ' + unit if kind == 'article' else unit.replace('_', ' ')}"
            tag = (
                unit if kind == "article" else unit.replace("_", " ")
            )  # short: the app colours by instrument
            nodes.setdefault(
                iri, {"id": iri, "type": kind, "instrument": iid, "label": label, "tag": tag, "unit": unit}
            )
            return iri

        def add_edge(a: str, b: str, kind: str) -> None:
            if a != b:
                e = edges.setdefault((a, b, kind), {"source": a, "target": b, "type": kind, "weight": 0})
                e["weight"] = (
                    1 if kind == "part of" else e["weight"] + 1
                )  # citations count, membership does not

        if citations:
            for r in self.rows(Q_NET_CITES):
                if r["src_id"] not in keep:
                    continue
                unit, unit_iri = unit_of(r["src"], r["src_eid"])
                if unit_iri is None:
                    continue
                src = add_unit(unit_iri, r["src_id"], unit)
                add_edge(src, add_instrument(r["src_id"]), "part of")
                t_unit, t_iri = unit_of(r["target"], r["target_eid"]) if r.get("target_eid") else (None, None)
                if t_iri:
                    tgt = add_unit(t_iri, r["target_id"], t_unit)
                    add_edge(tgt, add_instrument(r["target_id"]), "part of")
                else:
                    tgt = add_instrument(r.get("target_self"), r["target"], r.get("target_title"))
                add_edge(src, tgt, "cites")
        if relations:
            by_iri = {d["id"]: d["iri"] for d in insts.values()}
            for r in self.instrument_relations():
                if r["from"] not in keep:
                    continue
                a = add_instrument(r["from"])
                b = add_instrument(r["to"]) if r.get("to") in by_iri else None
                if b:
                    add_edge(a, b, r["relation"])
        if roles:
            for r in self.rows(Q_NET_ROLES):
                if r["id"] not in keep:
                    continue
                unit, unit_iri = unit_of(r["p"], r["eid"])
                if unit_iri is None:
                    continue
                u = add_unit(unit_iri, r["id"], unit)
                nodes.setdefault(
                    r["role"],
                    {
                        "id": r["role"],
                        "type": "role",
                        "instrument": None,
                        "label": r.get("role_en") or _role_id(r["role"]),
                        "unit": None,
                    },
                )
                add_edge(u, r["role"], "mentions")
        if all_units:
            for iid in sorted(keep):
                inst_node = add_instrument(iid)
                for t in self.toc(iid):
                    if t["kind"] == "article":
                        add_edge(add_unit(t["iri"], iid, t["unit"]), inst_node, "part of")
        for iid in sorted(keep):
            add_instrument(iid)
        return {
            "nodes": sorted(nodes.values(), key=lambda n: n["id"]),
            "edges": sorted(edges.values(), key=lambda e: (e["source"], e["target"], e["type"])),
        }

    # -- citing provisions in papers

    def provision_info(self, iri: str) -> dict:
        """What a bibliography needs about a node: instrument title, label, date, official URL, issuer, IRI."""
        rows = self.rows(Q_PROVISION_INFO, node=iri_term(iri))
        if not rows:
            # an instrument itself
            for d in self.instruments():
                if d["iri"] == iri:
                    return {
                        "iri": iri,
                        "instrument_iri": iri,
                        "id": d["id"],
                        "title_en": d["title"].get("en"),
                        "title_zh": d["title"].get("zh"),
                        "short_en": d["short"].get("en"),
                        "label_en": None,
                        "label_zh": None,
                        "date": d.get("date"),
                        "url": d.get("url"),
                        "jurisdiction": d["jurisdiction"],
                        "number": d.get("number"),
                        "issuers": [i.get("en") for i in d["issuers"] if i.get("en")],
                    }
            raise ExplorerError(f"no provision or instrument {iri!r} in the build")
        r = dict(rows[0])
        r["iri"] = iri
        r["issuers"] = sorted({x["issuer"] for x in rows if x.get("issuer")})
        r.pop("issuer", None)
        r.pop("node", None)
        return r

    def bibtex(self, iris: list[str]) -> str:
        """BibTeX (@misc) entries for provisions: instrument title, article label, date, official URL, IRI."""
        return "\n".join(bibtex_entry(self.provision_info(i)) for i in iris)

    def csl_json(self, iris: list[str]) -> str:
        """CSL-JSON (type "legislation") for provisions, for Zotero and pandoc citeproc."""
        return json.dumps([csl_item(self.provision_info(i)) for i in iris], ensure_ascii=False, indent=1)

    # -- SPARQL and exports

    def sparql(self, query: str, *, row_cap: int = 1000, timeout: float = 10.0) -> QueryResult:
        """Run a user's SPARQL (SELECT/ASK/CONSTRUCT/DESCRIBE) in a worker process, capped and timed out."""
        if self._worker is None:
            self._worker = SparqlWorker(self.build_dir / "store")
        return self._worker.run(query, row_cap=row_cap, timeout=timeout)

    def start_worker(self) -> None:
        if self._worker is None:
            self._worker = SparqlWorker(self.build_dir / "store")
        self._worker.start()

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()

    def export_bytes(self, fmt: str) -> bytes:
        """The whole graph or tables in ``fmt`` (ttl, trig, nt, nq, jsonld, rdfxml, graphml, gexf, csv = a zip)."""
        from .export import FORMATS

        if fmt not in FORMATS:
            raise ExplorerError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
        if fmt in ("graphml", "gexf", "csv"):
            from .export import export

            with tempfile.TemporaryDirectory(prefix="regkg-export-") as tmp:
                out = Path(tmp) / ("csv" if fmt == "csv" else f"regkg.{fmt}")
                files = export(fmt, out, self.build_dir)
                if fmt != "csv":
                    return files[0].read_bytes()
                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
                    for f in sorted(files):
                        z.write(f, f.name)
                return buf.getvalue()
        from .export.rdf import rdf_bytes

        return rdf_bytes(fmt, self.build_dir)


# ---------------------------------------------------------------------------------------------- pure helpers


def _merge_anchors(refs: list[dict]) -> list[dict]:
    """One entry per (source, target); the anchors as written in each language go into ``anchors``."""
    merged: dict[tuple, dict] = {}
    for r in refs:
        d = merged.setdefault((r["source"], r["target"]), {**r, "anchors": []})
        if r.get("anchor") and r["anchor"] not in d["anchors"]:
            d["anchors"].append(r["anchor"])
    for d in merged.values():
        d["anchor"] = d["anchors"][0] if d["anchors"] else None
    return list(merged.values())


def _dedupe(rows: list[dict]) -> list[dict]:
    seen, out = set(), []
    for r in rows:
        key = json.dumps(r, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _unit_sort_key(unit: str) -> tuple:
    kind, _, num = unit.rpartition("_") if "_" in unit else ("", "", unit)
    return (kind, _num_key(num))


def _role_id(iri: str) -> str:
    """ "cn:network-operator" from an IRI ending in /cn/network-operator or #cn-network-operator (best effort)."""
    parts = [p for p in re.split(r"[#/]", iri) if p]
    if len(parts) >= 2 and parts[-2] in ("cn", "eu", "xj"):
        return f"{parts[-2]}:{parts[-1]}"
    return parts[-1] if parts else iri


def role_forms(instrument: str, jurisdiction: str | None) -> dict[str, dict[str, list[str]]]:
    """{role IRI: {lang: [surface forms]}} that the role vocabulary matches in ``instrument`` (longest first)."""
    try:
        from .extract.roles import load_roles, role_iri
    except ImportError:
        return {}
    out: dict[str, dict[str, list[str]]] = {}
    for f in load_roles().forms:
        if (f.scope and instrument not in f.scope) or (
            not f.scope and jurisdiction and f.jurisdiction != jurisdiction
        ):
            continue
        out.setdefault(role_iri(f.role), {}).setdefault(f.lang, []).append(f.text)
    for langs in out.values():
        for forms in langs.values():
            forms.sort(key=len, reverse=True)
    return out


def query_terms(query: str) -> list[str]:
    """The lower-cased terms of a search: words, and "quoted phrases" kept whole."""
    return [(a or b).lower() for a, b in re.findall(r'"([^"]+)"|(\S+)', query or "") if (a or b).strip()]


def search_texts(
    texts: list[dict],
    query: str,
    *,
    lang: str | None = None,
    instruments: list[str] | None = None,
    units: set[str] | None = None,
    limit: int = 200,
) -> list[dict]:
    """Rows of :meth:`Explorer.texts` containing ``query`` (case-insensitive; all words when several are
    separated by spaces; "a quoted phrase" as one), filtered by language, instruments and a set of allowed
    unit/provision IRIs."""
    words = query_terms(query)
    if not words:
        return []
    keep = set(instruments) if instruments else None
    out = []
    for r in texts:
        if (lang and r["lang"] != lang) or (keep is not None and r["instrument"] not in keep):
            continue
        if units is not None and r["unit_iri"] not in units and r["iri"] not in units:
            continue
        low = r["text"].lower()
        if all(w in low for w in words):
            out.append(r)
            if len(out) >= limit:
                break
    return out


def diff_texts(a: str, b: str, lang: str) -> list[tuple[str, str]]:
    """(op, text) runs turning ``a`` into ``b``; characters for Chinese, words (with spaces) otherwise."""
    ta = list(a) if lang == "zh" else re.findall(r"\s+|[^\s]+", a)
    tb = list(b) if lang == "zh" else re.findall(r"\s+|[^\s]+", b)
    out: list[tuple[str, str]] = []
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(ta[i1:i2])))
        else:
            if i2 > i1:
                out.append(("delete", "".join(ta[i1:i2])))
            if j2 > j1:
                out.append(("insert", "".join(tb[j1:j2])))
    return out


_BIB_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def tex_escape(text: str) -> str:
    """Escape LaTeX/BibTeX special characters."""
    return "".join(_BIB_SPECIAL.get(c, c) for c in str(text))


def bibtex_entry(info: dict) -> str:
    """One BibTeX ``@misc`` entry; the key is ``regkg:<instrument>[:<provision path>]``."""
    tail = info["iri"][len(info.get("instrument_iri") or info["iri"]) :].strip("/")
    key = f"regkg:{info['id']}" + (":" + re.sub(r"[^A-Za-z0-9]+", "-", tail) if tail else "")
    title = info.get("title_en") or info.get("title_zh") or info["id"]
    label = info.get("label_en")
    fields = {
        "title": "{" + tex_escape(f"{title}, {label}" if label else title) + "}",
        "shorttitle": "{"
        + tex_escape(f"{info.get('short_en') or info['id']}{', ' + label if label else ''}")
        + "}",
        "organization": tex_escape("; ".join(info.get("issuers") or [])),
        "date": info.get("date") or "",
        "year": (info.get("date") or "")[:4],
        "url": info.get("url") or "",
        "note": tex_escape(
            f"{info.get('label_zh') or ''} {info.get('title_zh') or ''}".strip()
            + f"; regkg IRI: {info['iri']}"
        ),
        "howpublished": tex_escape(info.get("number") or ""),
        "keywords": tex_escape(f"regkg, {info.get('jurisdiction', '')}"),
    }
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
    return f"@misc{{{key},\n{body}\n}}\n"


def csl_item(info: dict) -> dict:
    item = {
        "id": info["iri"],
        "type": "legislation",
        "title": info.get("title_en") or info.get("title_zh") or info["id"],
        "title-short": info.get("short_en") or info["id"],
        "URL": info.get("url"),
        "note": f"regkg IRI: {info['iri']}",
        "jurisdiction": info.get("jurisdiction"),
    }
    if info.get("label_en"):
        item["section"] = info["label_en"]
    if info.get("issuers"):
        item["authority"] = "; ".join(info["issuers"])
    if info.get("number"):
        item["number"] = info["number"]
    if info.get("date") and re.match(r"^\d{4}-\d{2}-\d{2}$", info["date"]):
        y, m, d = (int(x) for x in info["date"].split("-"))
        item["issued"] = {"date-parts": [[y, m, d]]}
    if info.get("title_zh") and info.get("title_en"):
        item["original-title"] = info["title_zh"]
    return {k: v for k, v in item.items() if v}


def latex_table(columns: list[str], rows: list[list], caption: str = "", label: str = "") -> str:
    """A booktabs tabular (in a table float when a caption is given), every cell escaped."""
    spec = "l" * len(columns)
    lines = [
        r"\begin{tabular}{" + spec + "}",
        r"\toprule",
        " & ".join(tex_escape(c) for c in columns) + r" \\",
        r"\midrule",
    ]
    lines += [" & ".join(tex_escape("" if v is None else v) for v in r) + r" \\" for r in rows]
    lines += [r"\bottomrule", r"\end{tabular}"]
    if caption or label:
        lines = [
            r"\begin{table}[htbp]",
            r"\centering",
            *(["\\caption{" + tex_escape(caption) + "}"] if caption else []),
            *(["\\label{" + label + "}"] if label else []),
            *lines,
            r"\end{table}",
        ]
    return "\n".join(lines) + "\n"


__all__ = [
    "Explorer",
    "ExplorerError",
    "LAYERS",
    "PREFIXES",
    "QueryResult",
    "SavedQuery",
    "SparqlWorker",
    "bibtex_entry",
    "build_dir_from_env",
    "csl_item",
    "diff_texts",
    "glossary_terms",
    "latex_table",
    "parse_unit",
    "saved_queries",
    "unit_param",
]
