"""The comparison layer of ``regkg build``: topics, the actor crosswalk, alignments and versions as quads.

Each part goes into its own named graph (``…/graph/topics``, ``…/crosswalk``, ``…/alignments``,
``…/versions``). Every IRI is minted from ids (no blank nodes) and the output is sorted, so builds are
byte-identical.

Topic assignments: ``rkg:hasTopic`` from every provision (and article) to its topics; one rkg:TopicAssignment
record per article and topic (aggregating its parts, with the matched terms as evidence), and per recital, annex
part or amendment item and topic (the units that have no article).
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Literal, URIRef

from ..eid import BASE, provision_path
from ..rdf.builder import GRAPH_BASE, instrument_iri, node_iri
from ..rdf.namespaces import DCTERMS, ELI, RDF, RKG, SKOS, XSD
from ..sources import Manifest
from .analysis import Comparison, compute_comparison
from .crosswalk import role_iri, vocabulary_term
from .topics import TopicAssignment

TOPICS_GRAPH = URIRef(GRAPH_BASE + "topics")
CROSSWALK_GRAPH = URIRef(GRAPH_BASE + "crosswalk")
ALIGNMENTS_GRAPH = URIRef(GRAPH_BASE + "alignments")
VERSIONS_GRAPH = URIRef(GRAPH_BASE + "versions")
TOPIC_SCHEME = URIRef(BASE + "topics")
CROSSWALK_SCHEME = URIRef(BASE + "crosswalk")
MAX_EVIDENCE = 2  # evidence literals per assignment record (first match of each rule, strongest first)

Quad = tuple


def topic_iri(topic_id: str) -> URIRef:
    return URIRef(f"{BASE}topic/{topic_id}")


def _decimal(x: float) -> Literal:
    return Literal(f"{x:.3f}", datatype=XSD.decimal)


def target_iri(target: str) -> URIRef:
    """IRI of a crosswalk target: a reused vocabulary term or a role (cn:, eu:, xj:)."""
    return vocabulary_term(target) or role_iri(target)


def _evidence_literals(a: TopicAssignment, weights: dict[str, float]) -> list[Literal]:
    out, seen = [], set()
    for e in sorted(a.evidence, key=lambda e: -weights.get(e.rule, 0.0)):
        if e.rule in seen:
            continue
        seen.add(e.rule)
        where = "" if e.eid == a.eid else provision_path(e.eid) + " "
        kind = "heading " if "/heading/" in e.rule else ""
        out.append(Literal(f"{where}{kind}{e.lang} {e.start}-{e.end} {e.text} [{e.rule}]"))
        if len(out) >= MAX_EVIDENCE:
            break
    return out


def topic_quads(c: Comparison, manifest: Manifest) -> Iterator[Quad]:
    g = TOPICS_GRAPH
    yield TOPIC_SCHEME, RDF.type, SKOS.ConceptScheme, g
    yield TOPIC_SCHEME, SKOS.prefLabel, Literal("regkg regulatory topics", lang="en"), g
    yield TOPIC_SCHEME, SKOS.prefLabel, Literal("regkg 规制主题", lang="zh"), g
    yield TOPIC_SCHEME, DCTERMS.source, Literal("corpus/topics.yaml"), g
    for t in c.scheme.topics:
        s = topic_iri(t.id)
        yield s, RDF.type, SKOS.Concept, g
        yield s, RDF.type, RKG.Topic, g
        yield s, SKOS.inScheme, TOPIC_SCHEME, g
        yield TOPIC_SCHEME, SKOS.hasTopConcept, s, g
        yield s, SKOS.notation, Literal(t.id), g
        for lang in ("zh", "en"):
            yield s, SKOS.prefLabel, Literal(t.labels[lang], lang=lang), g
            yield s, SKOS.scopeNote, Literal(t.scope[lang], lang=lang), g
    weights = {
        f"{t.id}/{kind}/{r.key}": r.weight
        for t in c.scheme.topics
        for kind, table in (("zh", t.rules), ("en", t.rules), ("heading", t.headings))
        for lang, rules in table.items()
        if kind in (lang, "heading")
        for r in rules
    }
    for iid, assignments in c.topics.items():
        entry = manifest.get(iid)
        in_article = {p for a in assignments if a.level == "article" for p in a.parts}
        for a in assignments:
            node = node_iri(entry, a.eid)
            yield node, RKG.hasTopic, topic_iri(a.topic), g
            if a.level == "provision" and (a.eid in in_article or provision_path(a.eid).startswith("rec_")):
                continue  # recorded by its article's assignment; recitals are not provisions: hasTopic only
            rec = URIRef(f"{node}/topic/{a.topic}")
            yield rec, RDF.type, RKG.TopicAssignment, g
            yield rec, RKG.assignedProvision, node, g
            yield rec, RKG.assignedTopic, topic_iri(a.topic), g
            yield rec, RKG.confidence, _decimal(a.confidence), g
            yield rec, RKG.assignmentLevel, Literal(a.level), g
            for lit in _evidence_literals(a, weights):
                yield rec, RKG.matchEvidence, lit, g


def crosswalk_quads(c: Comparison) -> Iterator[Quad]:
    g = CROSSWALK_GRAPH
    cw = c.crosswalk
    yield CROSSWALK_SCHEME, RDF.type, SKOS.ConceptScheme, g
    for lang, label in cw.labels.items():
        yield CROSSWALK_SCHEME, SKOS.prefLabel, Literal(label, lang=lang), g
    yield CROSSWALK_SCHEME, DCTERMS.source, Literal("corpus/crosswalk.yaml"), g
    for t in cw.targets:
        s = role_iri(t.id)
        yield s, RDF.type, SKOS.Concept, g
        yield s, RDF.type, RKG.CrossJurisdictionRole, g
        yield s, SKOS.inScheme, CROSSWALK_SCHEME, g
        yield s, SKOS.notation, Literal(t.id), g
        for lang, label in t.labels.items():
            yield s, SKOS.prefLabel, Literal(label, lang=lang), g
        for lang, text in t.definition.items():
            yield s, SKOS.definition, Literal(text, lang=lang), g
    for m in cw.mappings:
        src, tgt = role_iri(m.role), target_iri(m.target)
        relation = getattr(SKOS, m.relation)
        yield src, relation, tgt, g
        slug = m.target.replace(":", "-")
        rec = URIRef(f"{CROSSWALK_SCHEME}/{m.role.replace(':', '-')}--{m.relation}--{slug}")
        yield rec, RDF.type, RKG.RoleMapping, g
        yield rec, RKG.mappedRole, src, g
        yield rec, RKG.mappingTarget, tgt, g
        yield rec, RKG.mappingRelation, relation, g
        yield rec, RKG.mappingNote, Literal(m.note, lang="en"), g
        yield rec, SKOS.note, Literal(m.note, lang="en"), g


def alignment_iri(a: tuple[str, str], b: tuple[str, str]) -> URIRef:
    def part(x: tuple[str, str]) -> str:
        return f"{x[0]}.{provision_path(x[1]).replace('__', '.')}"

    return URIRef(f"{BASE}alignment/{part(a)}--{part(b)}")


def alignment_quads(c: Comparison, manifest: Manifest) -> Iterator[Quad]:
    g = ALIGNMENTS_GRAPH
    for al in c.alignments:
        rec = alignment_iri(al.a, al.b)
        yield rec, RDF.type, RKG.ProvisionAlignment, g
        for iid, eid in (al.a, al.b):
            yield rec, RKG.alignedProvision, node_iri(manifest.get(iid), eid), g
        yield rec, RKG.alignmentType, Literal(al.type), g
        yield rec, RKG.score, _decimal(al.score), g
        if al.similarity is not None:
            yield rec, RKG.textSimilarity, _decimal(al.similarity), g
        for t in al.topics:
            yield rec, RKG.sharedTopic, topic_iri(t), g
        for r in al.roles:
            yield rec, RKG.sharedRole, role_iri(r), g
        if al.reference:
            yield rec, RKG.explicitReference, Literal(True), g
        yield rec, RKG.reviewStatus, Literal(al.status), g
        if al.note:
            yield rec, RKG.reviewNote, Literal(al.note, lang="en"), g


def version_quads(c: Comparison, manifest: Manifest) -> Iterator[Quad]:
    g = VERSIONS_GRAPH
    for vc in c.versions:
        old_e, new_e = manifest.get(vc.old.id), manifest.get(vc.new.id)
        old_arts = {a.num: a.eid for a in vc.old.articles()}
        new_arts = {a.num: a.eid for a in vc.new.articles()}
        dec_e = manifest.get(vc.decision.id) if vc.decision is not None else None
        renumbering = None  # the decision's paragraph that renumbers the articles (条文顺序作相应调整)
        if vc.decision is not None:
            for n in vc.decision.walk():
                if n.kind == "paragraph" and n.text.zh and "条文顺序" in n.text.zh:
                    renumbering = node_iri(dec_e, n.eid)
        for r in vc.rows:
            rec = URIRef(f"{BASE}version/{vc.old.id}--{vc.new.id}/{r.old or 'none'}--{r.new or 'none'}")
            old = node_iri(old_e, old_arts[r.old]) if r.old else None
            new = node_iri(new_e, new_arts[r.new]) if r.new else None
            yield rec, RDF.type, RKG.ArticleCorrespondence, g
            yield rec, RKG.fromVersion, instrument_iri(old_e), g
            yield rec, RKG.toVersion, instrument_iri(new_e), g
            if old is not None:
                yield rec, RKG.fromProvision, old, g
            if new is not None:
                yield rec, RKG.toProvision, new, g
            yield rec, RKG.changeStatus, Literal(r.status), g
            if r.similarity is not None:
                yield rec, RKG.similarity, _decimal(r.similarity), g
            yield rec, RKG.renumbered, Literal(r.renumbered), g
            yield rec, RKG.correspondenceSource, Literal(r.source), g
            if r.note:
                yield rec, RKG.changeNote, Literal(r.note), g
            items = [node_iri(dec_e, i) for i in r.items] if dec_e is not None else []
            for item in items:
                yield rec, RKG.amendingProvision, item, g
            if dec_e is None:
                continue  # ELI amendment terms only where an amending act exists (not for a proposal)
            # ELI: the consolidated article takes the old one and the amending items into account; the items
            # amend the old articles; the decision's renumbering clause changes the articles it only moved
            if new is not None and old is not None:
                yield new, ELI.consolidates, old, g
            for item in items:
                if new is not None:
                    yield new, ELI.consolidates, item, g
                if old is not None:
                    yield item, ELI.amends, old, g
            if r.status == "moved" and old is not None and renumbering is not None:
                yield renumbering, ELI.changes, old, g


def comparison_layer(results: dict, manifest: Manifest) -> Iterator[Quad]:
    """The layer ``regkg build`` runs: every quad of the comparison (the build sorts the output)."""
    c = compute_comparison(results, manifest)
    yield from topic_quads(c, manifest)
    yield from crosswalk_quads(c)
    yield from alignment_quads(c, manifest)
    yield from version_quads(c, manifest)
