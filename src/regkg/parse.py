"""From cached source files to bilingual :class:`~regkg.model.Instrument` objects.

``read_instrument`` is the whole ingestion pipeline for one instrument, readable top to bottom::

    primary  = eid.assign(read(primary files))          # authoritative text
    english  = eid.assign(read(translation files))      # official, reference or regkg's own translation
    body     = align(primary, english)                  # texts merged by provision path, mismatches listed
    checks   = compare(primary, each cross-check copy)  # the same text from another file, article by article

Parsed instruments are cached by the hashes of their inputs and of the reader code, so a second run is fast.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import __version__, eid
from .align import align
from .fetch import cache_dir, ensure_fetched, sha256_file, source_path
from .model import Document, Expression, Instrument, Texts
from .readers import read_files
from .sources import InstrumentEntry, Manifest, SourceFile, default_manifest, project_root


@dataclass
class ParseResult:
    instrument: Instrument
    documents: dict[str, Document]  # lang -> the document as read (eIds assigned), before alignment
    alignment_problems: list[str] = field(default_factory=list)
    crosscheck: dict[str, list[str]] = field(default_factory=dict)  # file name -> differences
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> reader notes


def _group(files: list[SourceFile]) -> list[tuple[str, list[SourceFile]]]:
    groups: dict[str, list[SourceFile]] = {}
    for f in files:
        if f.reader:
            groups.setdefault(f.reader, []).append(f)
    return list(groups.items())


def _read(files: list[SourceFile], cache: Path | None) -> Document:
    reader = files[0].reader
    assert reader is not None
    paths = [source_path(f, cache) for f in files]
    doc = read_files(reader, paths, lang=files[0].lang, encoding=files[0].encoding)
    return replace(doc, body=eid.assign(doc.body))


def _expression(
    entry: InstrumentEntry, files: list[SourceFile], authoritative: bool, cache: Path | None
) -> Expression:
    f = files[0]
    if authoritative:
        status = "official"
    elif "NOT an official" in f.publisher or "not an official" in f.publisher.lower():
        status = "unofficial translation"
    elif "official" in f.publisher.lower() or "Translation for Reference" in f.publisher:
        status = "official reference translation"
    else:
        status = "unofficial translation"
    return Expression(
        lang=f.lang,
        authoritative=authoritative,
        translator=f.publisher,
        status=status,
        files=tuple(x.name for x in files),
        sha256=tuple(sha256_file(source_path(x, cache)) for x in files),
        reader=f.reader or "",
        license=f.terms,
    )


def _own_translation(entry: InstrumentEntry) -> tuple[Document, Expression] | None:
    if not entry.translation_en:
        return None
    from .readers.translation_yaml import read_translation

    path = project_root() / entry.translation_en
    header, doc = read_translation(path)
    doc = replace(doc, body=eid.assign(doc.body))
    expr = Expression(
        lang=header["lang"],
        authoritative=False,
        translator=header["translator"],
        status=header["status"],
        files=(entry.translation_en,),
        sha256=(sha256_file(path),),
        reader="translation_yaml",
        license="CC BY 4.0 (regkg)",
        date=header["date"],
    )
    return doc, expr


def read_instrument(entry: InstrumentEntry, cache: Path | None = None) -> ParseResult:
    """Read, align and cross-check one instrument from the cached sources."""
    primary_files = entry.files_with("primary")
    if not primary_files:
        raise ValueError(f"{entry.id}: the manifest names no primary file")
    primary = _read(primary_files, cache)
    expressions = [_expression(entry, primary_files, True, cache)]
    documents = {primary.lang: primary}
    notes = {primary.lang: primary.notes}

    translation: Document | None = None
    for _, files in _group(entry.files_with("translation")):
        translation = _read(files, cache)
        expressions.append(_expression(entry, files, False, cache))
    if translation is None and (own := _own_translation(entry)) is not None:
        translation, expr = own
        expressions.append(expr)
    if translation is not None:
        documents[translation.lang] = translation
        notes[translation.lang] = translation.notes
    aligned = align(primary, translation)
    if headings := entry.extra.get("headings_en"):
        # the translation has no chapter headings: regkg supplies its own (e.g. the CASI text of the genai measures)
        from .align import merge_headings
        from .readers.translation_yaml import read_headings

        _, nodes = read_headings(project_root() / headings)
        aligned.body = merge_headings(aligned.body, eid.assign(nodes))

    crosscheck: dict[str, list[str]] = {}
    if entry.files_with("cross-check"):
        from .readers.crosscheck import compare_documents

        for f in entry.files_with("cross-check"):
            if f.reader:
                other = _read([f], cache)
                crosscheck[f.name] = compare_documents(primary, other)

    title = Texts(zh=entry.title_zh, en=entry.title_en)
    instrument = Instrument(
        id=entry.id,
        title=title,
        jurisdiction=entry.jurisdiction,
        kind=entry.kind,
        body=aligned.body,
        expressions=tuple(expressions),
        meta={"entry": entry},
        notes=tuple(n for lang_notes in notes.values() for n in lang_notes),
    )
    return ParseResult(instrument, documents, aligned.problems, crosscheck, notes)


def _code_fingerprint() -> str:
    h = hashlib.sha256(__version__.encode())
    pkg = Path(__file__).parent
    for p in sorted([*pkg.glob("*.py"), *(pkg / "readers").glob("*.py")]):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _input_fingerprint(entry: InstrumentEntry, cache: Path | None) -> str:
    h = hashlib.sha256(repr(entry).encode())
    for f in entry.files:
        p = source_path(f, cache) if f.reader else None
        h.update((sha256_file(p) if p else f.sha256).encode())
    for own in (entry.translation_en, entry.extra.get("headings_en")):
        if own:
            h.update(sha256_file(project_root() / own).encode())
    return h.hexdigest()[:16]


def parse_instrument(
    entry: InstrumentEntry, cache: Path | None = None, use_cache: bool = True
) -> ParseResult:
    """``read_instrument`` with a cache keyed by the input hashes and the reader code."""
    if not use_cache:
        return read_instrument(entry, cache)
    key = f"{entry.id}-{_input_fingerprint(entry, cache)}-{_code_fingerprint()}"
    store = (cache or cache_dir()) / "parsed" / f"{key}.pickle"
    if store.is_file():
        try:
            with open(store, "rb") as fh:
                return pickle.load(fh)
        except Exception:  # a stale or broken cache entry is rebuilt, never trusted
            store.unlink(missing_ok=True)
    result = read_instrument(entry, cache)
    store.parent.mkdir(parents=True, exist_ok=True)
    tmp = store.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(store)
    return result


def parse_all(
    manifest: Manifest | None = None,
    only: list[str] | None = None,
    cache: Path | None = None,
    use_cache: bool = True,
) -> dict[str, ParseResult]:
    """Parse the selected instruments (all by default), fetching from ``REGKG_MIRROR`` if files are missing."""
    manifest = manifest or default_manifest()
    ids = only or manifest.ids
    ensure_fetched(manifest, ids, cache)
    return {iid: parse_instrument(manifest.get(iid), cache, use_cache) for iid in ids}
