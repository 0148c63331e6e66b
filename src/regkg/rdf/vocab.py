"""regkg's own vocabulary. Generated from ontology/regkg.ttl by ``python -m regkg.rdf.gen_vocab``;
do not edit by hand (a test checks that it matches the ontology)."""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace


class RKG(DefinedNamespace):
    _NS = Namespace("https://w3id.org/regkg/ontology#")
    _fail = True
    AmendmentDecision: URIRef
    Annex: URIRef
    Article: URIRef
    Authority: URIRef
    BuildActivity: URIRef
    Chapter: URIRef
    DepartmentalRule: URIRef
    Instrument: URIRef
    Item: URIRef
    Law: URIRef
    Paragraph: URIRef
    Part: URIRef
    Point: URIRef
    Preamble: URIRef
    Proposal: URIRef
    Recital: URIRef
    Regulation: URIRef
    Section: URIRef
    SourceFile: URIRef
    StubInstrument: URIRef
    Subdivision: URIRef
    Subpoint: URIRef
    Subsection: URIRef
    Title: URIRef
    authoritative: URIRef
    eId: URIRef
    expressionStatus: URIRef
    heading: URIRef
    inInstrument: URIRef
    inferred: URIRef
    instrumentKind: URIRef
    label: URIRef
    officialNumber: URIRef
    order: URIRef
    previousVersion: URIRef
    reader: URIRef
    sha256: URIRef
    shortTitle: URIRef
    softwareVersion: URIRef
    sourceRole: URIRef
    status: URIRef
    text: URIRef
    translator: URIRef
    work: URIRef
    wrapUp: URIRef
