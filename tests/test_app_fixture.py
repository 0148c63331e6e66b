"""A tiny invented build for the explorer's tests: two instruments (one with two versions) and one record of every
layer (reference, actor mention, duty, definition, penalty, topic, crosswalk, alignment, version correspondence).

The texts are invented; one carries markup and Markdown on purpose, to test that the app escapes law text.
Other test modules import :func:`make_build`; the tests here check the fixture itself.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

PREFIXES = """
@prefix rkg: <https://w3id.org/regkg/ontology#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dpv: <https://w3id.org/dpv#> .
@prefix loc: <https://w3id.org/dpv/loc#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix w: <https://w3id.org/regkg/cn/widget/2020/> .
@prefix w2: <https://w3id.org/regkg/cn/widget/2022/> .
@prefix g: <https://w3id.org/regkg/eu/gadget/2021/> .
@prefix role: <https://w3id.org/regkg/role/> .
@prefix topic: <https://w3id.org/regkg/topic/> .
"""

# Invented texts. Article 2 of the widget rules cites article 1 (前条) and the gadget act.
WIDGET_2020 = """
<https://w3id.org/regkg/graph/widget-2020> {
  <https://w3id.org/regkg/cn/widget/2020> a rkg:Instrument, rkg:DepartmentalRule, eli:LegalResource ;
    dcterms:identifier "widget-2020" ; rkg:instrumentKind "departmental rule" ; rkg:status "superseded" ;
    rkg:work "widget" ; eli:jurisdiction loc:CN ; dcterms:title "小部件服务管理规定"@zh , "Provisions on Widget Services"@en ;
    rkg:shortTitle "Widget Provisions (2020)"@en , "小部件规定"@zh ; eli:date_document "2020-03-01"^^xsd:date ;
    eli:first_date_entry_in_force "2020-05-01"^^xsd:date ; rdfs:seeAlso <https://example.org/widget-2020> ;
    eli:passed_by <https://w3id.org/regkg/agent/widget-office> ;
    eli:is_realized_by <https://w3id.org/regkg/cn/widget/2020/expression/zh>, <https://w3id.org/regkg/cn/widget/2020/expression/en> .
  <https://w3id.org/regkg/agent/widget-office> a rkg:Authority ; skos:prefLabel "Widget Office"@en , "小部件办公室"@zh .
  <https://w3id.org/regkg/cn/widget/2020/expression/zh> dcterms:language "zh" ; rkg:authoritative true ;
    rkg:expressionStatus "official" ; rkg:translator "小部件办公室" .
  <https://w3id.org/regkg/cn/widget/2020/expression/en> dcterms:language "en" ; rkg:authoritative false ;
    rkg:expressionStatus "unofficial translation — regkg" ; rkg:translator "regkg test translator" .
  w:chp_1 a rkg:Chapter ; rkg:inInstrument <https://w3id.org/regkg/cn/widget/2020> ; rkg:eId "chp_1" ; rkg:order 1 ;
    eli:is_part_of <https://w3id.org/regkg/cn/widget/2020> ; eli:number "1" ;
    rkg:label "第一章"@zh , "Chapter 1"@en ; rkg:heading "总则"@zh , "General provisions"@en .
  w:art_1 a rkg:Article ; rkg:inInstrument <https://w3id.org/regkg/cn/widget/2020> ; rkg:eId "chp_1__art_1" ; rkg:order 2 ;
    eli:is_part_of w:chp_1 ; eli:number "1" ; rkg:label "第一条"@zh , "Article 1"@en .
  w:art_1\\/para_1 a rkg:Paragraph ; rkg:inInstrument <https://w3id.org/regkg/cn/widget/2020> ; rkg:eId "chp_1__art_1__para_1" ;
    rkg:order 3 ; eli:is_part_of w:art_1 ; eli:number "1" ; rkg:label "第一条"@zh , "Article 1"@en ;
    rkg:text "小部件服务提供者应当标识小部件。"@zh , "Widget service providers shall label widgets."@en .
  w:art_2 a rkg:Article ; rkg:inInstrument <https://w3id.org/regkg/cn/widget/2020> ; rkg:eId "chp_1__art_2" ; rkg:order 4 ;
    eli:is_part_of w:chp_1 ; eli:number "2" ; rkg:label "第二条"@zh , "Article 2"@en .
  w:art_2\\/para_1 a rkg:Paragraph ; rkg:inInstrument <https://w3id.org/regkg/cn/widget/2020> ; rkg:eId "chp_1__art_2__para_1" ;
    rkg:order 5 ; eli:is_part_of w:art_2 ; eli:number "1" ; rkg:label "第二条"@zh , "Article 2"@en ;
    rkg:text "违反前条规定的，处一万元以下罚款。<script>alert(1)</script>"@zh ,
             "Whoever breaches the preceding Article is fined up to 10 000 yuan. **not bold** <b>not markup</b>"@en ;
    eli:cites w:art_1 , g:art_1 .
  w:art_2\\/para_1\\/ref_1 a rkg:Reference ; rkg:citingProvision w:art_2\\/para_1 ; rkg:citedResource w:art_1 ;
    rkg:anchorText "前条" ; rkg:referenceKind "internal" ; rkg:resolved true ; rkg:startOffset 2 ; rkg:endOffset 4 ;
    rkg:evidenceLang "zh" .
}
"""
WIDGET_2022 = """
<https://w3id.org/regkg/graph/widget-2022> {
  <https://w3id.org/regkg/cn/widget/2022> a rkg:Instrument, rkg:DepartmentalRule, eli:LegalResource ;
    dcterms:identifier "widget-2022" ; rkg:instrumentKind "departmental rule" ; rkg:status "in force" ;
    rkg:work "widget" ; eli:jurisdiction loc:CN ; dcterms:title "小部件服务管理规定（2022）"@zh , "Provisions on Widget Services (2022)"@en ;
    rkg:shortTitle "Widget Provisions (2022)"@en ; eli:date_document "2022-03-01"^^xsd:date ;
    rkg:previousVersion <https://w3id.org/regkg/cn/widget/2020> ;
    eli:is_realized_by <https://w3id.org/regkg/cn/widget/2022/expression/zh> .
  <https://w3id.org/regkg/cn/widget/2022/expression/zh> dcterms:language "zh" ; rkg:authoritative true ;
    rkg:expressionStatus "official" ; rkg:translator "小部件办公室" .
  w2:art_1 a rkg:Article ; rkg:inInstrument <https://w3id.org/regkg/cn/widget/2022> ; rkg:eId "art_1" ; rkg:order 1 ;
    eli:is_part_of <https://w3id.org/regkg/cn/widget/2022> ; eli:number "1" ; rkg:label "第一条"@zh .
  w2:art_1\\/para_1 a rkg:Paragraph ; rkg:inInstrument <https://w3id.org/regkg/cn/widget/2022> ; rkg:eId "art_1__para_1" ;
    rkg:order 2 ; eli:is_part_of w2:art_1 ; eli:number "1" ; rkg:label "第一条"@zh ;
    rkg:text "小部件服务提供者应当显著标识小部件。"@zh .
}
"""
GADGET = """
<https://w3id.org/regkg/graph/gadget-2021> {
  <https://w3id.org/regkg/eu/gadget/2021> a rkg:Instrument, rkg:Regulation, eli:LegalResource ;
    dcterms:identifier "gadget-2021" ; rkg:instrumentKind "regulation" ; rkg:status "in force" ; rkg:work "gadget" ;
    eli:jurisdiction loc:EU ; dcterms:title "Gadget Act"@en ; rkg:shortTitle "Gadget Act"@en ;
    eli:date_document "2021-06-01"^^xsd:date ;
    eli:is_realized_by <https://w3id.org/regkg/eu/gadget/2021/expression/en> .
  <https://w3id.org/regkg/eu/gadget/2021/expression/en> dcterms:language "en" ; rkg:authoritative true ;
    rkg:expressionStatus "official" ; rkg:translator "Gadget Publications Office" .
  g:art_1 a rkg:Article ; rkg:inInstrument <https://w3id.org/regkg/eu/gadget/2021> ; rkg:eId "art_1" ; rkg:order 1 ;
    eli:is_part_of <https://w3id.org/regkg/eu/gadget/2021> ; eli:number "1" ; rkg:label "Article 1"@en ;
    rkg:heading "Gadget labels"@en .
  g:art_1\\/para_1 a rkg:Paragraph ; rkg:inInstrument <https://w3id.org/regkg/eu/gadget/2021> ; rkg:eId "art_1__para_1" ;
    rkg:order 2 ; eli:is_part_of g:art_1 ; eli:number "1" ; rkg:label "Article 1"@en ;
    rkg:text "Providers shall ensure that gadgets are labelled."@en .
}
"""
# The layers in the shape of the ontology's "Extraction: …" and "Comparison: …" sections.
LAYERS = """
<https://w3id.org/regkg/graph/roles> {
  role:cn\\/widget-provider a rkg:Role , skos:Concept ; skos:notation "cn:widget-provider" ; rkg:roleKind "role" ;
    dcterms:spatial loc:CN ; skos:prefLabel "widget service provider"@en , "小部件服务提供者"@zh .
  role:eu\\/provider a rkg:Role , skos:Concept ; skos:notation "eu:provider" ; rkg:roleKind "role" ;
    dcterms:spatial loc:EU ; skos:prefLabel "provider"@en .
}
<https://w3id.org/regkg/graph/widget-2020> {
  w:art_1\\/para_1 rkg:mentions role:cn\\/widget-provider .
  w:art_1\\/para_1\\/duty_zh_1 a rkg:Duty , dpv:Obligation ; rkg:inProvision w:art_1\\/para_1 ; rkg:modality "obligation" ;
    dpv:hasResponsibleEntity role:cn\\/widget-provider ; rkg:action "标识小部件"@zh ; rkg:marker "应当"@zh ;
    rkg:evidenceText "应当标识小部件"@zh ; rkg:startOffset 8 ; rkg:endOffset 15 ; rkg:evidenceLang "zh" ;
    rkg:reviewStatus "extracted" .
  w:art_1\\/para_1\\/term_1 a rkg:DefinedTerm , skos:Concept ; skos:prefLabel "小部件"@zh , "widget"@en ;
    skos:definition "An invented thing used in tests."@en ; rkg:definedIn w:art_1\\/para_1 ; rkg:usedIn w:art_2\\/para_1 .
  w:art_2\\/para_1\\/penalty_zh_1 a rkg:Penalty ; rkg:inProvision w:art_2\\/para_1 ; rkg:penalises w:art_1 ;
    rkg:sanctionType <https://w3id.org/regkg/sanction/fine> ; rkg:amountMax 10000 ; rkg:currency "CNY" ;
    rkg:evidenceLang "zh" .
}
<https://w3id.org/regkg/graph/sanctions> {
  <https://w3id.org/regkg/sanction/fine> a rkg:SanctionType ; skos:prefLabel "fine"@en , "罚款"@zh .
}
<https://w3id.org/regkg/graph/gadget-2021> {
  g:art_1\\/para_1 rkg:mentions role:eu\\/provider .
  g:art_1\\/para_1\\/duty_en_1 a rkg:Duty , dpv:Obligation ; rkg:inProvision g:art_1\\/para_1 ; rkg:modality "obligation" ;
    dpv:hasResponsibleEntity role:eu\\/provider ; rkg:action "ensure that gadgets are labelled"@en ; rkg:evidenceLang "en" .
}
<https://w3id.org/regkg/graph/topics> {
  topic:labelling a rkg:Topic , skos:Concept ; skos:prefLabel "labelling"@en , "标识"@zh ; skos:scopeNote "Marking content."@en .
  w:art_1 rkg:hasTopic topic:labelling .
  w:art_1\\/para_1 rkg:hasTopic topic:labelling .
  g:art_1 rkg:hasTopic topic:labelling .
  w:art_1\\/topic\\/labelling a rkg:TopicAssignment ; rkg:assignedProvision w:art_1 ; rkg:assignedTopic topic:labelling ;
    rkg:confidence 0.9 .
}
<https://w3id.org/regkg/graph/crosswalk> {
  role:xj\\/service-provider a rkg:CrossJurisdictionRole , skos:Concept ; skos:prefLabel "service provider"@en ;
    skos:notation "xj:service-provider" .
  role:cn\\/widget-provider skos:closeMatch role:xj\\/service-provider .
  role:eu\\/provider skos:closeMatch role:xj\\/service-provider .
  <https://w3id.org/regkg/crosswalk/m1> a rkg:RoleMapping ; rkg:mappedRole role:cn\\/widget-provider ;
    rkg:mappingTarget role:xj\\/service-provider ; rkg:mappingRelation skos:closeMatch ;
    rkg:mappingNote "Both offer the service to users."@en .
  <https://w3id.org/regkg/crosswalk/m2> a rkg:RoleMapping ; rkg:mappedRole role:eu\\/provider ;
    rkg:mappingTarget role:xj\\/service-provider ; rkg:mappingRelation skos:closeMatch ;
    rkg:mappingNote "The provider places the gadget on the market."@en .
}
<https://w3id.org/regkg/graph/alignments> {
  <https://w3id.org/regkg/alignment/a1> a rkg:ProvisionAlignment ; rkg:alignmentType "similar" ; rkg:score 0.8 ;
    rkg:textSimilarity 0.4 ; rkg:reviewStatus "confirmed" ; rkg:reviewNote "Both require labels."@en ;
    rkg:alignedProvision w:art_1 , g:art_1 ; rkg:sharedTopic topic:labelling ; rkg:sharedRole role:xj\\/service-provider .
}
<https://w3id.org/regkg/graph/versions> {
  <https://w3id.org/regkg/version/c1> a rkg:ArticleCorrespondence ; rkg:fromProvision w:art_1 ; rkg:toProvision w2:art_1 ;
    rkg:fromVersion <https://w3id.org/regkg/cn/widget/2020> ; rkg:toVersion <https://w3id.org/regkg/cn/widget/2022> ;
    rkg:changeStatus "amended" ; rkg:similarity 0.9 ; rkg:renumbered false ; rkg:correspondenceSource "order" .
  <https://w3id.org/regkg/version/c2> a rkg:ArticleCorrespondence ; rkg:fromProvision w:art_2 ;
    rkg:fromVersion <https://w3id.org/regkg/cn/widget/2020> ; rkg:toVersion <https://w3id.org/regkg/cn/widget/2022> ;
    rkg:changeStatus "deleted" .
}
"""


def make_build(folder: Path, layers: bool = True) -> Path:
    """Write a build folder (store/, graph.nq) of the invented instruments; with ``layers`` every layer too."""
    folder.mkdir(parents=True, exist_ok=True)
    trig = PREFIXES + WIDGET_2020 + WIDGET_2022 + GADGET + (LAYERS if layers else "")
    quads = list(ox.parse(trig.encode("utf-8"), format=ox.RdfFormat.TRIG))
    (folder / "graph.nq").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    store = ox.Store(str(folder / "store"))
    store.extend(quads)
    store.flush()
    del store
    return folder


def test_fixture_build_opens(tmp_path):
    from regkg.api import Explorer

    ex = Explorer(make_build(tmp_path / "b"))
    assert {d["id"] for d in ex.instruments()} == {"widget-2020", "widget-2022", "gadget-2021"}
    assert all(v["built"] for v in ex.layers().values()), ex.layers()


def test_fixture_without_layers(tmp_path):
    from regkg.api import Explorer

    ex = Explorer(make_build(tmp_path / "b", layers=False))
    built = {k for k, v in ex.layers().items() if v["built"]}
    assert built == {"references"}  # the invented texts carry their eli:cites; nothing else
