"""The glossary in the graph: a SKOS concept scheme of regkg's zh → en terms (corpus/glossary.yaml).

Researchers can query the renderings regkg uses (and the alternatives others use), and the explorer uses them for
term tooltips. Term IRIs are stable: ``https://w3id.org/regkg/glossary/<slug of the English rendering>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rdflib import Literal, URIRef

from ..glossary import default_glossary
from .builder import BASE, GRAPH_BASE
from .namespaces import DCTERMS, RDF, RKG, SKOS

SCHEME = URIRef(BASE + "glossary")
GRAPH = URIRef(GRAPH_BASE + "glossary")


def term_iris(terms) -> dict[str, URIRef]:
    """zh term -> IRI, from the English slug; a clash gets the next free numeric suffix, in file order."""
    out: dict[str, URIRef] = {}
    used: set[str] = set()
    for t in terms:
        slug = re.sub(r"[^a-z0-9]+", "-", t.en.lower()).strip("-") or "term"
        candidate, n = slug, 2
        while candidate in used:
            candidate, n = f"{slug}-{n}", n + 1
        used.add(candidate)
        out[t.zh] = URIRef(f"{SCHEME}/{candidate}")
    return out


def glossary_layer(results=None, manifest=None) -> Iterator[tuple]:
    g = default_glossary()
    yield SCHEME, RDF.type, SKOS.ConceptScheme, GRAPH
    yield SCHEME, SKOS.prefLabel, Literal("regkg glossary", lang="en"), GRAPH
    yield SCHEME, SKOS.prefLabel, Literal("regkg 术语表", lang="zh"), GRAPH
    yield SCHEME, DCTERMS.hasVersion, Literal(str(g.version)), GRAPH
    iris = term_iris(g.terms)
    for t in g.terms:
        s = iris[t.zh]
        yield s, RDF.type, SKOS.Concept, GRAPH
        yield s, RDF.type, RKG.GlossaryTerm, GRAPH
        yield s, SKOS.inScheme, SCHEME, GRAPH
        yield s, SKOS.prefLabel, Literal(t.zh, lang="zh"), GRAPH
        yield s, SKOS.prefLabel, Literal(t.en, lang="en"), GRAPH
        for alt in t.alt_en:
            yield s, SKOS.altLabel, Literal(alt, lang="en"), GRAPH
        if t.note:
            yield s, SKOS.scopeNote, Literal(t.note, lang="en"), GRAPH
        yield s, RKG.termCategory, Literal(t.category), GRAPH
