"""Network: references among articles and instruments (and roles), with filters; a click on a node opens it.

URL: ``?in=genai-measures-2023&cites=1&relations=1&roles=0&all=0``.
"""

import io
import json

import charts
import networkx as nx
import streamlit as st
from components import (
    PAGES,
    data,
    esc,
    instrument_ids,
    instrument_label,
    layer_built,
    not_built,
    setup,
    share_box,
    short,
    synced_multi,
    synced_toggle,
)

# the three CAC rules on AI services: how they cite each other and the laws above them (all 10 instruments
# make a dense graph; pick them in the list)
DEFAULT_CITING = ["genai-measures-2023", "deep-synthesis-2022", "algorithm-recommendation-2021"]

setup("Network")
st.title("Network")

c1, c2 = st.columns([2, 3])
with c1:
    chosen = synced_multi(
        "Citing instruments",
        instrument_ids(),
        "in",
        default=DEFAULT_CITING,
        format_func=instrument_label,
        placeholder="all instruments",
    )
with c2:
    t1, t2, t3, t4 = st.columns(4)
    with t1:
        cites = synced_toggle("citations", "cites", default=True)
    with t2:
        relations = synced_toggle("versions, amendments, legal bases", "relations", default=True)
    with t3:
        roles = synced_toggle("roles", "roles", default=False, disabled=not layer_built("actors"))
    with t4:
        all_units = synced_toggle("every article", "all", default=False)

if not layer_built("references"):
    not_built("references", "References between articles")
if roles and not layer_built("actors"):
    not_built("actors", "Roles")

net = data(
    "network",
    instruments=chosen or None,
    citations=cites,
    relations=relations,
    roles=roles and layer_built("actors"),
    all_units=all_units,
)
nodes, edges = net["nodes"], net["edges"]
st.caption(f"{len(nodes)} nodes · {len(edges)} edges · click a node to open it")

PALETTE = [  # ten colours told apart easily (Tableau 10, its grey swapped for a cyan: grey marks outside nodes)
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#17becf",
]
colour_of = {iid: PALETTE[i % len(PALETTE)] for i, iid in enumerate(instrument_ids())}
shown = sorted({n["instrument"] for n in nodes if n["instrument"]})
st.html(
    '<div class="rk-legend rk-small">'
    + "".join(
        f'<span style="border-left: 0.8rem solid {colour_of[i]}">{esc(short(i))}</span>'
        for i in shown
        if i in colour_of
    )
    + "</div>"
)
st.caption(
    "Circles are articles (by number), coloured by instrument; squares are instruments, grey diamonds "
    "instruments outside the corpus, triangles roles. "
    + (
        "Edges taper from the citing node to the cited one. "
        if len(nodes) <= charts.BIG_NETWORK
        else f"Over {charts.BIG_NETWORK} nodes: plain edges, and only instruments and roles named (hover a dot). "
    )
    + "Wheel to zoom, drag to pan, click a node to open it."
)

# A Vega-Lite chart (no iframe): the layout is computed once per graph (the same picture for the same URL) and
# a click on a node reruns the page with the node selected.
figure = charts.spec("network", nodes, edges, colour_of)
view = "_".join(sorted(chosen)) + f"{int(cites)}{int(relations)}{int(roles)}{int(all_units)}"
event = st.vega_lite_chart(
    json.loads(figure), width="stretch", on_select="rerun", selection_mode="node", key=f"net_{view}"
)
picked = [p["id"] for p in (event.selection.get("node") or []) if p.get("id")]
if picked:  # (leaving the page drops the chart's selection: coming back does not open it again)
    node = next((n for n in nodes if n["id"] == picked[0]), None)
    if node and node["type"] == "role":
        st.switch_page(PAGES["Actors"][0], query_params={"role": node["id"]})
    elif node and node["instrument"]:
        params = {"instrument": node["instrument"]} | ({"article": node["unit"]} if node["unit"] else {})
        st.switch_page(PAGES["Browse"][0], query_params=params)
charts.remember_figure("regkg-network", figure)
charts.figure_downloads("regkg-network", figure, key="network")

with st.expander(f"Edges ({len(edges)})"):
    label = {n["id"]: n["label"] for n in nodes}  # full names in the table
    st.dataframe(
        [
            {
                "from": label[e["source"]],
                "relation": e["type"],
                "to": label[e["target"]],
                "weight": e["weight"],
            }
            for e in edges
        ],
        hide_index=True,
        width="stretch",
    )


def graphml() -> bytes:
    g = nx.DiGraph()
    for n in nodes:
        g.add_node(n["id"], label=n["label"], type=n["type"], instrument=n["instrument"] or "")
    for e in edges:
        g.add_edge(e["source"], e["target"], type=e["type"], weight=e["weight"])
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    return buf.getvalue()


st.download_button(
    "This view as GraphML",
    graphml,
    "regkg-network-view.graphml",
    "application/graphml+xml",
    on_click="ignore",
)
share_box()
