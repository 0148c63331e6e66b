"""Search: full text in Chinese and English, citations through the resolver, filters.

URL: ``?q=个人信息&lang=zh&in=pipl-2021&topic=…&role=…&modality=obligation``.
"""

import streamlit as st
from components import (
    LANG_NAMES,
    MODALITY_ORDER,
    browse_link,
    data,
    highlight,
    instrument_ids,
    instrument_label,
    layer_built,
    md_escape,
    setup,
    share_box,
    short,
    snippet,
    synced,
    synced_multi,
    synced_text,
    to_csv,
)

from regkg.api import query_terms, search_texts

PER_PAGE = 15

setup("Search")
st.title("Search")
st.caption(
    'Words or "a phrase" in Chinese or English (all words must occur), or a citation such as “PIPL 13”, “Article 6(2) AI Act”, “网络安全法第四十二条”, “第十七条”.'
)

query = synced_text(
    "Search the texts", "q", placeholder="个人信息 · deep synthesis · PIPL 13", reset=("page",)
)
c1, c2 = st.columns([1, 3])
with c1:
    lang = synced(
        st.segmented_control,
        "Language",
        ["all", "zh", "en"],
        "lang",
        default="all",
        format_func=lambda v: LANG_NAMES.get(v, "both"),
    )
with c2:
    chosen = synced_multi(
        "Instruments", instrument_ids(), "in", format_func=instrument_label, placeholder="all instruments"
    )


def filter_box(label: str, param: str, options: dict[str, str], built: bool, missing: str) -> str | None:
    """A URL-synced filter ("" = any), or a disabled box saying which layer is missing."""
    if not built:
        st.selectbox(label, [f"{missing}: not built yet"], disabled=True)
        return None
    return synced(
        st.selectbox,
        label,
        ["", *options],
        param,
        default="",
        format_func=lambda v: options.get(v, f"any {label.lower()}"),
    )


c3, c4, c5 = st.columns(3)
with c3:
    topic = filter_box(
        "Topic",
        "topic",
        {t["iri"]: t["label"].get("en", t["iri"]) for t in data("topics")} if layer_built("topics") else {},
        layer_built("topics"),
        "topics",
    )
with c4:
    has_roles = layer_built("actors") or layer_built("duties")
    role = filter_box(
        "Role",
        "role",
        {r["iri"]: f"{r['id']} — {r['label'].get('en', '')}" for r in data("roles")} if has_roles else {},
        has_roles,
        "roles",
    )
with c5:
    modality = filter_box(
        "Modality", "modality", {m: m for m in MODALITY_ORDER}, layer_built("duties"), "duties"
    )

if query:
    # a citation first, through the resolver
    context = chosen[0] if len(chosen) == 1 else None
    res = data("resolve", query, context)
    if res and res.get("ok") and res.get("unit"):
        node = res.get("node") or {}
        label = (node.get("label") or {}).get("en") or res.get("label") or res["unit"]
        version = f" (version: {res['version']})" if res.get("version") else ""
        st.success(
            f"Citation “{md_escape(query)}” → {md_escape(short(node.get('instrument') or res.get('instrument', '')))} {md_escape(label)}{md_escape(version)}"
        )
        browse_link(
            node.get("instrument") or res["instrument"],
            res["unit"],
            f"Open {short(node.get('instrument') or res['instrument'])} {label}",
            icon=":material/article:",
        )
    elif res and res.get("missing"):
        st.caption("Citation look-up: the citation resolver is not built yet; searching the texts only.")

    units = (
        data("filter_units", topic=topic or None, role=role or None, modality=modality or None)
        if (topic or role or modality)
        else None
    )
    texts = data("texts")
    hits = search_texts(
        texts,
        query,
        lang=None if lang == "all" else lang,
        instruments=chosen or None,
        units=set(units) if units is not None else None,
        limit=500,
    )
    terms = query_terms(query)
    n = len(hits)
    more = "+ passages** (the first 500)" if n >= 500 else (" passage**" if n == 1 else " passages**")
    st.markdown(f"**{n}{more}")
    if hits:
        table = [
            {
                "instrument": h["instrument"],
                "unit": h["unit"],
                "label": h["label"].get("en", ""),
                "lang": h["lang"],
                "text": h["text"],
                "iri": h["iri"],
            }
            for h in hits
        ]
        st.download_button(
            "Results as CSV", lambda: to_csv(table), "regkg-search.csv", "text/csv", on_click="ignore"
        )
    # a page of results at a time (?page=2): each result is a link and a snippet
    pages = max(1, -(-n // PER_PAGE))
    page = min(
        pages,
        max(1, int(st.query_params.get("page", "1")) if st.query_params.get("page", "1").isdigit() else 1),
    )
    for h in hits[(page - 1) * PER_PAGE : page * PER_PAGE]:
        label = h["label"].get("en") or h["label"].get("zh") or h["unit"] or ""
        if h["unit"]:
            browse_link(
                h["instrument"],
                h["unit"],
                f"{short(h['instrument'])} · {label} · {LANG_NAMES.get(h['lang'], h['lang'])}",
            )
        window, spans = snippet(h["text"], terms)
        st.html(f'<div class="rk-text rk-hit" lang="{h["lang"]}">{highlight(window, spans)}</div>')
    if pages > 1:
        synced(
            st.segmented_control,
            "Page",
            [str(i) for i in range(1, pages + 1)],
            "page",
            default="1",
            label_visibility="collapsed",
        )
else:
    st.caption("Type a word, a phrase or a citation.")
share_box()
