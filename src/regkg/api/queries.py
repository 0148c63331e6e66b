"""The SPARQL of the API: the layer counts and one template per question (values enter as substitutions)."""

from __future__ import annotations

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


# --------------------------------------------------------------------------------- instruments and their text

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
Q_BASED_ON = """
SELECT DISTINCT ?id ?target ?target_id ?target_title WHERE {
  ?x eli:based_on ?target .
  { ?x a rkg:Instrument ; dcterms:identifier ?id } UNION { ?x rkg:inInstrument/dcterms:identifier ?id }
  OPTIONAL { ?target dcterms:identifier ?target_id }
  OPTIONAL { ?target dcterms:title ?target_title FILTER(LANG(?target_title) IN ("en", "")) }
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
# ---------------------------------------------------------------------------------------------- references

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
# ------------------------------------------------------------------------------------------ extraction layers

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

# ------------------------------------------------------------------------------------------ comparison layers

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

# --------------------------------------------------------------------------------- search, network, citations

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
