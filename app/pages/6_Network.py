"""Network: references among articles and instruments (and roles), with filters; a click on a node opens it.

URL: ``?in=genai-measures-2023&cites=1&relations=1&roles=0&all=0``.
"""

import io

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
from st_cytoscape import cytoscape

# the three CAC rules on AI services: how they cite each other and the laws above them (all 10 instruments
# make a dense graph that is slow to lay out; pick them in the list)
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

COLOURS = {  # by node type, where the instrument gives no colour
    "instrument": "#1f2937",
    "external": "#9ca3af",
    "article": "#2563eb",
    "annex": "#7c3aed",
    "recital": "#0891b2",
    "item": "#ca8a04",
    "role": "#059669",
    "preamble": "#0891b2",
}
EDGE_COLOURS = {"cites": "#2563eb", "part of": "#d1d5db", "mentions": "#10b981"}
PALETTE = [
    "#2563eb",
    "#dc2626",
    "#059669",
    "#d97706",
    "#7c3aed",
    "#db2777",
    "#0891b2",
    "#65a30d",
    "#9333ea",
    "#ea580c",
]
colour_of = {iid: PALETTE[i % len(PALETTE)] for i, iid in enumerate(instrument_ids())}
elements = [
    {
        "data": {
            "id": n["id"],
            "label": n.get("tag") or n["label"],
            "type": n["type"],
            "colour": colour_of.get(n["instrument"], COLOURS.get(n["type"], "#6b7280")),
        },
        "classes": n["type"],
        "selectable": True,
    }
    for n in nodes
] + [
    {
        "data": {
            "id": f"{e['source']}|{e['type']}|{e['target']}",
            "source": e["source"],
            "target": e["target"],
            "label": e["type"] if e["type"] not in ("cites", "part of", "mentions") else "",
            "type": e["type"],
        },
        "selectable": False,
    }
    for e in edges
]
stylesheet = [
    {
        "selector": "node",
        "style": {
            "label": "data(label)",
            "font-size": 8,
            "width": 12,
            "height": 12,
            "background-color": "data(colour)",
            "text-valign": "bottom",
            "color": "#374151",
        },
    },
    {
        "selector": "node.instrument",
        "style": {
            "width": 30,
            "height": 30,
            "font-size": 11,
            "font-weight": "bold",
            "shape": "round-rectangle",
            "color": "#111827",
        },
    },
    {
        "selector": "node.external",
        "style": {"background-color": "#9ca3af", "shape": "diamond", "font-size": 8},
    },
    {"selector": "node.role", "style": {"background-color": "#10b981", "shape": "triangle"}},
    {
        "selector": "edge",
        "style": {
            "width": 1.2,
            "curve-style": "bezier",
            "target-arrow-shape": "triangle",
            "arrow-scale": 0.7,
            "line-color": "#f59e0b",
            "target-arrow-color": "#f59e0b",
            "label": "data(label)",
            "font-size": 8,
            "color": "#92400e",
        },
    },
    *[
        {"selector": f'edge[type = "{t}"]', "style": {"line-color": c, "target-arrow-color": c}}
        for t, c in EDGE_COLOURS.items()
    ],
    {
        "selector": 'edge[type = "part of"]',
        "style": {"target-arrow-shape": "none", "width": 0.6, "line-style": "dotted"},
    },
    {"selector": ":selected", "style": {"border-width": 3, "border-color": "#f59e0b"}},
]
layout = (
    {
        "name": "cose",
        "animate": False,
        "randomize": False,
        "nodeRepulsion": 400000,
        "idealEdgeLength": 70,
        "nodeOverlap": 20,
        "gravity": 0.25,
        "numIter": 1500,
    }
    if len(nodes) < 400
    else {"name": "concentric", "animate": False, "minNodeSpacing": 6}
)
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
    "Dots are articles (by number), coloured by instrument; squares are instruments, grey diamonds instruments outside the corpus, triangles roles."
)

key = "net_" + "_".join(sorted(chosen)) + f"{int(cites)}{int(relations)}{int(roles)}{int(all_units)}"


@st.fragment
def graph() -> None:
    """The graph, in a fragment: the selection it reports (once when drawn, then on each click) reruns only this."""
    selected = cytoscape(
        elements, stylesheet, height="620px", layout=layout, selection_type="single", key=key
    )
    # a click opens the node: an article in Browse, an instrument's contents, a role in Actors
    picked = (selected or {}).get("nodes") or []
    if picked and st.session_state.get("_net_last") != (key, picked[0]):
        st.session_state["_net_last"] = (key, picked[0])
        node = next((n for n in nodes if n["id"] == picked[0]), None)
        if node and node["type"] == "role":
            st.switch_page(PAGES["Actors"][0], query_params={"role": node["id"]})
        elif node and node["instrument"]:
            params = {"instrument": node["instrument"]} | ({"article": node["unit"]} if node["unit"] else {})
            st.switch_page(PAGES["Browse"][0], query_params=params)


graph()

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
