"""regkg explorer: the home page (what is in this build, where to go)."""

import streamlit as st
from components import PAGES, data, explorer, instruments, layers, setup

setup("Home")
st.title("regkg explorer")
st.markdown(
    "A bilingual knowledge graph of Chinese and EU rules on artificial intelligence: every article in the "
    "authoritative text and in English, with its place in the instrument, who translated it, and — as the "
    "extraction and comparison layers are built — its references, actors, duties, defined terms and topics."
)

ex = explorer()
stats = data("stats")
insts = instruments()
c1, c2, c3, c4 = st.columns(4)
c1.metric("Instruments", len(insts))
c2.metric(
    "Chinese / EU",
    f"{sum(d['jurisdiction'] == 'CN' for d in insts)} / {sum(d['jurisdiction'] == 'EU' for d in insts)}",
)
c3.metric("Articles", sum(d["counts"].get("articles", 0) for d in insts))
c4.metric("Triples", f"{stats.get('triples', 0):,}")

st.subheader("Pages")
cols = st.columns(2)
for i, (name, (path, desc)) in enumerate(PAGES.items()):
    with cols[i % 2]:
        st.page_link(path, label=f"**{name}** — {desc}")

st.subheader("Layers in this build")
st.caption("A layer that is not built yet shows a note on the pages that use it.")
st.dataframe(
    [
        {
            "layer": name,
            "what": info["description"],
            "records": info["count"],
            "status": "built" if info["built"] else "not built yet",
        }
        for name, info in layers().items()
    ],
    hide_index=True,
    width="stretch",
)
st.caption(
    f"Build: `{ex.build_dir}` · every view has a shareable URL: copy it from the address bar to cite a view."
)
