"""Overview: the instruments (jurisdiction, issuer, dates, status, counts), a timeline, graph statistics."""

import charts
import streamlit as st
from components import data, instruments, layers, setup, share_box, synced, view_url

setup("Overview")
st.title("Overview")

jur = synced(st.segmented_control, "Jurisdiction", ["all", "CN", "EU"], "jurisdiction", default="all")
insts = [d for d in instruments() if jur in (None, "all") or d["jurisdiction"] == jur]

rows = []
for d in insts:
    auth = [e["lang"] for e in d["expressions"] if e.get("authoritative")]
    trans = [f"{e['lang']}: {e.get('status') or ''}" for e in d["expressions"] if not e.get("authoritative")]
    rows.append(
        {
            "open": view_url("Browse", instrument=d["id"]),
            "short title": d["short"].get("en", d["id"]),
            "jurisdiction": d["jurisdiction"],
            "title": d["title"].get("en") or d["title"].get("zh"),
            "中文标题": d["title"].get("zh", ""),
            "kind": d["kind"],
            "issuer": "; ".join(i.get("en", "") for i in d["issuers"]),
            "date": d.get("date"),
            "in force from": d.get("effective"),
            "status": d["status"],
            "articles": d["counts"].get("articles", 0),
            "paragraphs": d["counts"].get("paragraphs", 0),
            "points": d["counts"].get("points", 0),
            "authoritative": ", ".join(auth),
            "translations": "; ".join(trans) or "none",
            "id": d["id"],
        }
    )
st.subheader(f"Instruments ({len(rows)})")
st.dataframe(
    rows,
    hide_index=True,
    width="stretch",
    column_config={
        "open": st.column_config.LinkColumn("open", display_text="browse", width="small"),
        "title": st.column_config.TextColumn(width="large"),
    },
)

relations = [
    r
    for r in data("instrument_relations")
    if jur in (None, "all") or any(d["id"] == r["from"] for d in insts)
]
if relations:
    with st.expander("Versions, amendments and legal bases between instruments"):
        st.dataframe(relations, hide_index=True, width="stretch")

st.subheader("Timeline")
events = [e for e in data("timeline") if any(d["id"] == e["id"] for d in insts)]
if events:
    chart = charts.spec("timeline", events)
    charts.show(chart)
    charts.remember_figure("regkg-timeline", chart)
    charts.figure_downloads("regkg-timeline", chart, key="timeline")

st.subheader("Graph statistics")
stats = data("stats")
c1, c2 = st.columns([1, 2])
with c1:
    st.metric("Triples (statements)", f"{stats.get('triples', 0):,}")
    st.dataframe(
        [
            {"layer": k, "records": v["count"], "status": "built" if v["built"] else "not built yet"}
            for k, v in layers().items()
        ],
        hide_index=True,
        width="stretch",
    )
with c2:
    per = stats.get("instruments", {})
    keys = sorted({k for v in per.values() for k, n in v.items() if n})
    table = [
        {"instrument": iid, **{k: counts.get(k, 0) for k in keys}}
        for iid, counts in per.items()
        if any(d["id"] == iid for d in insts)
    ]
    st.dataframe(table, hide_index=True, width="stretch")
    bars = [
        {
            "id": d["id"],
            "short": d["short"].get("en", d["id"]),
            "jurisdiction": d["jurisdiction"],
            "articles": d["counts"].get("articles", 0),
        }
        for d in insts
    ]
    if bars:
        charts.show(charts.spec("counts", bars, "articles"))
share_box()
