"""``regkg resolve``: a citation as researchers write it, turned into the node it names.

>>> split_citation("Art. 5(1)(d) AI Act proposal").name, split_citation("PIPL 13").rest
('AI Act proposal', 'Article 13')

Accepted forms include "PIPL art. 13", "PIPL 13", "Interim Measures, art. 9, para. 1", "Art. 5(1)(d) AI Act proposal",
"Article 6(2) AI Act", "AI Act Art. 50", "Annex III AI Act", "Recital 12 AI Act", "《个人信息保护法》第十三条第一款第二项",
"网络安全法第四十二条", and "第十七条" when a default instrument is given. Instrument names come from
``corpus/aliases.yaml`` (with the manifest's titles); the locator is read by the same spaCy grammar the reference
extractor uses (:mod:`regkg.extract.ref_grammar`).

Versions are explicit: a work name (网络安全法, "AI Act") means the version in force on ``as_of`` (or the latest
draft then), by default today; the result names the version chosen and why. Resolution runs on the built store
(:func:`resolve_store`, what the explorer calls) or on the parsed model (:func:`resolve_parsed`). A citation that
cannot be resolved raises :class:`CitationError`, whose message says which part was not understood.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import eid as eids
from .errors import RegkgError
from .extract.ref_aliases import Aliases, Hit, default_aliases, flat
from .extract.ref_grammar import RefSpec, references_in
from .extract.ref_targets import TargetError, TreeIndex, walk
from .sources import Manifest, default_manifest

__all__ = [
    "CitationError",
    "ModelSource",
    "StoreSource",
    "resolve",
    "resolve_cli",
    "resolve_parsed",
    "resolve_store",
    "split_citation",
]


class CitationError(RegkgError):
    """A citation that cannot be resolved; the message names the part that was not understood."""


# -- where the nodes come from --------------------------------------------------------------------------------------


class ModelSource:
    """Nodes of the parsed model (``{id: ParseResult}`` from :func:`regkg.parse.parse_all`)."""

    def __init__(self, results: dict, manifest: Manifest | None = None) -> None:
        self.results = results
        self.manifest = manifest or default_manifest()
        self._trees: dict[str, TreeIndex] = {}

    def has(self, instrument: str) -> bool:
        return instrument in self.results

    def tree(self, instrument: str) -> TreeIndex:
        if instrument not in self._trees:
            inst = self.results[instrument].instrument
            juris = self.manifest.get(instrument).jurisdiction
            self._trees[instrument] = TreeIndex(instrument, (n.eid for n in inst.walk()), juris)
        return self._trees[instrument]

    def texts(self, instrument: str, eid: str) -> dict[str, str]:
        node = self.results[instrument].instrument.find(eid)
        out: dict[str, list[str]] = {"zh": [], "en": []}
        for n in node.walk():
            for lang in out:
                for part in (n.heading.get(lang), n.text.get(lang), n.wrap.get(lang)):
                    if part:
                        out[lang].append(part)
        return {lang: "\n".join(parts) for lang, parts in out.items() if parts}

    def labels(self, instrument: str, eid: str) -> dict[str, str]:
        tree = self.tree(instrument)
        langs = self.results[instrument].instrument.languages
        return {lang: tree.citation(eid, lang) for lang in ("zh", "en") if lang in langs}


class StoreSource:
    """Nodes of the built store (``regkg.store.open_store``); every query binds its values, none pastes them."""

    def __init__(self, store, manifest: Manifest | None = None) -> None:
        self.store = store
        self.manifest = manifest or default_manifest()
        self._trees: dict[str, TreeIndex] = {}
        self._ids: set[str] | None = None

    def has(self, instrument: str) -> bool:
        if self._ids is None:
            from .store import select

            rows = select(
                self.store, "SELECT ?id WHERE { ?i a rkg:Instrument ; dcterms:identifier ?id }"
            ).rows
            self._ids = {r[0] for r in rows}
        return instrument in self._ids

    def tree(self, instrument: str) -> TreeIndex:
        from .store import select

        if instrument not in self._trees:
            q = """SELECT ?eid WHERE {
                ?i a rkg:Instrument ; dcterms:identifier ?id . ?s rkg:inInstrument ?i ; rkg:eId ?eid ; rkg:order ?o
            } ORDER BY ?o"""
            rows = select(self.store, q, bindings={"id": instrument}).rows
            juris = self.manifest.get(instrument).jurisdiction
            self._trees[instrument] = TreeIndex(instrument, (r[0] for r in rows), juris)
        return self._trees[instrument]

    def texts(self, instrument: str, eid: str) -> dict[str, str]:
        from .store import select

        # ?eid is bound through a triple pattern: a substituted variable that only a FILTER uses stays unbound
        q = """SELECT ?o ?rank ?v ?lang WHERE {
            ?i a rkg:Instrument ; dcterms:identifier ?id . ?n rkg:inInstrument ?i ; rkg:eId ?eid .
            ?s rkg:inInstrument ?i ; rkg:eId ?e ; rkg:order ?o .
            FILTER(?e = ?eid || STRSTARTS(?e, CONCAT(?eid, "__")))
            VALUES (?p ?rank) { (rkg:heading 1) (rkg:text 2) (rkg:wrapUp 3) }
            ?s ?p ?v . BIND(LANG(?v) AS ?lang)
        } ORDER BY ?o ?rank"""
        out: dict[str, list[str]] = {"zh": [], "en": []}
        for _, _, value, lang in select(self.store, q, bindings={"id": instrument, "eid": eid}).rows:
            out.setdefault(lang, []).append(value)
        return {lang: "\n".join(parts) for lang, parts in out.items() if parts}

    def labels(self, instrument: str, eid: str) -> dict[str, str]:
        from .store import select

        q = """SELECT ?l (LANG(?l) AS ?lang) WHERE {
            ?i a rkg:Instrument ; dcterms:identifier ?id . ?s rkg:inInstrument ?i ; rkg:eId ?eid ; rkg:label ?l
        }"""
        return {
            lang: label for label, lang in select(self.store, q, bindings={"id": instrument, "eid": eid}).rows
        }


# -- reading a citation ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Split:
    """A citation split into the instrument name it contains (if any) and the rest (the locator)."""

    name: str | None
    hit: Hit | None
    rest: str


def _bounded(text: str, start: int, end: int) -> bool:
    """A Latin-script name must not run into letters or digits on either side ("PIPLX" is not "PIPL")."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start], text[end - 1]
    if first.isascii() and first.isalnum() and before.isascii() and before.isalnum():
        return False
    return not (last.isascii() and last.isalnum() and after.isascii() and after.isalnum())


def split_citation(citation: str, aliases: Aliases | None = None) -> Split:
    """Find the longest instrument name in ``citation``; a bare number after it means an article ("PIPL 13")."""
    aliases = aliases or default_aliases()
    text = flat(citation)
    low = text.lower()
    for key, hit in aliases.search_keys():
        i = low.find(key)
        while i != -1 and not _bounded(low, i, i + len(key)):
            i = low.find(key, i + 1)
        if i != -1:
            rest = (text[:i] + " " + text[i + len(key) :]).strip(" ,;:")
            return Split(text[i : i + len(key)], hit, _bare_article(rest))
    return Split(None, None, _bare_article(text))


def _bare_article(rest: str) -> str:
    m = re.fullmatch(r"(\d{1,3}[a-z]?)((?:\(\w+\))*)", rest.strip(" ,;:"))
    return f"Article {m.group(1)}{m.group(2)}" if m else rest


def _leftover(rest: str, specs: list[RefSpec]) -> str:
    """What the locator grammar did not read, without connectors and punctuation."""
    keep = list(rest)
    for s in specs:
        for i in range(s.start, s.end):
            keep[i] = " "
    left = "".join(keep)
    left = re.sub(r"(?i)\b(of|the|and|in|at)\b|[,;:.()（）、\s]", " ", left)
    return re.sub(r"\s+", " ", left).strip()


# -- resolving ------------------------------------------------------------------------------------------------------


def resolve(
    citation: str,
    source: ModelSource | StoreSource,
    *,
    as_of: dt.date | str | None = None,
    default_instrument: str | None = None,
    today: Callable[[], dt.date] = dt.date.today,
    aliases: Aliases | None = None,
) -> dict:
    """Resolve ``citation`` to a node (or an instrument) of ``source``; raise :class:`CitationError` if it cannot.

    The result: ``instrument`` (the corpus id of the version chosen), ``version`` (the same id) and
    ``version_reason``, ``work``, ``as_of``, ``article`` ("13", "ANNEX III", "RECITAL 12"), ``paragraph`` (int, None
    when not cited or the article's single paragraph is unnumbered), ``point``, ``subpoint``, ``eid``, ``kind``,
    ``iri``, ``label`` and ``labels`` (zh/en), ``text`` (the authoritative text of the node and its parts) and
    ``texts`` (zh/en).
    """
    aliases = aliases or default_aliases()
    manifest = source.manifest
    day = _as_date(as_of) if as_of else today()
    if not citation or not citation.strip():
        raise CitationError("empty citation")
    split = split_citation(citation, aliases)
    rest = split.rest
    lang = "zh" if re.search(r"[\u3400-\u9fff]", rest) else "en"

    if split.hit is None:
        if default_instrument is None:
            unknown = _leftover(rest, references_in(rest, lang, "CN" if lang == "zh" else "EU"))
            if unknown:
                raise CitationError(f"no instrument matches {unknown!r}")
            raise CitationError(f"{citation!r} names no instrument (and no default instrument was given)")
        hit = Hit(default_instrument, instrument=default_instrument)
        name = default_instrument
    else:
        hit, name = split.hit, split.name or ""
    if hit.external is not None:
        raise CitationError(
            f"{name!r} is {hit.external.title('en')}, an instrument outside the corpus (a stub: {hit.external.iri})"
        )
    choice = aliases.choose(hit, day)
    assert choice is not None
    version = choice.instrument
    if not source.has(version):
        raise CitationError(f"{name!r} means {version} on {day.isoformat()}, which is not in this build")
    entry = manifest.get(version)

    specs = references_in(rest, lang, entry.jurisdiction) if rest else []
    leftover = _leftover(rest, specs)
    if leftover:
        raise CitationError(f"did not understand {leftover!r} in {citation!r}")
    result = {
        "citation": citation,
        "instrument": version,
        "version": version,
        "version_reason": choice.reason,
        "work": hit.work or entry.work,
        "as_of": day.isoformat(),
        "title": {"zh": entry.title_zh, "en": entry.title_en},
        "short_title": entry.short_en,
    }
    if not specs:
        from .rdf.builder import instrument_iri

        return result | {
            "article": None,
            "paragraph": None,
            "point": None,
            "subpoint": None,
            "eid": None,
            "kind": "instrument",
            "iri": str(instrument_iri(entry)),
            "label": entry.short_en,
            "labels": {"zh": entry.short_zh, "en": entry.short_en},
            "text": None,
            "texts": {},
        }
    if len(specs) > 1:
        names = ", ".join(rest[s.start : s.end] for s in specs[:4])
        raise CitationError(f"{citation!r} names {len(specs)} provisions ({names}); cite one")
    spec = specs[0]
    if spec.instrument not in (None, "@self"):
        raise CitationError(
            f"{citation!r} names two instruments ({name!r} and {rest[spec.start : spec.end]!r})"
        )
    tree = source.tree(version)
    try:
        eid = walk(spec.location, tree, None)
    except TargetError as exc:
        raise CitationError(_named(str(exc), version, name)) from None
    return result | _describe(source, tree, version, eid)


def _named(message: str, version: str, name: str) -> str:
    """ "pipl-2021 has no article 99" -> "PIPL (pipl-2021) has no article 99"."""
    if name and name.lower() != version and message.startswith(version):
        return f"{name} ({version})" + message[len(version) :]
    return message


def _describe(source, tree: TreeIndex, version: str, eid: str) -> dict:
    from .rdf.builder import node_iri

    entry = source.manifest.get(version)
    parts = eids.parse(eids.provision_path(eid)) if tree.nodes[eid].kind != "preamble" else []
    found: dict[str, str] = dict(parts)
    article = found.get("article")
    if "annex" in found:
        article = f"ANNEX {found['annex']}"
    elif "recital" in found:
        article = f"RECITAL {found['recital']}"
    para_eid = next((e for e in _ancestors(tree, eid) if tree.nodes[e].kind == "paragraph"), None)
    paragraph = found.get("paragraph")
    if para_eid is not None and tree.implicit_paragraph(para_eid) and "annex" not in found:
        paragraph = None  # the article's single paragraph is not numbered in the text
    texts = source.texts(version, eid)
    labels = source.labels(version, eid)
    auth = "en" if entry.jurisdiction == "EU" else "zh"
    return {
        "article": article,
        "paragraph": int(paragraph) if paragraph and paragraph.isdigit() else paragraph,
        "point": found.get("point"),
        "subpoint": found.get("subpoint"),
        "eid": eid,
        "kind": tree.nodes[eid].kind,
        "iri": str(node_iri(entry, eid)),
        "label": labels.get("en") or labels.get("zh"),
        "labels": labels,
        "text": texts.get(auth),
        "texts": texts,
    }


def _ancestors(tree: TreeIndex, eid: str) -> list[str]:
    out, cur = [], eid
    while cur is not None:
        out.append(cur)
        cur = tree.nodes[cur].parent
    return out


def _as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CitationError(f"--as-of {value!r} is not a date (YYYY-MM-DD)") from None


def resolve_store(store, citation: str, **kwargs) -> dict:
    """:func:`resolve` on an opened store (``regkg.store.open_store``): what the explorer's search calls."""
    return resolve(citation, StoreSource(store, kwargs.pop("manifest", None)), **kwargs)


def resolve_parsed(results: dict, citation: str, **kwargs) -> dict:
    """:func:`resolve` on the parsed model (``regkg.parse.parse_all``)."""
    return resolve(citation, ModelSource(results, kwargs.pop("manifest", None)), **kwargs)


# -- the command ----------------------------------------------------------------------------------------------------


def _source(args) -> ModelSource | StoreSource:
    from .store import default_build_dir, open_store

    build = Path(args.build) if getattr(args, "build", None) else None
    if build is not None or (default_build_dir() / "store").is_dir():
        return StoreSource(open_store(build))
    from .parse import parse_all  # no build yet: read the sources (from the cache)

    return ModelSource(parse_all())


def format_result(result: dict) -> str:
    """The human-readable form: label, instrument and version, IRI, then the text."""
    head = f"{result['label']} — {result['short_title']}"
    lines = [
        head,
        f"version: {result['version']} ({result['version_reason']})",
        f"IRI: {result['iri']}",
    ]
    for lang in ("zh", "en"):
        if text := result["texts"].get(lang):
            lines += ["", f"[{lang}]", text]
    return "\n".join(lines)


def resolve_cli(args) -> int:
    """``regkg resolve CITATION [--json] [--as-of DATE] [--build DIR]``: 0 and the node, or 1 and what failed."""
    try:
        source = _source(args)
        result = resolve(args.citation, source, as_of=args.as_of)
    except CitationError as exc:
        print(f"regkg resolve: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(format_result(result))
    return 0
