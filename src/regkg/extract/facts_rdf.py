"""The facts as RDF quads: the role and sanction schemes, and per instrument its duties, mentions, defined
terms and penalties. IRIs are minted from the provision's IRI and a stable suffix (``<node>/duty_zh_2``,
``<node>/penalty_en_1``, ``<node>/term_3``), so the same corpus gives the same quads; no blank nodes.

* roles: ``https://w3id.org/regkg/role/cn/genai-service-provider`` (:func:`regkg.extract.roles.role_iri`),
  skos:Concept + rkg:Role in the scheme <https://w3id.org/regkg/roles>, graph <…/graph/roles>;
* sanction types: ``https://w3id.org/regkg/sanction/fine`` in <https://w3id.org/regkg/sanctions>, graph
  <…/graph/sanctions>;
* duties, penalties, mentions (rkg:mentions from provision to role) and defined terms (in the scheme
  ``<instrument>/terms``) in the instrument's own graph.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef

from ..rdf.builder import GRAPH_BASE, graph_iri, instrument_iri, node_iri
from ..rdf.namespaces import AIRO, DCTERMS, DPV, EUAIACT, LOC, RDF, RKG, SKOS, TECH, XSD
from ..sources import Manifest
from .model import Definition, Duty, Evidence, Extraction, Penalty
from .penalties import sanction_scheme
from .roles import ROLE_SCHEME, load_roles, role_iri

ROLES_GRAPH = URIRef(GRAPH_BASE + "roles")
SANCTIONS_GRAPH = URIRef(GRAPH_BASE + "sanctions")
SANCTION_SCHEME = URIRef("https://w3id.org/regkg/sanctions")
SANCTION_BASE = "https://w3id.org/regkg/sanction/"
MODALITY_CLASS = {
    "obligation": DPV.Obligation,
    "prohibition": DPV.Prohibition,
    "permission": DPV.Permission,
    "encouragement": DPV.Recommendation,
}
_VOCABULARIES = {"dpv": DPV, "tech": TECH, "airo": AIRO, "eu-aiact": EUAIACT}
_JURISDICTION = {"CN": LOC.CN, "EU": LOC.EU}

Quad = tuple


def vocabulary_term(name: str) -> URIRef:
    """``airo:AIProvider`` -> its IRI, through the closed namespaces (a typo is an error, never a new IRI)."""
    prefix, _, local = name.partition(":")
    if prefix not in _VOCABULARIES:
        raise ValueError(f"roles.yaml: unknown vocabulary prefix in {name!r}")
    return getattr(_VOCABULARIES[prefix], local)


def sanction_iri(sanction: str) -> URIRef:
    return URIRef(SANCTION_BASE + sanction)


def _decimal(x: float) -> Literal:
    value = Decimal(int(x)) if float(x).is_integer() else Decimal(str(x))
    return Literal(value, datatype=XSD.decimal)


def role_quads(mention_counts: Counter) -> Iterator[Quad]:
    """The role vocabulary as a SKOS concept scheme, with its mappings to DPV / AIRO / DPV EU AI Act terms."""
    vocab = load_roles()
    g, scheme = ROLES_GRAPH, URIRef(ROLE_SCHEME)
    yield scheme, RDF.type, SKOS.ConceptScheme, g
    yield scheme, DCTERMS.title, Literal("regkg roles and authorities", lang="en"), g
    yield scheme, DCTERMS.title, Literal("regkg 角色与主管机关", lang="zh"), g
    for r in vocab.roles:
        s = URIRef(role_iri(r.id))
        yield s, RDF.type, SKOS.Concept, g
        yield s, RDF.type, RKG.Role, g
        yield s, SKOS.inScheme, scheme, g
        yield scheme, SKOS.hasTopConcept, s, g
        yield s, SKOS.notation, Literal(r.id), g
        for lang in ("zh", "en"):
            yield s, SKOS.prefLabel, Literal(r.labels[lang], lang=lang), g
        yield s, RKG.roleKind, Literal(r.kind), g
        yield s, DCTERMS.spatial, _JURISDICTION[r.jurisdiction], g
        if note := vocab.notes.get(r.id):
            yield s, SKOS.scopeNote, Literal(note, lang="en"), g
        for relation, targets in vocab.matches.get(r.id, {}).items():
            for t in targets:
                yield s, SKOS[relation], vocabulary_term(t), g
        yield s, RKG.mentionCount, Literal(mention_counts.get(r.id, 0), datatype=XSD.integer), g


def sanction_quads() -> Iterator[Quad]:
    g = SANCTIONS_GRAPH
    yield SANCTION_SCHEME, RDF.type, SKOS.ConceptScheme, g
    yield SANCTION_SCHEME, DCTERMS.title, Literal("regkg sanction types", lang="en"), g
    yield SANCTION_SCHEME, DCTERMS.title, Literal("regkg 处罚种类", lang="zh"), g
    for sanction in sanction_scheme():
        s = sanction_iri(sanction["id"])
        yield s, RDF.type, SKOS.Concept, g
        yield s, RDF.type, RKG.SanctionType, g
        yield s, SKOS.inScheme, SANCTION_SCHEME, g
        yield s, SKOS.notation, Literal(sanction["id"]), g
        for lang in ("zh", "en"):
            yield s, SKOS.prefLabel, Literal(sanction["labels"][lang], lang=lang), g
        if sanction.get("broader"):
            yield s, SKOS.broader, sanction_iri(sanction["broader"]), g
        else:
            yield SANCTION_SCHEME, SKOS.hasTopConcept, s, g


def _evidence(s: URIRef, ev: Evidence, g: URIRef) -> Iterator[Quad]:
    yield s, RKG.evidenceText, Literal(ev.text, lang=ev.lang), g
    yield s, RKG.evidenceLang, Literal(ev.lang), g
    yield s, RKG.startOffset, Literal(ev.start, datatype=XSD.integer), g
    yield s, RKG.endOffset, Literal(ev.end, datatype=XSD.integer), g
    yield s, RKG.reviewStatus, Literal(ev.status), g
    if ev.rule:
        yield s, RKG.extractionRule, Literal(ev.rule), g


def duty_quads(duties: list[Duty], entry, g: URIRef) -> Iterator[Quad]:
    counter: Counter = Counter()
    for d in duties:
        ev = d.evidence
        counter[(ev.eid, ev.lang)] += 1
        node = node_iri(entry, ev.eid)
        s = URIRef(f"{node}/duty_{ev.lang}_{counter[(ev.eid, ev.lang)]}")
        yield s, RDF.type, RKG.Duty, g
        yield s, RDF.type, MODALITY_CLASS[d.modality], g
        yield s, RKG.modality, Literal(d.modality), g
        yield s, RKG.inProvision, node, g
        yield s, RKG.bearerSource, Literal(d.bearer_source), g
        for bearer in (d.bearer, *d.co_bearers):
            if bearer:
                yield s, DPV.hasResponsibleEntity, URIRef(role_iri(bearer)), g
        yield s, RKG.action, Literal(d.action, lang=ev.lang), g
        if d.marker:
            yield s, RKG.marker, Literal(d.marker, lang=ev.lang), g
        for c in d.conditions:
            yield s, RKG.condition, Literal(c, lang=ev.lang), g
        for x in d.exceptions:
            yield s, RKG.exception, Literal(x, lang=ev.lang), g
        yield from _evidence(s, ev, g)


def penalty_quads(penalties: list[Penalty], entry, g: URIRef) -> Iterator[Quad]:
    counter: Counter = Counter()
    for p in penalties:
        ev = p.evidence
        counter[(ev.eid, ev.lang)] += 1
        node = node_iri(entry, ev.eid)
        s = URIRef(f"{node}/penalty_{ev.lang}_{counter[(ev.eid, ev.lang)]}")
        yield s, RDF.type, RKG.Penalty, g
        yield s, RKG.inProvision, node, g
        for sanction in p.sanctions:
            yield s, RKG.sanctionType, sanction_iri(sanction), g
        if p.amount_min is not None:
            yield s, RKG.amountMin, _decimal(p.amount_min), g
        if p.amount_max is not None:
            yield s, RKG.amountMax, _decimal(p.amount_max), g
        if p.currency:
            yield s, RKG.currency, Literal(p.currency), g
        if p.turnover_percent is not None:
            yield s, RKG.turnoverPercent, _decimal(p.turnover_percent), g
        if p.amount_basis:
            yield s, RKG.amountBasis, Literal(p.amount_basis), g
        if p.bearer:
            yield s, DPV.hasResponsibleEntity, URIRef(role_iri(p.bearer)), g
        for eid in p.sanctioned:
            yield s, RKG.penalises, node_iri(entry, eid), g
        yield from _evidence(s, ev, g)


def definition_quads(definitions: list[Definition], inst_label: dict, entry, g: URIRef) -> Iterator[Quad]:
    """Defined terms as SKOS concepts; a provision's k-th definition in zh and in en is one concept."""
    if not definitions:
        return
    scheme = URIRef(f"{instrument_iri(entry)}/terms")
    yield scheme, RDF.type, SKOS.ConceptScheme, g
    yield scheme, DCTERMS.subject, instrument_iri(entry), g
    for lang, title in inst_label.items():
        if title:
            prefix = "Defined terms of " if lang == "en" else "术语："
            yield scheme, DCTERMS.title, Literal(prefix + title, lang=lang), g
    # a provision's k-th definition in zh and in en is one concept; names given in passing ((‘deep fake’),
    # （以下简称…）) are counted apart, so that they never pair with a definition of the other language
    by_node: dict[tuple[str, str, str], list[Definition]] = defaultdict(list)
    for d in definitions:
        kind = "name" if "inline" in d.evidence.rule else "term"
        by_node[(d.evidence.eid, d.lang, kind)].append(d)
    for (eid, _lang, kind), items in by_node.items():
        node = node_iri(entry, eid)
        for k, d in enumerate(items, 1):
            s = URIRef(f"{node}/{kind}_{k}")
            yield s, RDF.type, SKOS.Concept, g
            yield s, RDF.type, RKG.DefinedTerm, g
            yield s, SKOS.inScheme, scheme, g
            yield s, SKOS.prefLabel, Literal(d.term, lang=d.lang), g
            if d.definition:
                yield s, SKOS.definition, Literal(d.definition, lang=d.lang), g
            yield s, RKG.definedIn, node, g
            for used in d.used_in:
                yield s, RKG.usedIn, node_iri(entry, used), g
            ev = d.evidence
            yield s, RKG.evidenceText, Literal(ev.text, lang=ev.lang), g
            yield s, RKG.reviewStatus, Literal(ev.status), g


def facts_quads(facts: dict[str, Extraction], results: dict, manifest: Manifest) -> Iterator[Quad]:
    """Every quad of the facts layer, in a deterministic order."""
    mention_counts: Counter = Counter()
    for ex in facts.values():
        mention_counts.update(m.role for m in ex.actors)
    yield from role_quads(mention_counts)
    yield from sanction_quads()
    for iid in sorted(facts):
        ex = facts[iid]
        entry = manifest.get(iid)
        g = graph_iri(iid)
        seen = set()
        for m in ex.actors:
            key = (m.evidence.eid, m.role)
            if key not in seen:
                seen.add(key)
                yield node_iri(entry, m.evidence.eid), RKG.mentions, URIRef(role_iri(m.role)), g
        yield from duty_quads(ex.duties, entry, g)
        yield from penalty_quads(ex.penalties, entry, g)
        title = results[iid].instrument.title
        yield from definition_quads(ex.definitions, {"zh": title.zh, "en": title.en}, entry, g)
