"""The extractor and its graph layer on invented instruments: targets, versions as of the citing date, stubs,
amendment decisions, text inserted into other acts, and the RDF it writes (no blank nodes, cites from the
authoritative text only)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from rdflib import BNode, Literal, URIRef

from regkg import eid as eids
from regkg.extract.ref_aliases import load_aliases
from regkg.extract.ref_grammar import Step
from regkg.extract.ref_targets import TargetError, TreeIndex, walk
from regkg.extract.references import extract_references, references_layer
from regkg.model import Expression, Instrument, Node, Texts
from regkg.rdf.namespaces import ELI, RKG
from regkg.sources import InstrumentEntry, Manifest

# -- invented corpus --------------------------------------------------------------------------------------------


def entry(iid: str, juris: str, work: str, date: str, **kw) -> InstrumentEntry:
    base = dict(
        id=iid,
        title_zh=kw.pop("title_zh", None),
        title_en=kw.pop("title_en", iid),
        short_en=iid,
        short_zh=iid,
        jurisdiction=juris,
        kind=kw.pop("kind", "law"),
        work=work,
        iri_path=f"test/{iid}",
        status=kw.pop("status", "in force"),
        issuing_bodies=(),
        official_url="https://example.org/" + iid,
        files=(),
        promulgated=date,
    )
    return InstrumentEntry(**base, **kw)


def para(num: str, zh: str | None = None, en: str | None = None, points=()) -> Node:
    return Node("paragraph", num, text=Texts(zh=zh, en=en), children=tuple(points))


def point(num: str, zh: str | None = None, en: str | None = None) -> Node:
    return Node("point", num, text=Texts(zh=zh, en=en))


def art(num: str, *paras: Node) -> Node:
    return Node("article", num, children=paras)


def instrument(iid: str, juris: str, body: tuple[Node, ...], langs=("zh",)) -> SimpleNamespace:
    exprs = tuple(Expression(lang, i == 0, "test", "official", ()) for i, lang in enumerate(langs))
    inst = Instrument(iid, Texts(en=iid), juris, "law", eids.assign(body), exprs)
    return SimpleNamespace(instrument=inst)


WIDGET_BODY = (
    art("1", para("1", "示例条文。")),
    art("2", para("1", "示例条文。"), para("2", "示例条文。")),
    art("3", para("1", "示例条文。", points=[point("1", "示例。"), point("2", "示例。")])),
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Two versions of an invented law, two rules citing it (2015 and 2022), an amendment decision and an EU act."""
    manifest = Manifest(
        Path("invented.toml"),
        (
            entry(
                "widget-law-2010",
                "CN",
                "widget-law",
                "2010-01-01",
                effective="2010-06-01",
                valid_until="2019-12-31",
                status="superseded",
            ),
            entry(
                "widget-law-2020",
                "CN",
                "widget-law",
                "2020-01-01",
                effective="2020-06-01",
                amended_by="widget-amendment-2020",
                previous_version="widget-law-2010",
            ),
            entry("widget-amendment-2020", "CN", "widget-amendment", "2020-01-01", amends="widget-law-2010"),
            entry("gadget-rules-2015", "CN", "gadget-rules", "2015-03-01", kind="departmental rule"),
            entry("gadget-rules-2022", "CN", "gadget-rules", "2022-03-01", kind="departmental rule"),
            entry("gizmo-act-2019", "EU", "gizmo-act", "2019-05-01", kind="regulation"),
        ),
    )
    path = tmp_path_factory.mktemp("aliases") / "aliases.yaml"
    path.write_text(
        """
works:
  widget-law:
    titles: [中华人民共和国小部件法]
    aliases: [小部件法]
    versions: [widget-law-2010, widget-law-2020]
instruments:
  gadget-rules-2015: {self: [本规定], self_en: [these Provisions]}
external:
  - {id: cn-sprocket-measures, jurisdiction: CN, zh: 链轮管理办法}
""",
        encoding="utf-8",
    )
    aliases = load_aliases(path, manifest)
    rules_body = (
        art(
            "1",
            para(
                "1",
                "为了示范，根据《中华人民共和国小部件法》《链轮管理办法》，制定本规定。",
                "These Provisions rest on the Widget Law.",
            ),
        ),
        art(
            "2",
            para("1", "示例义务。", "An invented duty."),
            para(
                "2",
                "违反前款规定的，依照《中华人民共和国小部件法》第三条第一款第二项处理。",
                "Anyone violating the preceding paragraph is dealt with.",
            ),
        ),
        art("3", para("1", "违反本规定第二条第一款、第二款，或者第九十九条的，依照《某某示范条例》处理。")),
    )
    results = {
        "widget-law-2010": instrument("widget-law-2010", "CN", WIDGET_BODY),
        "widget-law-2020": instrument("widget-law-2020", "CN", WIDGET_BODY),
        "gadget-rules-2015": instrument("gadget-rules-2015", "CN", rules_body, ("zh", "en")),
        "gadget-rules-2022": instrument("gadget-rules-2022", "CN", rules_body[1:2]),
        "widget-amendment-2020": instrument(
            "widget-amendment-2020",
            "CN",
            (
                Node("item", "1", text=Texts(zh="将第二条改为第三条，删去第二款。")),
                Node(
                    "item",
                    "2",
                    text=Texts(
                        zh="增加一条，作为第二条：“示例新条文。\n“有前款情形的，依照本法第一条处理。”"
                    ),
                ),
            ),
        ),
        "gizmo-act-2019": instrument(
            "gizmo-act-2019",
            "EU",
            (
                art(
                    "1",
                    para("1", en="The requirements in Article 2(2) and point (b) of Article 3(1) apply."),
                    para(
                        "2",
                        en="In Article 7 of Directive 2001/95/EC, insert:\n‘4. As set out in paragraph 1 of that Article.’",
                    ),
                ),
                art(
                    "2",
                    para("1", en="Invented."),
                    para("2", en="Invented, except as provided in paragraph 1."),
                ),
                art("3", para("1", en="Invented:", points=[point("a", en="one;"), point("b", en="two.")])),
            ),
            ("en",),
        ),
    }
    for iid in results:
        results[iid].instrument.meta["entry"] = manifest.get(iid)
    found = extract_references(results, manifest, aliases)
    return SimpleNamespace(manifest=manifest, aliases=aliases, results=results, found=found)


def targets(found, iid: str, eid_suffix: str, lang: str = "zh"):
    return [
        (r.anchor, r.target_instrument, r.target_eid, r.target_external, r.relation, r.resolved)
        for r in found[iid]
        if r.evidence.eid.endswith(eid_suffix) and r.evidence.lang == lang
    ]


# -- resolution -------------------------------------------------------------------------------------------------


def test_basis_titles_resolve_as_of_the_citing_date(corpus):
    found = targets(corpus.found, "gadget-rules-2015", "art_1__para_1")
    assert ("《中华人民共和国小部件法》", "widget-law-2010", None, None, "based_on", True) in found
    assert ("《链轮管理办法》", None, None, "cn-sprocket-measures", "based_on", True) in found


def test_same_title_cited_later_means_the_later_version(corpus):
    found = targets(corpus.found, "gadget-rules-2022", "art_2__para_2")
    assert (
        "《中华人民共和国小部件法》第三条第一款第二项",
        "widget-law-2020",
        "art_3__para_1__point_2",
        None,
        "cites",
        True,
    ) in found


def test_previous_paragraph_and_a_node_of_another_instrument(corpus):
    found = targets(corpus.found, "gadget-rules-2015", "art_2__para_2")
    assert found[0] == ("前款", "gadget-rules-2015", "art_2__para_1", None, "cites", True)
    assert found[1][1:3] == ("widget-law-2010", "art_3__para_1__point_2")
    [ref] = [r for r in corpus.found["gadget-rules-2015"] if r.anchor == "前款"]
    assert ref.kind == "internal" and ref.evidence.text == "前款"
    assert ref.evidence.start == corpus.results["gadget-rules-2015"].instrument.find(
        ref.evidence.eid
    ).text.zh.index("前款")


def test_translation_evidence_is_kept_per_language(corpus):
    assert targets(corpus.found, "gadget-rules-2015", "art_2__para_2", "en") == [
        ("the preceding paragraph", "gadget-rules-2015", "art_2__para_1", None, "cites", True)
    ]


def test_unresolvable_targets_say_why(corpus):
    found = {
        r.anchor: r for r in corpus.found["gadget-rules-2015"] if r.evidence.eid.endswith("art_3__para_1")
    }
    assert found["第二款"].target_eid == "art_2__para_2"  # shares the article of 本规定第二条第一款
    assert not found["第九十九条"].resolved and "no article 99" in found["第九十九条"].note
    unknown = found["《某某示范条例》"]
    assert (
        not unknown.resolved
        and unknown.target_external.startswith("cn-title-")
        and unknown.target_title == "某某示范条例"
    )


def test_amendment_decision_cites_old_and_new_text(corpus):
    found = targets(corpus.found, "widget-amendment-2020", "item_1")
    assert [t[:3] for t in found] == [
        ("第二条", "widget-law-2010", "art_2"),
        ("第三条", "widget-law-2020", "art_3"),
        ("第二款", "widget-law-2010", "art_2__para_2"),  # 删去第二款: of the article being amended
    ]
    inserted = targets(corpus.found, "widget-amendment-2020", "item_2")
    assert [t[:3] for t in inserted] == [
        ("第二条", "widget-law-2020", "art_2"),
        ("前款", "widget-law-2020", "art_2__para_1"),  # the quoted text speaks from the new article 2
        ("本法第一条", "widget-law-2020", "art_1"),
    ]


def test_eu_act_references_and_inserted_text(corpus):
    found = targets(corpus.found, "gizmo-act-2019", "art_1__para_1", "en")
    assert [t[1:3] for t in found] == [
        ("gizmo-act-2019", "art_2__para_2"),
        ("gizmo-act-2019", "art_3__para_1__point_b"),
    ]
    inserted = targets(corpus.found, "gizmo-act-2019", "art_1__para_2", "en")
    assert [t[0] for t in inserted] == ["Article 7 of Directive 2001/95/EC", "paragraph 1 of that Article"]
    assert {t[3] for t in inserted} == {"eu-directive-2001-95"}  # "paragraph 1" of the act being amended
    assert targets(corpus.found, "gizmo-act-2019", "art_2__para_2", "en")[0][1:3] == (
        "gizmo-act-2019",
        "art_2__para_1",
    )


# -- the graph layer --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def quads(corpus):
    return list(references_layer(corpus.results, corpus.manifest, aliases=corpus.aliases))


def test_layer_mints_no_blank_nodes_and_stable_record_iris(quads, corpus):
    assert not any(isinstance(t, BNode) for q in quads for t in q)
    records = {q[0] for q in quads if q[1] == RKG.anchorText}
    base = "https://w3id.org/regkg/test/gadget-rules-2015/art_2/para_2"
    assert {URIRef(base + "/ref_1"), URIRef(base + "/ref_2"), URIRef(base + "/ref_en_1")} <= records
    assert list(references_layer(corpus.results, corpus.manifest, aliases=corpus.aliases)) == quads


def test_cites_come_from_the_authoritative_text_only(quads):
    cites = {(str(s), str(o)) for s, p, o, _ in quads if p == ELI.cites}
    citing = "https://w3id.org/regkg/test/gadget-rules-2015/art_2/para_2"
    assert (citing, citing.replace("para_2", "para_1")) in cites
    en_records = [s for s, p, o, _ in quads if p == RKG.evidenceLang and o == Literal("en")]
    assert en_records  # translations add records ...
    assert len([c for c in cites if c[0] == citing]) == 2  # ... but no edges of their own


def test_based_on_and_stub_instruments(quads):
    based = {(str(s), str(o)) for s, p, o, _ in quads if p == ELI.based_on}
    assert (
        "https://w3id.org/regkg/test/gadget-rules-2015",
        "https://w3id.org/regkg/test/widget-law-2010",
    ) in based
    assert (
        "https://w3id.org/regkg/test/gadget-rules-2015",
        "https://w3id.org/regkg/external/cn-sprocket-measures",
    ) in based
    stubs = {s for s, p, o, _ in quads if o == RKG.StubInstrument}
    assert URIRef("https://w3id.org/regkg/external/eu-directive-2001-95") in stubs
    titles = {
        (s, o) for s, p, o, g in quads if s in stubs and p.endswith("title") and g.endswith("/graph/external")
    }
    assert (
        URIRef("https://w3id.org/regkg/external/cn-sprocket-measures"),
        Literal("链轮管理办法", lang="zh"),
    ) in titles


# -- the node tree ----------------------------------------------------------------------------------------------


@pytest.fixture
def tree():
    eid_list = [
        "title_I",
        "title_I__chp_1",
        "title_I__chp_1__art_3",
        "title_I__chp_1__art_3__para_1",
        "title_I__chp_1__art_3__para_1__point_44",
        "title_I__chp_1__art_5",
        "title_I__chp_1__art_5__para_1",
        "title_I__chp_1__art_5__para_1__point_d",
        "title_I__chp_1__art_5__para_2",
        "title_II",
        "title_II__chp_1",
        "annex_III",
        "annex_III__para_5",
        "annex_III__para_5__point_b",
    ]
    return TreeIndex("gizmo", eid_list, "EU")


def test_tree_walks_articles_points_and_annexes(tree):
    assert (
        walk([Step.of("article", "3"), Step("des", "44", 5)], tree, None)
        == "title_I__chp_1__art_3__para_1__point_44"
    )
    assert walk([Step.of("article", "5"), Step("des", "1", 5), Step("des", "d", 7)], tree, None).endswith(
        "point_d"
    )
    assert walk([Step.of("annex", "III"), Step.of("point", "5"), Step("des", "b", 7)], tree, None) == (
        "annex_III__para_5__point_b"
    )


def test_tree_errors_name_the_missing_part(tree):
    with pytest.raises(TargetError, match="gizmo has no article 99"):
        walk([Step.of("article", "99")], tree, None)
    with pytest.raises(TargetError, match="article 5 of gizmo has no paragraph 7"):
        walk([Step.of("article", "5"), Step("des", "7", 5)], tree, None)
    with pytest.raises(TargetError, match="ambiguous"):
        walk([Step.of("chapter", "1")], tree, None)  # chapters are numbered per title, and no title is given


def test_every_resolved_record_names_what_it_cites(quads):
    resolved = {s for s, p, o, _ in quads if p == RKG.resolved and o == Literal(True)}
    cited = {s for s, p, o, _ in quads if p == RKG.citedResource}
    assert resolved and resolved <= cited
