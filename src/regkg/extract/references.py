"""Cross-references: found in every provision, resolved to their target, and written into the graph.

``extract_references(results)`` reads the authoritative text of each instrument and its English translation where
there is one (evidence is kept per language), with the spaCy pipelines of :mod:`regkg.extract.ref_grammar`, and
resolves each reference with :mod:`regkg.extract.ref_targets`:

- relative references (前款, 前两款, 本条第二款, "paragraph 1", "this Article") against the citing article and
  paragraph;
- titles (《中华人民共和国网络安全法》, "Regulation (EU) 2016/679") through ``corpus/aliases.yaml``, as of the citing
  instrument's own date: a 2023 rule citing the CSL cites the 2016 text;
- an instrument outside the corpus becomes a stub (``https://w3id.org/regkg/external/<id>``);
- in an amendment decision, 第十八条 names the amended law, 改为第十九条 the consolidated one, and references inside
  the quoted new text speak from the new article.

``references_layer`` writes ``eli:cites`` at provision level (from the authoritative text only), a ``rkg:Reference``
record per reference found in either language (``<citing node>/ref_<n>``, ``/ref_en_<n>`` for a translation), the
stub instruments, and ``eli:based_on`` for 根据《…》…制定.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from rdflib import Literal, URIRef

from ..model import Instrument, Node
from ..rdf.builder import graph_iri, instrument_iri, node_iri
from ..rdf.namespaces import DCTERMS, ELI, LOC, RDF, RKG, XSD
from ..sources import InstrumentEntry, Manifest, default_manifest
from .model import Evidence, Reference
from .ref_aliases import Aliases, External, Hit, default_aliases
from .ref_grammar import ComposeOptions, RefSpec, find_references
from .ref_targets import Target, TreeIndex, Where, resolve_spec

__all__ = ["extract_references", "references_layer", "provision_text", "ReferenceSet"]


def provision_text(node: Node, lang: str) -> str | None:
    """The text references are found in: the node's text, then its wrap-up after a newline (the offsets of
    :class:`~regkg.extract.model.Evidence` address this string)."""
    text, wrap = node.text.get(lang), node.wrap.get(lang)
    if text and wrap:
        return f"{text}\n{wrap}"
    return text or wrap


@dataclass
class _Job:
    instrument: str
    node: Node
    lang: str
    text: str


def _date(entry: InstrumentEntry) -> dt.date:
    return dt.date.fromisoformat(entry.date) if entry.date else dt.date.today()


def _consolidated(entry: InstrumentEntry, manifest: Manifest) -> str | None:
    """The consolidated text an amendment decision produced (csl-2025 for csl-amendment-2025)."""
    for e in manifest.instruments:
        if e.amended_by == entry.id:
            return e.id
    return None


def _jobs(inst: Instrument) -> Iterator[_Job]:
    for node in inst.walk():
        for lang in inst.languages:
            if (text := provision_text(node, lang)) and text.strip():
                yield _Job(inst.id, node, lang, text)


def _wheres(
    job: _Job,
    specs: list[RefSpec],
    entry: InstrumentEntry,
    manifest: Manifest,
    indexes: dict[str, TreeIndex],
    amended: Hit | None = None,
) -> list[Where]:
    """Where each reference speaks from. Plain provisions: the provision itself. Amendment decisions: the
    amended law for 将第十八条…, the consolidated law after 改为/作为 and inside the quoted new text."""
    base = Where(job.instrument, job.node.eid, _date(entry))
    plain = [replace(base, text_before=job.text[: s.start]) for s in specs]
    if entry.jurisdiction == "EU":
        return _inserted_text(job, specs, plain, amended)
    if not entry.amends or job.node.kind != "item":
        return plain
    amended_id, consolidated = entry.amends, _consolidated(entry, manifest)
    if consolidated is None or amended_id not in indexes or consolidated not in indexes:
        return plain
    quotes = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*(?:”|$)", job.text)]
    out: list[Where] = []
    last_article = {False: None, True: None}  # after 改为/作为? -> article eid in that law
    new_paragraph: str | None = None  # 增加一款，作为第二款 -> the paragraph the quote becomes
    for spec in specs:
        quote = next(((s, e) for s, e in quotes if s <= spec.start < e), None)
        if quote is None:
            target = consolidated if spec.after_amend_to else amended_id
            where = Where(
                job.instrument,
                job.node.eid,
                base.date,
                default_instrument=target,
                article_eid=last_article[spec.after_amend_to],
                text_before=job.text[: spec.start],
            )
            out.append(where)
            steps = {s.level: s.value for s in spec.location}
            if "article" in steps and "paragraph" not in steps:
                with contextlib.suppress(LookupError):
                    last_article[spec.after_amend_to] = indexes[target].anchor(
                        "article", str(steps["article"])
                    )
            if spec.after_amend_to and "paragraph" in steps and "article" not in steps:
                new_paragraph = str(steps["paragraph"])
        else:
            article = last_article[True]
            first = int(new_paragraph) if new_paragraph and new_paragraph.isdigit() else 1
            k = first + job.text.count("\n", quote[0], spec.start)
            para = f"{article}__para_{k}" if article else None
            out.append(
                Where(
                    job.instrument,
                    job.node.eid,
                    base.date,
                    self_instrument=consolidated,
                    default_instrument=consolidated,
                    article_eid=article,
                    paragraph_eid=para if para in indexes[consolidated] else None,
                    text_before=job.text[quote[0] : spec.start],
                )
            )
    return out


def _inserted_text(job: _Job, specs: list[RefSpec], plain: list[Where], amended: Hit | None) -> list[Where]:
    """An EU act amending another. "In Article 8 of Directive 2014/90/EU, the following paragraph is added:
    ‘4. … paragraph 1 …’": inside the inserted text, "paragraph 1" and "this Regulation" are of the amended act.
    "Regulation (EU) 2018/1139 is amended as follows: (1) in Article 17, …": in the points under that chapeau
    (``amended``), every reference that names no instrument is to the amended act."""
    m = re.search(r"\n[“‘]", job.text)
    start = 0 if amended is not None else (m.start() if m else None)
    if start is None:
        return plain
    if amended is None:
        for spec in specs:
            if spec.start < start and isinstance(spec.instrument, Hit):
                amended = spec.instrument
    if amended is None:
        return plain
    out = []
    for spec, where in zip(specs, plain, strict=True):
        if spec.start < start:
            out.append(where)
        elif amended.external is not None:
            out.append(replace(where, default_external=amended.external))
        else:
            version = amended.instrument or where.instrument
            out.append(replace(where, default_instrument=version, self_instrument=version))
    return out


_AMENDED_AS_FOLLOWS = re.compile(r"(?:is|are|shall be) amended as follows")


def _chapeau_act(job: _Job, specs: list[RefSpec]) -> Hit | None:
    """The act a chapeau amends ("Regulation (EU) 2018/1139 is amended as follows:"), if it is one."""
    if job.lang != "en" or not _AMENDED_AS_FOLLOWS.search(job.text):
        return None
    acts = [s.instrument for s in specs if isinstance(s.instrument, Hit)]
    return acts[-1] if acts else None


def _reference(job: _Job, spec: RefSpec, target: Target) -> Reference:
    ext: External | None = target.external
    anchor = job.text[spec.start : spec.end]
    based = spec.basis and target.eid is None and (target.instrument != job.instrument or ext is not None)
    return Reference(
        kind=target.kind,
        anchor=anchor,
        evidence=Evidence(
            job.instrument, job.node.eid, job.lang, spec.start, spec.end, anchor, "+".join(spec.rules)
        ),
        target_instrument=target.instrument,
        target_eid=target.eid,
        target_title=ext.title(job.lang) if ext else None,
        resolved=target.resolved,
        relation="based_on" if based else "cites",
        target_external=ext.id if ext else None,
        note=target.reason,
    )


def extract_references(
    results: dict,
    manifest: Manifest | None = None,
    aliases: Aliases | None = None,
) -> dict[str, list[Reference]]:
    """``{instrument id: [Reference]}`` for every provision of every parsed instrument, in document order; each
    reference keeps its evidence (provision, language, offsets, anchor text) and whether it resolved."""
    manifest = manifest or default_manifest()
    aliases = aliases or default_aliases()
    instruments: dict[str, Instrument] = {iid: r.instrument for iid, r in results.items()}
    indexes = {
        iid: TreeIndex(iid, (n.eid for n in inst.walk()), manifest.get(iid).jurisdiction)
        for iid, inst in instruments.items()
    }
    jobs: dict[str, list[_Job]] = {"zh": [], "en": []}
    for inst in instruments.values():
        for job in _jobs(inst):
            jobs[job.lang].append(job)
    out: dict[str, list[Reference]] = {iid: [] for iid in instruments}
    for lang, todo in jobs.items():
        opts = []
        for job in todo:
            entry = manifest.get(job.instrument)
            selves = aliases.self_names.get(job.instrument, {}).get(lang, ())
            opts.append(ComposeOptions(lang, entry.jurisdiction, selves, aliases))
        chapeaus: dict[
            tuple[str, str], Hit
        ] = {}  # (instrument, eid) of an "amended as follows" chapeau -> act
        for job, specs in zip(
            todo, find_references((j.text for j in todo), opts, lang, aliases), strict=True
        ):
            entry = manifest.get(job.instrument)
            if act := _chapeau_act(job, specs):
                chapeaus[(job.instrument, job.node.eid)] = act
            parts = job.node.eid.split("__")
            inherited = next(
                (
                    chapeaus[(job.instrument, "__".join(parts[:i]))]
                    for i in range(len(parts) - 1, 0, -1)
                    if (job.instrument, "__".join(parts[:i])) in chapeaus
                ),
                None,
            )
            seen: set[tuple] = set()
            wheres = _wheres(job, specs, entry, manifest, indexes, inherited)
            for spec, where in zip(specs, wheres, strict=True):
                target = resolve_spec(spec, where, indexes, aliases)
                ref = _reference(job, spec, target)
                key = (ref.evidence.start, ref.target_instrument, ref.target_eid, ref.target_external)
                if key not in seen:
                    seen.add(key)
                    out[job.instrument].append(ref)
    order = {iid: {n.eid: i for i, n in enumerate(inst.walk())} for iid, inst in instruments.items()}
    for iid, refs in out.items():
        refs.sort(
            key=lambda r: (order[iid].get(r.evidence.eid, 0), r.evidence.lang != "zh", r.evidence.start)
        )
    return out


# -- the graph layer ------------------------------------------------------------------------------------------------

ReferenceSet = dict[str, list[Reference]]
STUB_GRAPH = graph_iri("external")  # https://w3id.org/regkg/graph/external


def _target_iri(ref: Reference, manifest: Manifest) -> URIRef | None:
    if ref.target_instrument is None:
        return None
    entry = manifest.get(ref.target_instrument)
    if ref.target_eid:
        return node_iri(entry, ref.target_eid)
    return instrument_iri(entry)


def references_layer(results: dict, manifest: Manifest, aliases: Aliases | None = None) -> Iterator[tuple]:
    """The references layer: eli:cites, rkg:Reference records, stub instruments and eli:based_on."""
    aliases = aliases or default_aliases()
    found = extract_references(results, manifest, aliases)
    all_stubs: dict[str, External] = {}
    for iid, refs in found.items():
        entry = manifest.get(iid)
        g = graph_iri(iid)
        auth = results[iid].instrument.authoritative_lang
        counters: dict[tuple[str, str], int] = {}
        stubs: dict[str, External] = {}
        for ref in refs:
            ev = ref.evidence
            citing = node_iri(entry, ev.eid)
            n = counters[(ev.eid, ev.lang)] = counters.get((ev.eid, ev.lang), 0) + 1
            rec = URIRef(f"{citing}/ref_{n}" if ev.lang == auth else f"{citing}/ref_{ev.lang}_{n}")
            ext = aliases.stub(ref.target_external) if ref.target_external else None
            target = URIRef(ext.iri) if ext else _target_iri(ref, manifest)
            yield rec, RDF.type, RKG.Reference, g
            yield rec, RKG.anchorText, Literal(ref.anchor, lang=ev.lang), g
            yield rec, RKG.referenceKind, Literal(ref.kind), g
            yield rec, RKG.referenceRelation, Literal(ref.relation), g
            yield rec, RKG.resolved, Literal(ref.resolved), g
            yield rec, RKG.citingProvision, citing, g
            yield rec, RKG.startOffset, Literal(ev.start, datatype=XSD.integer), g
            yield rec, RKG.endOffset, Literal(ev.end, datatype=XSD.integer), g
            yield rec, RKG.evidenceLang, Literal(ev.lang), g
            yield rec, RKG.reviewStatus, Literal(ev.status), g
            if ev.rule:
                yield rec, RKG.extractionRule, Literal(ev.rule), g
            if ref.note:
                yield rec, RKG.resolutionNote, Literal(ref.note), g
            if target is not None:
                yield rec, RKG.citedResource, target, g
            if ext is not None:
                stubs[ext.id] = ext
            if ev.lang != auth or target is None or (not ref.resolved and ext is None) or target == citing:
                # eli:cites comes from the authoritative text, for what it could identify; a provision that
                # refers to a part of itself ("the first subparagraph") keeps the record but no self-loop
                continue
            if ref.relation == "based_on":
                yield instrument_iri(entry), ELI.based_on, target, g
            yield citing, ELI.cites, target, g
        all_stubs.update(stubs)
    # stubs are described once, in their own graph, however many instruments cite them
    for sid in sorted(all_stubs):
        ext, s = all_stubs[sid], URIRef(all_stubs[sid].iri)
        yield s, RDF.type, RKG.StubInstrument, STUB_GRAPH
        yield s, RDF.type, ELI.LegalResource, STUB_GRAPH
        yield s, DCTERMS.identifier, Literal(ext.id), STUB_GRAPH
        yield s, ELI.jurisdiction, LOC.CN if ext.jurisdiction == "CN" else LOC.EU, STUB_GRAPH
        for lang, title in (("zh", ext.title_zh), ("en", ext.title_en)):
            if title:
                yield s, DCTERMS.title, Literal(title, lang=lang), STUB_GRAPH
