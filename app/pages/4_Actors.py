"""Actors: a role → its duties across all instruments, grouped by modality, with the cross-jurisdiction crosswalk.

URL: ``?role=<role IRI>&modality=obligation``.
"""

import streamlit as st
from components import (
    MODALITY_ORDER,
    data,
    esc,
    layer_built,
    md_escape,
    not_built,
    setup,
    share_box,
    short,
    synced,
    synced_toggle,
    to_csv,
    view_url,
)

from regkg.api import glossary_terms

# display names of the vocabularies the crosswalk maps to (for reading only; IRIs stay as they are)
VOCABS = {
    "https://w3id.org/dpv/legal/eu/aiact#": "eu-aiact:",
    "https://w3id.org/dpv/tech#": "tech:",
    "https://w3id.org/dpv#": "dpv:",
    "https://w3id.org/airo#": "airo:",
}


def compact(iri: str) -> str:
    for ns, prefix in VOCABS.items():
        if iri.startswith(ns):
            return prefix + iri[len(ns) :]
    return iri


setup("Actors")
st.title("Actors")

if not (layer_built("duties") or layer_built("actors")):
    not_built("duties", "Actors and duties")
    st.subheader("The role vocabulary of the glossary")
    st.caption(
        "Until the actors layer is built, here are the roles and authorities of corpus/glossary.yaml (the labels the graph will use)."
    )
    st.dataframe(
        [
            {
                "中文": t["zh"],
                "English": t["en"],
                "kind": t["category"],
                "instruments": ", ".join(t["instruments"]),
                "note": t["note"],
            }
            for t in glossary_terms()
        ],
        hide_index=True,
        width="stretch",
    )
    share_box()
    st.stop()

roles = data("roles")
by_iri = {r["iri"]: r for r in roles}


def role_label(iri: str) -> str:
    r = by_iri[iri]
    names = " / ".join(v for v in (r["label"].get("en"), r["label"].get("zh")) if v)
    return f"{r['id']} — {names} ({r['duties']} duties)"


role = synced(
    st.selectbox,
    "Role or authority",
    list(by_iri),
    "role",
    default=roles[0]["iri"] if roles else None,
    format_func=role_label,
)
if role is None:
    st.caption("No roles in this build.")
    st.stop()
r = by_iri[role]
st.subheader(" / ".join(v for v in (r["label"].get("en"), r["label"].get("zh")) if v) or r["id"])
st.caption(f"`{r['id']}` · {r['mentions']} provisions mention it · {r['duties']} duties · IRI `{role}`")

st.subheader("Crosswalk across jurisdictions")
if not layer_built("crosswalk"):
    not_built("crosswalk", "The actor crosswalk")
else:
    matches = data("crosswalk", role)
    direct = [m for m in matches if not m.get("via")]
    peers = [m for m in matches if m.get("via")]
    if not direct:
        st.caption("No mapping recorded for this role.")
    else:
        st.dataframe(
            [
                {
                    "relation": m["relation"],
                    "maps to": m.get("other_en") or m.get("other_zh") or compact(m["other"]),
                    "id": m.get("other_notation") or compact(m["other"]),
                    "why": m.get("note") or "",
                }
                for m in direct
            ],
            hide_index=True,
            width="stretch",
        )
    if peers:
        st.markdown("**The same cross-jurisdiction role in other instruments**")
        xj_names = {m["other"]: m.get("other_en") or m["other"] for m in direct}
        for via in sorted({m["via"] for m in peers}):
            st.markdown(f"*{md_escape(xj_names.get(via, via.rsplit('/', 1)[-1]))}*")
            for m in (x for x in peers if x["via"] == via):
                name = m.get("other_en") or m.get("other_zh") or m["other"]
                label = f"{m.get('other_notation') or ''} — {name} ({m['relation']})"
                if m["other"] in by_iri:
                    st.page_link(
                        "pages/4_Actors.py",
                        label=label,
                        query_params={"role": m["other"]},
                        icon=":material/sync_alt:",
                    )
                else:
                    st.markdown(md_escape(label))
                if m.get("note"):
                    st.caption(m["note"])

st.subheader("Duties by modality")
if not layer_built("duties"):
    not_built("duties", "Duties")
    st.stop()
duties = data("duties", role=role)
# the same duty is read from the authoritative text and from an English translation: by default, the former
authoritative = {
    d["id"]: next((e["lang"] for e in d["expressions"] if e.get("authoritative")), None)
    for d in data("instruments")
}
with_translations = synced_toggle("also duties read from English translations", "tr", default=False)
if not with_translations:
    duties = [d for d in duties if d.get("lang") in (None, authoritative.get(d["id"]))]
modalities = [m for m in MODALITY_ORDER if any(d["modality"] == m for d in duties)] + sorted(
    {d["modality"] for d in duties} - set(MODALITY_ORDER)
)
if not duties:
    st.caption("No duty of this role was extracted.")
    share_box()
    st.stop()
instruments = sorted({d["id"] for d in duties})
counts = {(d["modality"], d["id"]): 0 for d in duties}
for d in duties:
    counts[(d["modality"], d["id"])] += 1
st.html(
    '<table class="rk-table rk-small"><tr><th>modality</th>'
    + "".join(f"<th>{esc(short(i))}</th>" for i in instruments)
    + "</tr>"
    + "".join(
        f"<tr><td>{esc(m)}</td>"
        + "".join(f"<td>{counts.get((m, i), '')}</td>" for i in instruments)
        + "</tr>"
        for m in modalities
    )
    + "</table>"
)
choice = synced(
    st.segmented_control,
    "Modality",
    ["all", *modalities],
    "modality",
    default="all",
    format_func=lambda m: f"{m} ({len(duties) if m == 'all' else sum(d['modality'] == m for d in duties)})",
)
shown = [d for d in duties if choice in (None, "all") or d["modality"] == choice]
order = {m: i for i, m in enumerate(modalities)}
shown.sort(key=lambda d: (order.get(d["modality"], 99), d["id"], d.get("provision") or ""))
table = [
    {
        "open": view_url("Browse", instrument=d["id"], article=d["unit"]) if d.get("unit") else None,
        "modality": d["modality"],
        "instrument": short(d["id"]),
        "provision": d.get("label"),
        "action": d.get("action") or d.get("evidence"),
        "conditions": "; ".join(d["conditions"]),
        "exceptions": "; ".join(d["exceptions"]),
        "bearer from": d.get("bearer_source"),
        "lang": d.get("lang"),
        "review": d.get("review"),
    }
    for d in shown
]
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        "open": st.column_config.LinkColumn("open", display_text="article", width="small"),
        "action": st.column_config.TextColumn(width="large"),
    },
)
st.download_button(
    "These duties as CSV",
    lambda: to_csv(
        [
            {k: v for k, v in d.items() if not isinstance(v, list)}
            | {"conditions": "; ".join(d["conditions"]), "exceptions": "; ".join(d["exceptions"])}
            for d in shown
        ]
    ),
    "regkg-duties.csv",
    "text/csv",
    on_click="ignore",
)
share_box()
