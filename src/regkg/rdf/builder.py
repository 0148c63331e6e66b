"""Turn parsed instruments into RDF: one named graph per instrument, every IRI built by :mod:`regkg.eid`.

The builder knows the document model and the manifest, nothing about source formats. It mints no blank
nodes, so the output is the same byte for byte on every run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node as RDFNode

from .. import __version__
from .. import eid as eids
from ..labels import citation_label
from ..model import Instrument, Node
from ..sources import InstrumentEntry, Manifest
from .namespaces import BIND, DCTERMS, ELI, LANG_IRI, LOC, OWL, PROV, RDF, RDFS, RKG, SKOS, XSD

BASE = eids.BASE
GRAPH_BASE = BASE + "graph/"
ONTOLOGY_GRAPH = URIRef(GRAPH_BASE + "ontology")
SOFTWARE = URIRef(BASE + "software/regkg")

Triple = tuple[RDFNode, RDFNode, RDFNode]

KIND_CLASS = {
    "preamble": RKG.Preamble,
    "recital": RKG.Recital,
    "part": RKG.Part,
    "title": RKG.Title,
    "chapter": RKG.Chapter,
    "section": RKG.Section,
    "subsection": RKG.Subsection,
    "article": RKG.Article,
    "paragraph": RKG.Paragraph,
    "point": RKG.Point,
    "subpoint": RKG.Subpoint,
    "annex": RKG.Annex,
    "item": RKG.Item,
}
INSTRUMENT_CLASS = {
    "law": RKG.Law,
    "departmental rule": RKG.DepartmentalRule,
    "regulation": RKG.Regulation,
    "proposal": RKG.Proposal,
    "amendment decision": RKG.AmendmentDecision,
}
JURISDICTION = {"CN": LOC.CN, "EU": LOC.EU}


def instrument_iri(entry: InstrumentEntry) -> URIRef:
    return URIRef(eids.iri(BASE, entry.iri_path))


def node_iri(entry: InstrumentEntry, eid: str) -> URIRef:
    return URIRef(eids.iri(BASE, entry.iri_path, eid))


def graph_iri(instrument_id: str) -> URIRef:
    return URIRef(GRAPH_BASE + instrument_id)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def authority(label: str) -> tuple[URIRef, dict[str, str]]:
    """IRI and labels of an issuing body written as "中文名 English name" (or English only)."""
    m = re.match(r"^([\u3000-\u9fff（）、]+)\s+(.+)$", label)
    zh, en = (m.group(1), m.group(2)) if m else (None, label)
    labels = {"en": en} | ({"zh": zh} if zh else {})
    return URIRef(BASE + "agent/" + _slug(en)), labels


def _date(value: str | None) -> Literal | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    return None


def instrument_triples(inst: Instrument, entry: InstrumentEntry, manifest: Manifest) -> Iterator[Triple]:
    s = instrument_iri(entry)
    yield s, RDF.type, ELI.LegalResource
    yield s, RDF.type, RKG.Instrument
    yield s, RDF.type, INSTRUMENT_CLASS[entry.kind]
    yield s, DCTERMS.identifier, Literal(entry.id)
    yield s, RKG.instrumentKind, Literal(entry.kind)
    yield s, RKG.status, Literal(entry.status)
    yield s, RKG.work, Literal(entry.work)
    yield s, ELI.jurisdiction, JURISDICTION[entry.jurisdiction]
    yield s, ELI.in_force, ELI["InForce-inForce"] if entry.status == "in force" else ELI["InForce-notInForce"]
    for lang in ("zh", "en"):
        if t := inst.title.get(lang):
            yield s, DCTERMS.title, Literal(t, lang=lang)
    yield s, RKG.shortTitle, Literal(entry.short_en, lang="en")
    yield s, RKG.shortTitle, Literal(entry.short_zh, lang="zh")
    if entry.number:
        yield s, RKG.officialNumber, Literal(entry.number)
    if entry.celex:
        yield s, ELI.id_local, Literal(entry.celex)
    if d := _date(entry.date):
        yield s, ELI.date_document, d
    if d := _date(entry.effective):
        yield s, ELI.first_date_entry_in_force, d
    yield s, RDFS.seeAlso, URIRef(entry.official_url)
    for body in entry.issuing_bodies:
        a, labels = authority(body)
        yield s, ELI.passed_by, a
        yield a, RDF.type, RKG.Authority
        for lang, label in labels.items():
            yield a, SKOS.prefLabel, Literal(label, lang=lang)
    ids = set(manifest.ids)
    if entry.previous_version in ids:
        yield s, RKG.previousVersion, instrument_iri(manifest.get(entry.previous_version))
    if entry.amends in ids:
        yield s, ELI.amends, instrument_iri(manifest.get(entry.amends))
    if entry.amended_by in ids:
        yield s, ELI.consolidates, instrument_iri(manifest.get(entry.amended_by))
        if entry.previous_version in ids:
            yield s, ELI.consolidates, instrument_iri(manifest.get(entry.previous_version))


def provenance_triples(inst: Instrument, entry: InstrumentEntry) -> Iterator[Triple]:
    s = instrument_iri(entry)
    activity = URIRef(BASE + "build/" + entry.id)
    g = graph_iri(entry.id)
    yield g, PROV.wasGeneratedBy, activity
    yield g, DCTERMS.subject, s
    yield activity, RDF.type, RKG.BuildActivity
    yield activity, PROV.wasAssociatedWith, SOFTWARE
    yield activity, RKG.softwareVersion, Literal(f"regkg {__version__}")
    yield SOFTWARE, RDF.type, PROV.SoftwareAgent
    yield SOFTWARE, RDFS.label, Literal("regkg")
    by_name = {f.name: f for f in entry.files}
    for expr in inst.expressions:
        e = URIRef(f"{s}/expression/{expr.lang}")
        yield s, ELI.is_realized_by, e
        yield e, RDF.type, ELI.LegalExpression
        yield e, ELI.realizes, s
        yield e, ELI.language, LANG_IRI[expr.lang]
        yield e, DCTERMS.language, Literal(expr.lang)
        if t := inst.title.get(expr.lang):
            yield e, ELI.title, Literal(t, lang=expr.lang)
        yield e, RKG.authoritative, Literal(expr.authoritative)
        yield e, RKG.expressionStatus, Literal(expr.status)
        yield e, RKG.translator, Literal(expr.translator)
        if expr.date:
            yield e, DCTERMS.date, Literal(expr.date, datatype=XSD.date)
        yield activity, RKG.reader, Literal(expr.reader)
        for name, sha in zip(expr.files, expr.sha256, strict=True):
            f = URIRef(f"urn:sha256:{sha}")
            yield e, PROV.wasDerivedFrom, f
            yield activity, PROV.used, f
            yield f, RDF.type, RKG.SourceFile
            yield f, RDF.type, PROV.Entity
            yield f, RKG.sha256, Literal(sha)
            yield f, DCTERMS.title, Literal(name)
            yield f, RKG.reader, Literal(expr.reader)
            src = by_name.get(name)
            if src is not None:
                yield f, DCTERMS.source, URIRef(src.url)
                yield f, DCTERMS.format, Literal(src.format)
                yield f, RKG.sourceRole, Literal(src.role)
                if src.publisher:
                    yield f, DCTERMS.publisher, Literal(src.publisher)
                if src.terms:
                    yield f, DCTERMS.rights, Literal(src.terms)
            else:  # regkg's own translation file
                yield f, RKG.sourceRole, Literal("translation")
                yield f, DCTERMS.publisher, Literal("regkg")


def _texts(s: URIRef, prop: URIRef, texts) -> Iterator[Triple]:
    for lang in ("zh", "en"):
        if t := texts.get(lang):
            yield s, prop, Literal(t, lang=lang)


def subdivision_triples(inst: Instrument, entry: InstrumentEntry) -> Iterator[Triple]:
    root = instrument_iri(entry)
    order = 0
    langs = ("zh", "en")  # citation labels are regkg's own, in both languages whatever the texts

    def visit(n: Node, parent: URIRef, implicit: bool) -> Iterator[Triple]:
        nonlocal order
        order += 1
        s = node_iri(entry, n.eid)
        yield s, RDF.type, ELI.LegalResourceSubdivision
        yield s, RDF.type, KIND_CLASS[n.kind]
        yield s, ELI.is_part_of, parent
        yield parent, ELI.has_part, s
        yield s, RKG.inInstrument, root
        if n.num:
            yield s, ELI.number, Literal(n.num)
        yield s, RKG.eId, Literal(n.eid)
        yield s, RKG.order, Literal(order)
        yield from _texts(s, RKG.heading, n.heading)
        yield from _texts(s, RKG.text, n.text)
        yield from _texts(s, RKG.wrapUp, n.wrap)
        if n.inferred:
            yield s, RKG.inferred, Literal(True)
        if n.kind != "preamble":
            for lang in langs:
                yield (
                    s,
                    RKG.label,
                    Literal(citation_label(entry.jurisdiction, n.eid, lang, implicit), lang=lang),
                )
        child_implicit = n.kind == "article" and sum(c.kind == "paragraph" for c in n.children) == 1
        for c in n.children:
            yield from visit(c, s, child_implicit if n.kind == "article" else implicit)

    for top in inst.body:
        yield from visit(top, root, False)


def instrument_graph_triples(inst: Instrument, manifest: Manifest) -> Iterator[Triple]:
    entry = manifest.get(inst.id)
    yield from instrument_triples(inst, entry, manifest)
    yield from provenance_triples(inst, entry)
    yield from subdivision_triples(inst, entry)


def instrument_quads(
    instruments: Iterable[Instrument], manifest: Manifest, ontology: Graph | None = None
) -> Iterator[tuple]:
    """(s, p, o, graph) for every instrument's named graph (and the ontology in its own graph, if given)."""
    for inst in instruments:
        g = graph_iri(inst.id)
        for s, p, o in instrument_graph_triples(inst, manifest):
            yield s, p, o, g
    if ontology is not None:
        for s, p, o in ontology:
            yield s, p, o, ONTOLOGY_GRAPH


def build_dataset(
    instruments: Iterable[Instrument], manifest: Manifest, ontology: Graph | None = None
) -> Dataset:
    """A Dataset with one named graph per instrument (and the ontology in its own graph, if given)."""
    ds = Dataset()
    BIND(ds)
    for s, p, o, g in instrument_quads(instruments, manifest, ontology):
        ds.graph(g).add((s, p, o))
    return ds


__all__ = [
    "build_dataset",
    "instrument_quads",
    "graph_iri",
    "instrument_iri",
    "node_iri",
    "ONTOLOGY_GRAPH",
    "OWL",
]
