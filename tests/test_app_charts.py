"""The explorer's figures: Altair charts of the current view, exported as SVG/PNG (vl-convert) or as a spec."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))

import charts  # noqa: E402

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
