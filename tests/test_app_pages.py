"""Each explorer page's logic, with Streamlit's AppTest, on the invented build (every layer present) and on the
same build without layers (every page must say plainly what is not built yet)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from app_helpers import PAGES, open_page
from streamlit.testing.v1 import AppTest
from test_app_fixture import make_build

W = "https://w3id.org/regkg/cn/widget/2020"


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> Path:
    return make_build(tmp_path_factory.mktemp("app") / "build")


@pytest.fixture(scope="module")
def bare(tmp_path_factory) -> Path:
    return make_build(tmp_path_factory.mktemp("app-bare") / "build", layers=False)


def html(at: AppTest) -> str:
    return "\n".join(e.proto.body for e in at.get("html"))


def links(at: AppTest) -> list[tuple[str, dict]]:
    return [
        (e.proto.label, {k: v[0] for k, v in parse_qs(e.proto.query_string).items()})
        for e in at.get("page_link")
    ]


def infos(at: AppTest) -> str:
    return "\n".join(e.value for e in at.info)


def qp(at: AppTest, name: str) -> list[str]:
    v = at.query_params[name]
    return v if isinstance(v, list) else [v]


def md(at: AppTest) -> str:
    return "\n".join(e.value for e in at.markdown)


# ---------------------------------------------------------------------------------------------- every page


@pytest.mark.parametrize("page", [None, *PAGES])
def test_every_page_renders(monkeypatch, full, page):
    at = open_page(monkeypatch, full, page)
    assert "not built yet" not in infos(at)


@pytest.mark.parametrize(
    ("page", "params"),
    [("pages/4_Actors.py", {}), ("pages/5_Compare.py", {}), ("pages/6_Network.py", {"roles": "1"})],
)
def test_pages_say_what_is_not_built(monkeypatch, bare, page, params):
    at = open_page(monkeypatch, bare, page, **params)
    assert "not built yet" in infos(at)


def test_home_lists_layers(monkeypatch, bare):
    at = open_page(monkeypatch, bare)
    table = at.dataframe[0].value
    status = dict(zip(table["layer"], table["status"], strict=True))
    assert status["duties"] == "not built yet" and status["references"] == "built"
    assert {label.split("**")[1] for label, _ in links(at)} == {
        "Overview",
        "Browse",
        "Search",
        "Actors",
        "Compare",
        "Network",
        "SPARQL",
        "Export",
    }


def test_missing_build_is_a_plain_message(monkeypatch, tmp_path):
    at = open_page(monkeypatch, tmp_path / "nothing")
    assert "No graph to explore" in at.error[0].value


# ---------------------------------------------------------------------------------------------- overview


def test_overview_filters_by_jurisdiction_in_the_url(monkeypatch, full):
    at = open_page(monkeypatch, full, "pages/1_Overview.py", jurisdiction="EU")
    table = at.dataframe[0].value
    assert list(table["id"]) == ["gadget-2021"]
    assert qp(at, "jurisdiction") == ["EU"]
    at.segmented_control[0].set_value("CN").run()
    assert set(at.dataframe[0].value["id"]) == {"widget-2020", "widget-2022"}
    assert qp(at, "jurisdiction") == ["CN"]


# ---------------------------------------------------------------------------------------------- browse


def test_browse_article_side_by_side_with_layers(monkeypatch, full):
    at = open_page(monkeypatch, full, "pages/2_Browse.py", instrument="widget-2020", article="2")
    body = html(at)
    assert "<th>中文</th><th>English</th>" in body
    assert "违反" in body and "Whoever breaches" in body
    # the reference anchor is a link to its target, the defined term is marked
    assert (
        '<a class="rk-ref" href="./Browse?instrument=widget-2020&amp;article=1" target="_self"' in body
        and ">前条</a>" in body
    )
    assert 'class="rk-term"' in body
    assert at.header[0].value == "Article 2 · 第二条"
    assert "**中文: authoritative**" in md(at) and "regkg test translator" in md(at)
    targets = [q for _, q in links(at)]
    assert {"instrument": "gadget-2021", "article": "1"} in targets  # outgoing reference
    assert {"instrument": "widget-2020", "part": "chp_1"} in targets  # the chapter in the breadcrumb
    assert qp(at, "part") == ["chp_1"]


def test_browse_escapes_law_text(monkeypatch, full):
    at = open_page(monkeypatch, full, "pages/2_Browse.py", instrument="widget-2020", article="2")
    body = html(at)
    assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<b>not markup</b>" not in body and "&lt;b&gt;not markup&lt;/b&gt;" in body


def test_browse_highlights_duties_and_actors(monkeypatch, full):
    at = open_page(monkeypatch, full, "pages/2_Browse.py", instrument="widget-2020", article="1")
    body = html(at)
    assert '<span class="rk-duty-obligation" title="obligation · bearer: widget service provider' in body
    assert 'class="rk-actor"' in body
    assert "**Incoming** (1)" in md(at)  # the references panel is the default
    assert qp(at, "panel") == ["references"]


@pytest.mark.parametrize(
    ("panel", "check"),
    [
        ("duties", lambda at: "<td>标识小部件</td>" in html(at)),
        (
            "actors",
            lambda at: any(
                q.get("role") == "https://w3id.org/regkg/role/cn/widget-provider" for _, q in links(at)
            ),
        ),
        ("terms", lambda at: "**小部件 / widget**" in md(at) or "**widget / 小部件**" in md(at)),
        (
            "topics",
            lambda at: any(q.get("topic") == "https://w3id.org/regkg/topic/labelling" for _, q in links(at)),
        ),
        (
            "versions",
            lambda at: (
                {"view": "versions", "pair": "widget-2020..widget-2022", "old": "1", "new": "1"}
                in [q for _, q in links(at)]
            ),
        ),
        ("cite", lambda at: any(c.value.startswith("@misc{regkg:widget-2020:art-1,") for c in at.code)),
    ],
)
def test_browse_panels(monkeypatch, full, panel, check):
    at = open_page(monkeypatch, full, "pages/2_Browse.py", instrument="widget-2020", article="1", panel=panel)
    assert check(at), panel


def test_browse_penalties_panel(monkeypatch, full):
    at = open_page(
        monkeypatch, full, "pages/2_Browse.py", instrument="widget-2020", article="2", panel="penalties"
    )
    body = html(at)
    assert "<td>fine</td>" in body and "<td>10,000 CNY</td>" in body and "<td>Article 1</td>" in body


def test_browse_picking_an_article_writes_the_url(monkeypatch, full):
    at = open_page(monkeypatch, full, "pages/2_Browse.py", instrument="widget-2020")
    assert at.header == [] or "Article" not in at.header[0].value  # the instrument page, no article yet
    at.radio(key="_w_article").set_value("2").run()
    assert qp(at, "article") == ["2"]
    assert at.header[0].value.startswith("Article 2")


def test_browse_instrument_links_its_official_text(monkeypatch, full):
    at = open_page(monkeypatch, full, "pages/2_Browse.py", instrument="widget-2020")
    assert 'Official text: <a href="https://example.org/widget-2020" target="_blank"' in html(at)


def test_browse_long_article_list_is_a_drop_down(monkeypatch, full):
    import components

    monkeypatch.setattr(components, "LONG_LIST", 1)  # the invented instrument has a handful of articles
    at = open_page(monkeypatch, full, "pages/2_Browse.py", instrument="widget-2020")
    assert not at.radio
    box = at.selectbox(key="_w_article")
    assert box.value is None and len(box.options) > 1  # nothing picked: the instrument's page is shown
    box.set_value("2").run()
    assert qp(at, "article") == ["2"]
    assert at.header[0].value.startswith("Article 2")


def test_browse_unknown_article_is_a_warning(monkeypatch, full):
    at = open_page(monkeypatch, full, "pages/2_Browse.py", instrument="widget-2020", article="99")
    assert "no article '99'" in at.warning[0].value


@pytest.mark.parametrize(
    ("panel", "what"),
    [
        ("duties", "Duties"),
        ("actors", "Actors"),
        ("terms", "Defined terms"),
        ("penalties", "Penalties"),
        ("topics", "Topics"),
        ("versions", "Version correspondences"),
    ],
)
def test_browse_without_layers_says_so(monkeypatch, bare, panel, what):
    at = open_page(monkeypatch, bare, "pages/2_Browse.py", instrument="widget-2020", article="1", panel=panel)
    assert f"{what}: not built yet" in infos(at)


# ---------------------------------------------------------------------------------------------- search


def test_search_results_are_filtered_and_escaped(monkeypatch, full):
    at = open_page(monkeypatch, full, "pages/3_Search.py", q="label", lang="en")
    assert "**3 passages**" in md(at)  # two texts and a heading
    assert {q["instrument"] for _, q in links(at)} == {"widget-2020", "gadget-2021"}
    assert '<span class="rk-mark">label</span>' in html(at)
    at.multiselect(key="_w_in").set_value(["gadget-2021"]).run()
    assert "**2 passages**" in md(at) and qp(at, "in") == ["gadget-2021"]
    at = open_page(monkeypatch, full, "pages/3_Search.py", q="<b>not markup</b>")
    assert "**1 passage**" in md(at)
    assert "<b>" not in html(at) and "&lt;b&gt;" in html(at)


def test_search_layer_filters(monkeypatch, full, bare):
    at = open_page(
        monkeypatch, full, "pages/3_Search.py", q="label", role="https://w3id.org/regkg/role/eu/provider"
    )
    assert {q["instrument"] for _, q in links(at)} == {"gadget-2021"}
    at = open_page(monkeypatch, bare, "pages/3_Search.py", q="label")
    disabled = [s for s in at.selectbox if s.disabled]
    assert len(disabled) == 3  # topic, role, modality: not built yet


# ---------------------------------------------------------------------------------------------- actors, compare, network


def test_actors_duties_by_modality_and_crosswalk(monkeypatch, full):
    at = open_page(
        monkeypatch, full, "pages/4_Actors.py", role="https://w3id.org/regkg/role/cn/widget-provider"
    )
    table = at.dataframe[1].value
    assert list(table["action"]) == ["标识小部件"] and list(table["modality"]) == ["obligation"]
    assert list(table["open"]) == ["./Browse?instrument=widget-2020&article=1"]
    assert any(
        q == {"role": "https://w3id.org/regkg/role/eu/provider"} for _, q in links(at)
    )  # the crosswalk peer
    mapping = at.dataframe[0].value  # the crosswalk; dataframe[1] holds the duties
    assert list(mapping["why"]) == ["Both offer the service to users."] and list(mapping["id"]) == [
        "xj:service-provider"
    ]
    assert "The provider places the gadget on the market." in "\n".join(c.value for c in at.caption)


def test_actors_without_layers_shows_the_glossary(monkeypatch, bare):
    at = open_page(monkeypatch, bare, "pages/4_Actors.py")
    assert "not built yet" in infos(at)
    assert len(at.dataframe[0].value) > 10  # the glossary's roles and authorities


def test_compare_topics_alignments_versions(monkeypatch, full):
    at = open_page(
        monkeypatch, full, "pages/5_Compare.py", view="topics", topic="https://w3id.org/regkg/topic/labelling"
    )
    assert "小部件服务提供者应当标识小部件" in html(at) and "Providers shall ensure" in html(at)
    at = open_page(monkeypatch, full, "pages/5_Compare.py", view="alignments")
    assert at.dataframe[0].value.iloc[0]["type"] == "similar"
    at = open_page(monkeypatch, full, "pages/5_Compare.py", view="versions")
    assert '<span class="rk-ins">显著</span>' in html(at)
    assert qp(at, "old") == ["1"] and qp(at, "new") == ["1"]


def test_compare_versions_without_correspondences_lets_you_pick(monkeypatch, bare):
    at = open_page(monkeypatch, bare, "pages/5_Compare.py", view="versions", old="1", new="1")
    assert "Version correspondences: not built yet" in infos(at)
    assert '<span class="rk-ins">显著</span>' in html(at)


def test_network_counts_what_it_draws(monkeypatch, full):
    at = open_page(monkeypatch, full, "pages/6_Network.py", roles="1")
    caption = next(c.value for c in at.caption if "nodes" in c.value)
    assert caption.startswith("8 nodes")  # 3 instruments, 3 articles, 2 roles
    chart = at.get("vega_lite_chart")[0].proto
    assert {d.name for d in chart.datasets} == {"nodes", "edges"} and "node" in chart.selection_mode
    figure = at.session_state["current_figure"]  # the figure the Export page offers: this graph
    drawn = sorted(n["type"] for n in json.loads(figure["spec"])["datasets"]["nodes"])
    assert figure["name"] == "regkg-network" and drawn == ["article"] * 3 + ["instrument"] * 3 + ["role"] * 2
    at = open_page(monkeypatch, full, "pages/6_Network.py", roles="0", relations="0")
    assert next(c.value for c in at.caption if "nodes" in c.value).startswith(
        "6 nodes"
    )  # no roles: 3 instruments, 3 articles


# ---------------------------------------------------------------------------------------------- sparql and export


def test_sparql_saved_query_runs_on_open(monkeypatch, full):
    at = open_page(monkeypatch, full, "pages/7_SPARQL.py", query="01-instruments")
    assert at.dataframe, [e.value for e in at.error]
    assert set(at.dataframe[0].value["id"]) == {"widget-2020", "widget-2022", "gadget-2021"}
    assert [b.label for b in at.get("download_button")] == ["CSV", "JSON"]


def test_sparql_errors_and_custom_queries(monkeypatch, full):
    at = open_page(monkeypatch, full, "pages/7_SPARQL.py", query="custom", sparql="SELEC nonsense")
    assert at.error[0].value.startswith("SPARQL syntax error")
    at = open_page(
        monkeypatch, full, "pages/7_SPARQL.py", query="custom", sparql="SELECT ?s WHERE { ?s a rkg:Article }"
    )
    at.text_area[0].set_value("SELECT ?s WHERE { ?s a rkg:Chapter }")
    at.button[0].click().run()
    assert list(at.dataframe[0].value["s"]) == [f"{W}/chp_1"]
    assert qp(at, "sparql") == ["SELECT ?s WHERE { ?s a rkg:Chapter }"]


def test_export_cites_the_chosen_articles(monkeypatch, full):
    at = open_page(monkeypatch, full, "pages/8_Export.py", instrument="widget-2020", article=["1", "2"])
    bib = next(c.value for c in at.code if c.value.startswith("@misc"))
    assert "regkg:widget-2020:art-1" in bib and "regkg:widget-2020:art-2" in bib
    labels = [b.label for b in at.get("download_button")]
    import charts

    # SVG/PNG need vl-convert-python (optional); the Vega-Lite spec is always offered
    figures = ("SVG", "PNG", "Vega-Lite spec") if charts.can_convert() else ("Vega-Lite spec",)
    wanted = (
        "Turtle",
        "JSON-LD",
        "TriG (named graphs)",
        "GraphML (network)",
        "CSV tables (zip)",
        "LaTeX table",
        "Download BibTeX",
    )
    for want in (*wanted, *figures):
        assert want in labels
