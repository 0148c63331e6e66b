"""The explorer's figures: Altair charts shown on the pages and exported as SVG/PNG (vl-convert, offline).

A page that shows a figure registers it with :func:`remember_figure`, so the Export page can offer "a figure
of the current view". Pages take a chart's Vega-Lite spec from :func:`spec`, which builds and validates it once
per distinct data (Altair's schema validation costs tens of milliseconds a chart, on every rerun otherwise).
"""

from __future__ import annotations

import functools
import json

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


def spec(kind: str, *args) -> str:
    """The Vega-Lite spec (JSON text) of ``<kind>(*args)`` — e.g. ``spec("timeline", events)`` —, cached."""
    return _spec(json.dumps([kind, args], sort_keys=True, ensure_ascii=False, default=str))


@functools.lru_cache(maxsize=256)
def _spec(key: str) -> str:
    kind, args = json.loads(key)
    if kind not in ("timeline", "counts", "heatmap"):
        raise ValueError(f"unknown chart {kind!r}")
    return globals()[kind](*args).to_json()


def show(spec_json: str) -> None:
    """Draw a chart from its spec, as wide as the column."""
    st.vega_lite_chart(json.loads(spec_json), width="stretch")


def _as_json(chart: alt.Chart | str) -> str:
    return chart if isinstance(chart, str) else chart.to_json()


def remember_figure(name: str, chart: alt.Chart | str) -> None:
    """Record the page's figure (a chart or its spec) as the "current view" for the Export page."""
    st.session_state["current_figure"] = {"name": name, "spec": _as_json(chart)}


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


def figure_downloads(name: str, chart: alt.Chart | str, key: str) -> None:
    """SVG and PNG download buttons for a chart or its spec (the files are made only when clicked)."""
    spec = _as_json(chart)
    cols = st.columns(3)
    if can_convert():
        cols[0].download_button(
            "Figure as SVG",
            lambda: figure_bytes(spec, "svg"),
            f"{name}.svg",
            "image/svg+xml",
            key=f"{key}_svg",
            on_click="ignore",
        )
        cols[1].download_button(
            "Figure as PNG",
            lambda: figure_bytes(spec, "png"),
            f"{name}.png",
            "image/png",
            key=f"{key}_png",
            on_click="ignore",
        )
    cols[2].download_button(
        "Vega-Lite spec",
        lambda: figure_bytes(spec, "json"),
        f"{name}.vl.json",
        "application/json",
        key=f"{key}_json",
        on_click="ignore",
    )
