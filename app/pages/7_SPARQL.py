"""SPARQL: an editor preloaded with the saved research queries; results as a table, CSV/JSON downloads.

Read-only (the store is opened read-only; updates are refused), with a row cap and a timeout after which the
query is stopped. URL: ``?query=01-instruments`` (a saved query, run on load) or ``?sparql=<text>``.
"""

import streamlit as st
from components import run_sparql, setup, share_box, synced

from regkg.api import PREFIXES, saved_queries

setup("SPARQL")
st.title("SPARQL")

saved = {q.name: q for q in saved_queries()}
CUSTOM = "custom"
name = synced(
    st.selectbox,
    "Saved research question",
    [CUSTOM, *saved],
    "query",
    default=next(iter(saved), CUSTOM),
    format_func=lambda n: "your own query" if n == CUSTOM else f"{saved[n].title} ({n})",
)
if name != CUSTOM:
    st.markdown(f"*{saved[name].question}*")
text_default = (
    saved[name].sparql
    if name != CUSTOM
    else st.query_params.get("sparql", "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10")
)

c1, c2 = st.columns(2)
row_cap = c1.number_input("Row cap", min_value=1, max_value=100_000, value=1000, step=500)
timeout = c2.number_input("Timeout (seconds)", min_value=1.0, max_value=120.0, value=10.0, step=1.0)
text = st.text_area("Query", text_default, height=260, key=f"_sparql_{name}")
st.caption(
    "Predefined prefixes: "
    + ", ".join(f"`{line.split()[1]}`" for line in PREFIXES.strip().splitlines())
    + ". The default graph is the union of all named graphs."
)

run = st.button("Run", type="primary")
edited = text.strip() != text_default.strip()
if run and edited:
    st.query_params["query"] = CUSTOM
    st.query_params["sparql"] = text
# a saved query runs when the page opens; an edited one when asked
if run or not edited:
    res = run_sparql(text, row_cap, timeout)
    if res.timed_out:
        st.warning(res.error, icon=":material/timer_off:")
    elif res.error:
        st.error(res.error)
    else:
        more = f" — only the first {row_cap} are shown (the row cap)" if res.truncated else ""
        st.markdown(
            f"**{len(res.rows)} {'row' if len(res.rows) == 1 else 'rows'}**{more} · {res.elapsed * 1000:.0f} ms"
        )
        st.dataframe(
            [dict(zip(res.columns, r, strict=True)) for r in res.rows], hide_index=True, width="stretch"
        )
        stem = name if name != CUSTOM else "regkg-query"
        d1, d2, _ = st.columns([1, 1, 4])
        d1.download_button("CSV", res.to_csv, f"{stem}.csv", "text/csv", on_click="ignore")
        d2.download_button("JSON", res.to_json, f"{stem}.json", "application/json", on_click="ignore")
        st.session_state["current_comparison"] = {
            "title": saved[name].title if name != CUSTOM else "SPARQL result",
            "columns": res.columns,
            "rows": res.rows[:200],
        }
share_box()
