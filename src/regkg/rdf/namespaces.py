"""Namespaces of the vocabularies regkg reuses, as closed ``DefinedNamespace`` classes.

Only the terms regkg uses are listed, so a typo is an AttributeError, never a silent new IRI. regkg's own
vocabulary (``RKG``) is generated from ``ontology/regkg.ttl`` into :mod:`regkg.rdf.vocab`.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from .vocab import RKG

__all__ = [
    "AIRO",
    "DCTERMS",
    "DPV",
    "ELI",
    "ELI_DL",
    "EUAIACT",
    "LANG",
    "LOC",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "RKG",
    "SKOS",
    "TECH",
    "XSD",
    "BIND",
]


class ELI(DefinedNamespace):
    """European Legislation Identifier ontology."""

    _NS = Namespace("http://data.europa.eu/eli/ontology#")
    _fail = True
    LegalResource: URIRef
    LegalResourceSubdivision: URIRef
    LegalExpression: URIRef
    is_part_of: URIRef
    has_part: URIRef
    number: URIRef
    title: URIRef
    language: URIRef
    date_document: URIRef
    date_publication: URIRef
    first_date_entry_in_force: URIRef
    in_force: URIRef
    passed_by: URIRef
    jurisdiction: URIRef
    cites: URIRef
    cited_by: URIRef
    based_on: URIRef
    basis_for: URIRef
    amends: URIRef
    amended_by: URIRef
    changes: URIRef
    consolidates: URIRef
    is_realized_by: URIRef
    realizes: URIRef
    id_local: URIRef
    type_document: URIRef
    _extras = ["InForce-inForce", "InForce-notInForce"]


class ELI_DL(DefinedNamespace):  # noqa: N801 - the prefix's own spelling
    """ELI extension for draft legislation."""

    _NS = Namespace("http://data.europa.eu/eli/eli-draft-legislation-ontology#")
    _fail = True
    ProposedLegalResource: URIRef


class DPV(DefinedNamespace):
    """Data Privacy Vocabulary (core)."""

    _NS = Namespace("https://w3id.org/dpv#")
    _fail = True
    Obligation: URIRef
    Prohibition: URIRef
    Permission: URIRef
    Recommendation: URIRef
    Authority: URIRef
    hasResponsibleEntity: URIRef
    DataController: URIRef
    DataProcessor: URIRef
    DataSubject: URIRef
    # entities used by the actor crosswalk (DPV 2.0 entities modules)
    ServiceProvider: URIRef
    Recipient: URIRef
    User: URIRef
    Child: URIRef
    ElderlyDataSubject: URIRef
    Employee: URIRef
    Consumer: URIRef
    GuardianOfDataSubject: URIRef
    DataProtectionOfficer: URIRef
    DataProtectionAuthority: URIRef
    NationalAuthority: URIRef
    SupraNationalAuthority: URIRef


class LOC(DefinedNamespace):
    """DPV locations."""

    _NS = Namespace("https://w3id.org/dpv/loc#")
    _fail = True
    CN: URIRef
    EU: URIRef


class TECH(DefinedNamespace):
    """DPV technology extension."""

    _NS = Namespace("https://w3id.org/dpv/tech#")
    _fail = True
    Provider: URIRef
    Developer: URIRef
    Deployer: URIRef
    User: URIRef
    Subject: URIRef


class EUAIACT(DefinedNamespace):
    """DPV extension for the EU AI Act."""

    _NS = Namespace("https://w3id.org/dpv/legal/eu/aiact#")
    _fail = True
    AIProvider: URIRef
    AIDeployer: URIRef
    AIImporter: URIRef
    AIDistributor: URIRef
    AIAuthorisedRepresentative: URIRef
    NotifiedBody: URIRef
    NationalCompetentAuthority: URIRef
    # DPV 2.x legal/eu/aiact roles module (used by the actor crosswalk)
    AuthorisedRepresentative: URIRef
    AIOperator: URIRef
    AIProductManufacturer: URIRef
    AIOffice: URIRef
    DownstreamAIProvider: URIRef
    ConformityAssessmentBody: URIRef
    NotifyingAuthority: URIRef
    MarketSurveillanceAuthority: URIRef


class AIRO(DefinedNamespace):
    """AI Risk Ontology."""

    _NS = Namespace("https://w3id.org/airo#")
    _fail = True
    AIProvider: URIRef
    AIDeployer: URIRef
    AIUser: URIRef
    AISubject: URIRef
    AIDeveloper: URIRef
    AIOperator: URIRef


LANG = Namespace("http://publications.europa.eu/resource/authority/language/")
LANG_IRI = {"zh": LANG.ZHO, "en": LANG.ENG}


def BIND(graph) -> None:  # noqa: N802 - reads like a declaration
    """Bind the usual prefixes on a graph or dataset."""
    for prefix, ns in (
        ("rkg", RKG._NS),
        ("eli", ELI._NS),
        ("eli-dl", ELI_DL._NS),
        ("dcterms", DCTERMS._NS),
        ("skos", SKOS._NS),
        ("prov", PROV._NS),
        ("dpv", DPV._NS),
        ("loc", LOC._NS),
        ("tech", TECH._NS),
        ("eu-aiact", EUAIACT._NS),
        ("airo", AIRO._NS),
        ("owl", OWL._NS),
        ("rdfs", RDFS._NS),
        ("xsd", XSD._NS),
        ("rdf", RDF._NS),
    ):
        graph.bind(prefix, ns, override=True)
