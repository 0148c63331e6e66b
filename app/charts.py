"""The explorer's figures: Altair charts shown on the pages and exported as SVG/PNG (vl-convert, offline).

A page that shows a figure registers it with :func:`remember_figure`, so the Export page can offer "a figure
of the current view". Pages take a chart's Vega-Lite spec from :func:`spec`, which builds and validates it once
per distinct data (Altair's schema validation costs tens of milliseconds a chart, on every rerun otherwise).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict

import altair as alt
import pandas as pd
import streamlit as st

JURISDICTION_COLOURS = alt.Scale(domain=["CN", "EU"], range=["#c2410c", "#1d4ed8"])


def timeline(events: list[dict]) -> alt.Chart:
    """Instruments on a time axis: when issued and when in force, coloured by jurisdiction."""
    df = pd.DataFrame(events)
    df["date"] = pd.to_datetime(df["date"])
    base = alt.Chart(df).encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("short:N", title=None, sort=alt.EncodingSortField("date", op="min")),
        color=alt.Color("jurisdiction:N", scale=JURISDICTION_COLOURS, title="jurisdiction"),
        tooltip=["short", "id", "event", alt.Tooltip("date:T", format="%Y-%m-%d")],
    )
    line = base.mark_line(strokeWidth=2, opacity=0.5).encode(detail="id:N")
    points = base.mark_point(filled=True, size=80).encode(shape=alt.Shape("event:N", title="event"))
    return (line + points).properties(
        height=alt.Step(26), width="container", title="Instruments: issued and in force"
    )


def counts(rows: list[dict], what: str = "articles") -> alt.Chart:
    """A bar per instrument of one count (articles, paragraphs, duties, ...)."""
    df = pd.DataFrame(rows)
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X(f"{what}:Q", title=what),
            y=alt.Y("short:N", title=None, sort="-x"),
            color=alt.Color("jurisdiction:N", scale=JURISDICTION_COLOURS),
            tooltip=["id", "short", f"{what}:Q"],
        )
        .properties(height=alt.Step(22), width="container", title=f"{what.capitalize()} per instrument")
    )


def heatmap(cells: list[dict], instrument_order: list[str], names: dict[str, str] | None = None) -> alt.Chart:
    """The topic × instrument matrix: colour = number of articles, text = the count."""
    names = names or {}
    df = pd.DataFrame(cells)
    df["short"] = [names.get(i, i) for i in df["instrument"]]
    order = [names.get(i, i) for i in instrument_order]
    strong = max(4, int(df["count"].max() * 0.55)) if len(df) else 4
    base = alt.Chart(df).encode(
        x=alt.X(
            "short:N",
            title=None,
            sort=order,
            axis=alt.Axis(labelAngle=-40, orient="top", labelLimit=170, labelOverlap=False),
        ),
        y=alt.Y("topic_en:N", title=None, axis=alt.Axis(labelLimit=320)),
        tooltip=[
            alt.Tooltip("topic_en", title="topic"),
            alt.Tooltip("instrument"),
            alt.Tooltip("count", title="articles"),
            alt.Tooltip("articles", title="article numbers"),
        ],
    )
    rect = base.mark_rect().encode(
        color=alt.Color("count:Q", scale=alt.Scale(scheme="blues"), title="articles")
    )
    text = base.mark_text(fontSize=11).encode(
        text="count:Q",
        color=alt.condition(alt.datum.count > strong, alt.value("white"), alt.value("#111827")),
    )
    return (rect + text).properties(
        width="container", height=alt.Step(20), title="Topics × instruments (number of articles)"
    )


_SPECS: OrderedDict[str, str] = OrderedDict()  # digest of (kind, args) -> spec JSON, most recent last
_SPECS_LOCK = threading.Lock()
MAX_SPECS = 64  # a network spec of every article is under 1 MB: the cache stays well under 100 MB


def spec(kind: str, *args) -> str:
    """The Vega-Lite spec (JSON text) of ``<kind>(*args)`` — e.g. ``spec("timeline", events)`` —, cached."""
    key = json.dumps([kind, args], sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    with _SPECS_LOCK:
        if digest in _SPECS:
            _SPECS.move_to_end(digest)
            return _SPECS[digest]
    text = _build(kind, json.loads(key)[1])  # the arguments as JSON gives them back: what the key describes
    with _SPECS_LOCK:
        _SPECS[digest] = text
        while len(_SPECS) > MAX_SPECS:
            _SPECS.popitem(last=False)
    return text


def _build(kind: str, args: list) -> str:
    if kind == "network":
        return json.dumps(network(*args), ensure_ascii=False)
    if kind not in ("timeline", "counts", "heatmap"):
        raise ValueError(f"unknown chart {kind!r}")
    return globals()[kind](*args).to_json(validate=False)  # the builders' output is validated by the tests


def show(spec_json: str) -> None:
    """Draw a chart from its spec, as wide as the column."""
    st.vega_lite_chart(json.loads(spec_json), width="stretch")


def remember_figure(name: str, spec_json: str) -> None:
    """Record the page's figure (its spec, from :func:`spec`) as the "current view" for the Export page."""
    st.session_state["current_figure"] = {"name": name, "spec": spec_json}


def figure_bytes(spec: str | dict, fmt: str) -> bytes:
    """SVG or PNG of a Vega-Lite spec; the JSON spec itself when vl-convert is missing (fmt "json")."""
    spec = json.loads(spec) if isinstance(spec, str) else spec
    if spec.get("width") == "container":  # a file has no container: give it a size
        spec["width"] = 640
    if fmt == "json":
        return json.dumps(spec, indent=1).encode("utf-8")
    import vl_convert as vlc

    if fmt == "svg":
        return vlc.vegalite_to_svg(spec).encode("utf-8")
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=2)
    raise ValueError(f"unknown figure format {fmt!r}")


def can_convert() -> bool:
    try:
        import vl_convert  # noqa: F401
    except ImportError:
        return False
    return True


FIGURE_FILES = (  # format, label, MIME type, file suffix
    ("svg", "SVG", "image/svg+xml", ".svg"),
    ("png", "PNG", "image/png", ".png"),
    ("json", "Vega-Lite spec", "application/json", ".vl.json"),
)


def figure_downloads(name: str, spec_json: str, key: str, image_label: str = "Figure as {}") -> None:
    """SVG, PNG and Vega-Lite download buttons for a chart's spec (the files are made only when clicked).

    ``image_label`` names the SVG and PNG buttons. Without vl-convert only the spec is offered, and a note says so.
    """
    convert = can_convert()
    for col, (fmt, label, mime, suffix) in zip(st.columns(3), FIGURE_FILES, strict=True):
        if fmt != "json" and not convert:
            continue
        col.download_button(
            image_label.format(label) if fmt != "json" else label,
            lambda fmt=fmt: figure_bytes(spec_json, fmt),
            f"{name}{suffix}",
            mime,
            key=f"{key}_{fmt}",
            on_click="ignore",
        )
    if not convert:
        st.caption("SVG/PNG need the vl-convert-python package; the Vega-Lite spec opens in any Vega editor.")


# ---------------------------------------------------------------------------------------------- network

NODE_SHAPES = {"instrument": "square", "external": "diamond", "role": "triangle-up"}  # others: circle
NODE_SIZES = {"instrument": 320, "external": 140}  # others: 90
BIG_NETWORK = 300  # more nodes: plain lines, and labels on instruments and roles only (far quicker to draw)
NODE_COLOURS = {"role": "#059669", "external": "#9ca3af"}  # where no instrument gives the colour
EDGE_COLOURS = {"cites": "#2563eb", "part of": "#d1d5db", "mentions": "#10b981"}  # others (relations): amber


def network_layout(nodes: list[dict], edges: list[dict]) -> dict[str, tuple[float, float]]:
    """Node positions, the same for the same graph: a seeded force-directed layout; for 400 nodes or more
    (networkx would need scipy for its large-graph solver) rings: instruments inside, roles, then the units."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in nodes)
    for e in edges:
        if e["source"] != e["target"]:
            g.add_edge(e["source"], e["target"])
    if len(g) < 400:
        pos = nx.spring_layout(g, seed=7, iterations=200)
    else:
        kinds = ({"instrument", "external"}, {"role"})
        shells = [[n["id"] for n in nodes if n["type"] in k] for k in kinds]
        shells.append([n["id"] for n in nodes if not any(n["type"] in k for k in kinds)])
        pos = nx.shell_layout(g, [s for s in shells if s])
    return {k: (round(float(x), 4), round(float(y), 4)) for k, (x, y) in pos.items()}


def network(nodes: list[dict], edges: list[dict], colours: dict[str, str]) -> dict:
    """The Vega-Lite spec of nodes and edges drawn at fixed positions: a click on a node selects it (parameter
    ``node``, field ``id``); the wheel zooms and a drag pans. Edges taper from the citing node to the cited one.

    The rows go into the spec's named datasets after Altair has written the rest: Altair walks inline rows one
    value at a time, seconds for the graph of every article."""
    pos = network_layout(nodes, edges)
    node_rows = [
        {
            "id": n["id"],
            "tag": n.get("tag") or n["label"],
            "name": n["label"],
            "type": n["type"],
            "instrument": n.get("instrument") or "",
            "colour": colours.get(n.get("instrument") or "") or NODE_COLOURS.get(n["type"], "#6b7280"),
            "x": pos[n["id"]][0],
            "y": pos[n["id"]][1],
        }
        for n in nodes
    ]
    big = len(nodes) > BIG_NETWORK
    edge_rows = []
    for i, e in enumerate(edges):
        if big:
            (x, y), (x2, y2) = pos[e["source"]], pos[e["target"]]
            edge_rows.append({"edge": i, "relation": e["type"], "x": x, "y": y, "x2": x2, "y2": y2})
            continue
        for end, w in ((e["source"], 2.6), (e["target"], 0.4)):
            x, y = pos[end]
            edge_rows.append({"edge": i, "relation": e["type"], "x": x, "y": y, "w": w, "end": int(w < 1)})
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    pad = 0.12
    x = alt.X(
        "x:Q", axis=None, scale=alt.Scale(domain=[min(xs) - pad, max(xs) + pad], nice=False, zero=False)
    )
    y = alt.Y(
        "y:Q", axis=None, scale=alt.Scale(domain=[min(ys) - pad, max(ys) + pad], nice=False, zero=False)
    )
    relations = sorted({e["type"] for e in edges})
    edge_colour = alt.Color(
        "relation:N",
        title="edge",
        scale=alt.Scale(domain=relations, range=[EDGE_COLOURS.get(r, "#f59e0b") for r in relations]),
        legend=alt.Legend(orient="top-left", direction="horizontal"),
    )
    if big:
        lines = (
            alt.Chart(alt.NamedData(name="edges"))
            .mark_rule(opacity=0.5, strokeWidth=0.8)
            .encode(x=x, y=y, x2="x2:Q", y2="y2:Q", color=edge_colour)
        )
    else:  # a trail per edge, tapering from the citing node to the cited one
        lines = (
            alt.Chart(alt.NamedData(name="edges"))
            .mark_trail(opacity=0.6)
            .encode(
                x=x, y=y, detail="edge:N", order="end:O", size=alt.Size("w:Q", scale=None), color=edge_colour
            )
        )
    node = alt.selection_point(name="node", fields=["id"], on="click", empty=False)
    zoom = alt.selection_interval(name="zoom", bind="scales")
    types = sorted({n["type"] for n in nodes})
    points = (
        alt.Chart(alt.NamedData(name="nodes"))
        .mark_point(filled=True, opacity=1, stroke="#111827", cursor="pointer")
        .encode(
            x=x,
            y=y,
            shape=alt.Shape(
                "type:N",
                scale=alt.Scale(domain=types, range=[NODE_SHAPES.get(t, "circle") for t in types]),
                legend=None,
            ),
            size=alt.Size(
                "type:N",
                scale=alt.Scale(domain=types, range=[NODE_SIZES.get(t, 90) for t in types]),
                legend=None,
            ),
            color=alt.Color("colour:N", scale=None),
            strokeWidth=alt.condition(node, alt.value(2.5), alt.value(0)),
            tooltip=[alt.Tooltip("name:N", title="node"), alt.Tooltip("type:N"), alt.Tooltip("instrument:N")],
        )
        .add_params(node, zoom)
    )
    labels = (
        alt.Chart(alt.NamedData(name="nodes"))
        .mark_text(dy=11, fontSize=9, color="#374151", limit=150)
        .encode(x=x, y=y, text="tag:N")
    )
    if big:  # hundreds of numbers on rings are unreadable and slow to draw: the tooltips name them
        labels = labels.transform_filter(alt.FieldOneOfPredicate(field="type", oneOf=["instrument", "role"]))
    chart = (
        alt.layer(lines, points, labels)
        .resolve_scale(color="independent", size="independent")
        .properties(width="container", height=620, padding=0)
        .configure_view(stroke=None)
    )
    spec = chart.to_dict(validate=False)
    spec["datasets"] = {"edges": edge_rows, "nodes": node_rows}
    return spec
