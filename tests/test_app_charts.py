"""The explorer's figures: Altair charts of the current view, exported as SVG/PNG (vl-convert) or as a spec."""

from __future__ import annotations

import json

import altair as alt
import app_helpers  # noqa: F401 - puts app/ on the path, as `streamlit run` does
import charts
import pytest

EVENTS = [
    {"id": "a-2020", "short": "A rules", "event": "issued", "date": "2020-01-02", "jurisdiction": "CN"},
    {"id": "a-2020", "short": "A rules", "event": "in force", "date": "2020-03-01", "jurisdiction": "CN"},
    {"id": "b-2021", "short": "B act", "event": "issued", "date": "2021-06-01", "jurisdiction": "EU"},
]
CELLS = [
    {"topic_en": "labelling", "instrument": "a-2020", "count": 2, "articles": "3, 4"},
    {"topic_en": "minors", "instrument": "b-2021", "count": 1, "articles": "7"},
]


def test_spec_export_has_a_size_and_the_data():
    spec = json.loads(charts.figure_bytes(charts.timeline(EVENTS).to_json(), "json"))
    assert spec["width"] == 640  # a file has no container to fill
    values = [v for d in spec["datasets"].values() for v in d]
    assert {v["short"] for v in values} == {"A rules", "B act"}


def test_heatmap_uses_short_names_in_the_given_order():
    spec = charts.heatmap(CELLS, ["b-2021", "a-2020"], {"a-2020": "A", "b-2021": "B"}).to_dict()
    layer = spec["layer"][0]["encoding"]
    assert layer["x"]["sort"] == ["B", "A"] and layer["x"]["field"] == "short"


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_svg_and_png(fmt):
    pytest.importorskip(
        "vl_convert", reason="vl-convert-python is optional: without it the app offers the spec"
    )
    data = charts.figure_bytes(charts.heatmap(CELLS, ["a-2020", "b-2021"]).to_json(), fmt)
    if fmt == "svg":
        text = data.decode("utf-8")
        assert text.lstrip().startswith("<svg") and "labelling" in text and "minors" in text
    else:
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000


def test_unknown_format_is_an_error():
    pytest.importorskip("vl_convert")
    with pytest.raises(ValueError):
        charts.figure_bytes(charts.timeline(EVENTS).to_json(), "gif")


NODES = [
    {
        "id": "i:a",
        "label": "A rules",
        "tag": "A rules",
        "type": "instrument",
        "instrument": "a-2020",
        "unit": None,
    },
    {
        "id": "i:a/1",
        "label": "A rules Art. 1",
        "tag": "1",
        "type": "article",
        "instrument": "a-2020",
        "unit": "1",
    },
    {
        "id": "i:b/2",
        "label": "B act Art. 2",
        "tag": "2",
        "type": "article",
        "instrument": "b-2021",
        "unit": "2",
    },
    {"id": "x:c", "label": "C law", "tag": "C law", "type": "external", "instrument": None, "unit": None},
]
EDGES = [
    {"source": "i:a/1", "target": "i:a", "type": "part of", "weight": 1},
    {"source": "i:a/1", "target": "i:b/2", "type": "cites", "weight": 2},
    {"source": "i:b/2", "target": "x:c", "type": "based on", "weight": 1},
]


def test_network_is_a_valid_spec_with_a_clickable_node_parameter():
    spec = charts.network(NODES, EDGES, {"a-2020": "#2563eb"})
    alt.LayerChart.from_dict(spec)  # validates against the Vega-Lite schema
    nodes = {n["id"]: n for n in spec["datasets"]["nodes"]}
    assert set(nodes) == {n["id"] for n in NODES}
    assert nodes["i:a/1"]["colour"] == "#2563eb" and nodes["x:c"]["colour"] == charts.NODE_COLOURS["external"]
    params = [p for layer in spec["layer"] for p in layer.get("params", [])] + spec.get("params", [])
    node_param = next(p for p in params if p["name"] == "node")
    assert node_param["select"]["fields"] == ["id"] and node_param["select"]["on"] == "click"
    # each edge is a tapering trail of two rows, wide at the citing end
    ends = sorted((r["edge"], r["end"], r["w"]) for r in spec["datasets"]["edges"])
    assert ends == [(i, e, w) for i in range(3) for e, w in ((0, 2.6), (1, 0.4))]
    source = next(r for r in spec["datasets"]["edges"] if r["edge"] == 1 and r["end"] == 0)
    assert (source["x"], source["y"]) == (nodes["i:a/1"]["x"], nodes["i:a/1"]["y"])


def test_network_layout_is_the_same_every_time():
    first = charts.network_layout(NODES, EDGES)
    assert first == charts.network_layout(NODES, EDGES)
    assert len({xy for xy in first.values()}) == len(NODES)  # no two nodes on one spot


def test_network_of_many_nodes_is_laid_out_on_rings_without_scipy():
    nodes = NODES[:1] + [
        {"id": f"i:a/{k}", "label": f"Art. {k}", "type": "article", "instrument": "a-2020", "unit": str(k)}
        for k in range(1, 450)
    ]
    edges = [{"source": n["id"], "target": "i:a", "type": "part of", "weight": 1} for n in nodes[1:]]
    pos = charts.network_layout(nodes, edges)
    assert pos["i:a"] == (0.0, 0.0)  # the instrument in the centre ring (alone: the centre)
    radii = {round((x * x + y * y) ** 0.5, 2) for k, (x, y) in pos.items() if k != "i:a"}
    assert len(radii) == 1 and radii.pop() > 0  # the articles on one ring around it


def test_spec_is_built_once_per_data_and_the_cache_is_bounded(monkeypatch):
    built = []
    real = charts._build
    monkeypatch.setattr(charts, "_build", lambda kind, args: built.append(kind) or real(kind, args))
    monkeypatch.setattr(charts, "MAX_SPECS", 2)
    monkeypatch.setattr(charts, "_SPECS", charts.OrderedDict())
    first = charts.spec("timeline", EVENTS)
    assert charts.spec("timeline", EVENTS) == first and built == ["timeline"]
    charts.spec("timeline", EVENTS[:2])
    charts.spec("timeline", EVENTS[:1])
    assert len(charts._SPECS) == 2  # the oldest was dropped
    charts.spec("timeline", EVENTS)
    assert built == ["timeline"] * 4
    with pytest.raises(ValueError, match="unknown chart"):
        charts.spec("pie", EVENTS)


def test_network_of_hundreds_of_nodes_draws_plain_lines_and_names_only_instruments_and_roles():
    nodes = NODES[:1] + [
        {"id": f"i:a/{k}", "label": f"Art. {k}", "tag": str(k), "type": "article", "instrument": "a-2020"}
        for k in range(1, 320)
    ]
    edges = [{"source": n["id"], "target": "i:a", "type": "part of", "weight": 1} for n in nodes[1:]]
    spec = charts.network(nodes, edges, {})
    alt.LayerChart.from_dict(spec)
    lines, _, labels = spec["layer"]
    assert lines["mark"]["type"] == "rule" and len(spec["datasets"]["edges"]) == len(edges)
    assert labels["transform"] == [{"filter": {"field": "type", "oneOf": ["instrument", "role"]}}]
