"""Browse: instrument → chapters → articles; an article in Chinese and English side by side, with its layers.

URL: ``?instrument=pipl-2021&article=13`` (an article; also annex_III, rec_12, item_3, preamble),
``?instrument=pipl-2021&part=chp_2`` (a chapter), ``?instrument=pipl-2021`` (the instrument).
"""

import streamlit as st
from article import render_article, render_instrument, render_part
from components import (
    LONG_LIST,
    data,
    instrument_ids,
    instrument_label,
    qp_set,
    setup,
    share_box,
    synced,
)

setup("Browse")

ids = instrument_ids()
left, right = st.columns([1, 3], gap="large")
with left:
    inst = synced(
        st.selectbox,
        "Instrument",
        ids,
        "instrument",
        default="pipl-2021",
        reset=("article", "part"),
        format_func=instrument_label,
    )
    toc = data("toc", inst) or []
    # the parts a reader picks from: top-level structure (titles, chapters), the recitals, the annexes
    parts = {"": "All articles"}
    for t in toc:
        if t["kind"] in ("part", "title", "chapter") and t["depth"] == 0:
            head = t["heading"].get("en") or t["heading"].get("zh") or ""
            parts[t["eid"]] = t["label"].get("en", t["eid"]) + (f" — {head}" if head else "")
    if any(t["kind"] == "recital" for t in toc):
        parts["recitals"] = "Preamble and recitals"
    if any(t["kind"] == "annex" for t in toc):
        parts["annexes"] = "Annexes"

    def in_part(t: dict, part: str) -> bool:
        if part == "recitals":
            return t["kind"] in ("recital", "preamble")
        if part == "annexes":
            return t["kind"] == "annex"
        if part == "":
            return t["kind"] in ("article", "item") or (t["kind"] == "preamble" and "recitals" not in parts)
        return t["kind"] in ("article", "item") and (
            t["container"] == part or t["container"].startswith(part + "__")
        )

    units = [t for t in toc if t["unit"]]
    by_unit = {t["unit"]: t for t in units}
    wanted = st.query_params.get("article")
    if wanted in by_unit and st.query_params.get("part") not in ("all", *parts):
        # an article given by the URL alone: open the part that holds it
        qp_set(part=next((p for p in parts if p and in_part(by_unit[wanted], p)), "all"))
    part = synced(
        st.selectbox,
        "Part",
        ["all", *[p for p in parts if p]],
        "part",
        default="all",
        reset=("article",),
        format_func=lambda p: parts["" if p == "all" else p],
    )
    part = "" if part == "all" else part
    shown = [t["unit"] for t in units if in_part(t, part)]

    def unit_title(u: str) -> str:
        t = by_unit[u]
        head = t["heading"].get("en") or t["heading"].get("zh") or ""
        lab = t["label"].get("en") or t["label"].get("zh") or u
        return f"{lab} · {head}" if head else lab

    # the article list: its value is the URL's article (none selected: the part or instrument is shown). A long
    # list (all articles of a large instrument) is a searchable drop-down: a radio button per article would
    # cost the page about 1.5 ms a button to draw on every visit.
    st.session_state["_w_article"] = wanted if wanted in shown else None
    if len(shown) > LONG_LIST:
        st.selectbox(
            "Article",
            shown,
            key="_w_article",
            format_func=unit_title,
            on_change=lambda: qp_set(article=st.session_state["_w_article"]),
            placeholder=f"{len(shown)} articles: type a number or a word",
        )
    else:
        st.radio(
            "Articles",
            shown,
            key="_w_article",
            format_func=unit_title,
            on_change=lambda: qp_set(article=st.session_state["_w_article"]),
            label_visibility="collapsed",
        )

with right:
    if wanted in by_unit:
        render_article(inst, wanted, units)
    elif wanted:
        st.warning(f"{instrument_label(inst)} has no article {wanted!r}.")
    elif part:
        render_part(inst, part, parts[part], [by_unit[u] for u in shown])
    else:
        render_instrument(inst, toc)
    share_box()
