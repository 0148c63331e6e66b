"""Export: the graph (Turtle, JSON-LD, TriG …), GraphML/GEXF, CSV tables, a LaTeX table of the current
comparison, a figure of the current view, and BibTeX / CSL-JSON for selected provisions.

URL: ``?instrument=pipl-2021&article=13&article=14`` preselects provisions to cite.
"""

import charts
import streamlit as st
from components import (
    data,
    explorer,
    instrument_ids,
    instrument_label,
    setup,
    share_box,
    synced,
    synced_multi,
    topic_order,
    topic_table,
)

from regkg.api import latex_table

setup("Export")
st.title("Export")
ex = explorer()

st.subheader("The graph")
st.caption("Files are made when you click (the JSON-LD takes a few seconds).")
FORMATS = {
    "ttl": ("Turtle", "text/turtle"),
    "jsonld": ("JSON-LD", "application/ld+json"),
    "trig": ("TriG (named graphs)", "application/trig"),
    "nq": ("N-Quads", "application/n-quads"),
    "nt": ("N-Triples", "application/n-triples"),
    "rdfxml": ("RDF/XML", "application/rdf+xml"),
    "graphml": ("GraphML (network)", "application/graphml+xml"),
    "gexf": ("GEXF (Gephi)", "application/gexf+xml"),
    "csv": ("CSV tables (zip)", "application/zip"),
}
cols = st.columns(5)
for i, (fmt, (label, mime)) in enumerate(FORMATS.items()):
    name = "regkg-tables.zip" if fmt == "csv" else f"regkg.{'rdf' if fmt == 'rdfxml' else fmt}"
    cols[i % 5].download_button(
        label, lambda fmt=fmt: ex.export_bytes(fmt), name, mime, key=f"dl_{fmt}", on_click="ignore"
    )

st.subheader("The current comparison as a LaTeX table")
comparison = st.session_state.get("current_comparison")
if comparison is None and data("layers")["topics"]["built"]:
    cells = data("topic_matrix")
    comparison = topic_table(cells, topic_order(cells))
if comparison is None:
    # no comparison layer yet and nothing chosen: the instruments table is still a comparison researchers use
    insts = data("instruments")
    comparison = {
        "title": "Instruments compared",
        "columns": ["instrument", "jurisdiction", "kind", "date", "articles", "English"],
        "rows": [
            [
                d["short"].get("en", d["id"]),
                d["jurisdiction"],
                d["kind"],
                d.get("date") or "",
                d["counts"].get("articles", 0),
                next((e.get("status") for e in d["expressions"] if e["lang"] == "en"), "none"),
            ]
            for d in insts
        ],
    }
st.caption(f"From the last comparison you viewed (Compare or SPARQL page); now: **{comparison['title']}**.")
tex = latex_table(comparison["columns"], comparison["rows"], caption=comparison["title"], label="tab:regkg")
st.code(tex[:3000] + ("\n…" if len(tex) > 3000 else ""), language="latex")
st.download_button("LaTeX table", tex, "regkg-table.tex", "application/x-tex", on_click="ignore")

st.subheader("A figure of the current view")
fig = st.session_state.get("current_figure")
if fig is None:
    fig = {"name": "regkg-timeline", "spec": charts.spec("timeline", data("timeline"))}
st.caption(f"From the last figure you viewed (Overview, Compare or Network page); now: **{fig['name']}**.")
charts.figure_downloads(fig["name"], fig["spec"], key="export_figure", image_label="{}")

st.subheader("Cite provisions: BibTeX or CSL-JSON")
inst = synced(
    st.selectbox,
    "Instrument",
    instrument_ids(),
    "instrument",
    default="pipl-2021",
    format_func=instrument_label,
    reset=("article",),
)
units = [t for t in data("toc", inst) if t["unit"]]
labels = {
    t["unit"]: (t["label"].get("en") or t["unit"])
    + (f" · {t['heading']['en']}" if t["heading"].get("en") else "")
    for t in units
}
picked = synced_multi(
    "Articles", list(labels), "article", format_func=labels.get, placeholder="the whole instrument"
)
iris = [data("unit_iri", inst, u) for u in picked] or [data("instrument", inst)["iri"]]
extra = [i for i in st.session_state.get("cite_list", []) if i not in iris]
if extra:
    keep = st.checkbox(
        f"Also the {len(extra)} provisions of your citation list (added on the Browse page)", value=True
    )
    iris += extra if keep else []
style = st.segmented_control("Format", ["BibTeX", "CSL-JSON"], default="BibTeX", key="cite_fmt")
text = data("bibtex", iris) if style != "CSL-JSON" else data("csl_json", iris)
st.code(text, language="bibtex" if style != "CSL-JSON" else "json")
ext, mime = (".json", "application/json") if style == "CSL-JSON" else (".bib", "application/x-bibtex")
st.download_button(
    f"Download {style or 'BibTeX'}", text, f"regkg-citations{ext}", mime, key="dl_cite", on_click="ignore"
)
share_box()
