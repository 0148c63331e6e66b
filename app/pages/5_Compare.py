"""Compare: the topic × instrument matrix with drill-down, CN↔EU alignments, version diffs.

URL: ``?view=topics&topic=<IRI>&in=…`` · ``?view=alignments&al=<IRI>`` ·
``?view=versions&pair=csl-2016..csl-2025&old=21&new=23&lang=zh``.
"""

import charts
import streamlit as st
from components import (
    LANG_NAMES,
    browse_link,
    data,
    esc,
    instrument_label,
    layer_built,
    md_escape,
    not_built,
    setup,
    share_box,
    short,
    synced,
    synced_multi,
    topic_order,
    topic_table,
    unit_label,
)

from regkg.api import latex_table

setup("Compare")
st.title("Compare")
VIEWS = {"topics": "Topics × instruments", "alignments": "CN ↔ EU alignments", "versions": "Versions"}
view = synced(
    st.segmented_control,
    "View",
    list(VIEWS),
    "view",
    default="topics",
    reset=("topic", "al", "old", "new", "pair"),
    format_func=VIEWS.get,
)


def unit_html(inst: str, unit: str, langs: tuple[str, ...] = ("zh", "en")) -> str:
    """A unit's text, escaped, one block per language present."""
    art = data("article", inst, unit)
    if art is None:
        return '<span class="rk-missing">not in the build</span>'
    blocks = []
    for lg in langs:
        lines = [n[f][lg] for n in art["nodes"] for f in ("heading", "text", "wrap") if n[f].get(lg)]
        if lines:
            blocks.append(
                f'<div class="rk-text" lang="{lg}">' + "<br>".join(esc(x) for x in lines) + "</div>"
            )
    return "<hr>".join(blocks) or '<span class="rk-missing">no text</span>'


def heatmap_html(cells: list[dict], order: list[str]) -> str:
    """The topic × instrument matrix as an escaped HTML table, cells shaded by their number of articles."""
    by = {(c["topic_en"], c["instrument"]): c for c in cells}
    top = max((c["count"] for c in cells), default=1)
    head = "".join(f'<th class="rk-rot"><div>{esc(short(i))}</div></th>' for i in order)
    rows = []
    for t in sorted({c["topic_en"] for c in cells}, key=str.lower):
        tds = []
        for i in order:
            c = by.get((t, i))
            if not c:
                tds.append("<td></td>")
                continue
            shade = 0.12 + 0.78 * c["count"] / top
            colour = "#fff" if shade > 0.55 else "#111827"
            title = f"{short(i)} · {t}: articles {', '.join(unit_label(u) for u in c['units'])}"
            tds.append(
                f'<td class="rk-cell" style="background: rgba(29,78,216,{shade:.2f}); color: {colour}" title="{esc(title)}">{c["count"]}</td>'
            )
        rows.append(f'<tr><th class="rk-topic">{esc(t)}</th>{"".join(tds)}</tr>')
    return (
        f'<div class="rk-scroll"><table class="rk-heat"><tr><th></th>{head}</tr>{"".join(rows)}</table></div>'
    )


def provision_html(iri: str) -> str:
    """One provision's text (with its parts), escaped, per language present."""
    blocks = []
    for lg in ("zh", "en"):
        text = data("unit_text", iri, lg)
        if text:
            blocks.append(f'<div class="rk-text" lang="{lg}">' + esc(text).replace("\n", "<br>") + "</div>")
    return "<hr>".join(blocks) or '<span class="rk-missing">no text</span>'


def diff_html(ops: list) -> str:
    parts = []
    for op, text in ops:
        cls = {"delete": "rk-del", "insert": "rk-ins"}.get(op)
        t = esc(text).replace("\n", "<br>")
        parts.append(f'<span class="{cls}">{t}</span>' if cls else t)
    return '<div class="rk-text">' + "".join(parts) + "</div>"


# ---------------------------------------------------------------------------------------------- topics

if view == "topics":
    if not layer_built("topics"):
        not_built("topics", "Topics")
    else:
        cells = [
            {**c, "articles": ", ".join(unit_label(u) for u in c["units"])} for c in data("topic_matrix")
        ]
        order = topic_order(cells)
        chart = charts.spec("heatmap", cells, order, {i: short(i) for i in order})
        # drawn as an HTML table (a chart library would double the page's first render); the same matrix as a
        # figure (SVG/PNG/Vega-Lite) is in the downloads below and on the Export page
        st.html(heatmap_html(cells, order))
        charts.remember_figure("regkg-topics", chart)
        table = topic_table(cells, order)
        columns, matrix_rows = table["columns"], table["rows"]
        st.session_state["current_comparison"] = table
        with st.expander("The matrix as a table (article numbers)"):
            st.dataframe(
                [dict(zip(columns, r, strict=True)) for r in matrix_rows], hide_index=True, width="stretch"
            )
        c1, c2 = st.columns([1, 3])
        c1.download_button(
            "LaTeX table",
            latex_table(
                columns,
                matrix_rows,
                caption="Topics by instrument (article numbers)",
                label="tab:regkg-topics",
            ),
            "regkg-topics.tex",
            "application/x-tex",
            on_click="ignore",
        )
        with c2:
            charts.figure_downloads("regkg-topics", chart, key="topics")

        st.subheader("Drill down: one topic, side by side")
        by_iri = {t["iri"]: t for t in data("topics")}
        topic = synced(
            st.selectbox,
            "Topic",
            list(by_iri),
            "topic",
            format_func=lambda i: (
                by_iri[i]["label"].get("en", i)
                + (f" · {by_iri[i]['label']['zh']}" if by_iri[i]["label"].get("zh") else "")
            ),
        )
        if topic:
            if by_iri[topic].get("note"):
                st.caption(by_iri[topic]["note"])
            with_topic = [c for c in cells if c["topic"] == topic]
            default = [c["instrument"] for c in with_topic][:3]
            chosen = synced_multi(
                "Instruments side by side",
                [c["instrument"] for c in with_topic],
                "in",
                default=default,
                format_func=instrument_label,
                max_selections=4,
            )
            if chosen:
                cols = st.columns(len(chosen))
                for col, inst in zip(cols, chosen, strict=True):
                    with col:
                        st.markdown(f"**{md_escape(short(inst))}**")
                        units = next(c["units"] for c in with_topic if c["instrument"] == inst)
                        for u in units[:8]:
                            browse_link(inst, u, f"{short(inst)} {u if not u[0].isdigit() else 'Art. ' + u}")
                            st.html(unit_html(inst, u))
                        if len(units) > 8:
                            st.caption(f"… and {len(units) - 8} more: {', '.join(units[8:])}")

# ---------------------------------------------------------------------------------------------- alignments

elif view == "alignments":
    if not layer_built("alignments"):
        not_built("alignments", "CN ↔ EU alignments")
    else:
        juris = {d["id"]: d["jurisdiction"] for d in data("instruments")}
        topics = {t["iri"]: t["label"].get("en", t["iri"]) for t in data("topics")}
        c1, c2, c3 = st.columns([2, 1, 1])
        with c1:
            topic = synced(
                st.selectbox,
                "Topic",
                ["", *topics],
                "topic",
                default="",
                reset=("al",),
                format_func=lambda t: topics.get(t, "all topics"),
            )
        with c2:
            scope = synced(
                st.segmented_control,
                "Pairs",
                ["cn-eu", "all"],
                "pairs",
                default="cn-eu",
                reset=("al",),
                format_func=lambda v: "CN ↔ EU" if v == "cn-eu" else "all",
            )
        with c3:
            review = synced(
                st.selectbox,
                "Review",
                ["any", "confirmed", "computed", "rejected"],
                "review",
                default="any",
                reset=("al",),
            )
        rows = data("alignments", topic=topic or None)
        if scope != "all":
            rows = [r for r in rows if {juris.get(r["a_id"]), juris.get(r["b_id"])} == {"CN", "EU"}]
        if review != "any":
            rows = [r for r in rows if r.get("review") == review]
        table = [
            {
                "type": r.get("type"),
                "score": r.get("score"),
                "text similarity": r.get("similarity"),
                "review": r.get("review"),
                "topics": ", ".join(t["label"] for t in r["topics"]),
                "shared roles": ", ".join(x["label"] for x in r["roles"]),
                "A": f"{short(r['a_id'])} {r.get('a_label') or r.get('a_unit')}",
                "B": f"{short(r['b_id'])} {r.get('b_label') or r.get('b_unit')}",
            }
            for r in rows
        ]
        st.caption(
            f"{len(rows)} pairs · confirmed and rejected pairs were checked by hand; computed ones were not"
        )
        st.dataframe(table, hide_index=True, width="stretch")
        st.session_state["current_comparison"] = {
            "title": "Provision alignments" + (f": {topics.get(topic)}" if topic else ""),
            "columns": ["type", "score", "review", "A", "B"],
            "rows": [[t["type"], t["score"], t["review"], t["A"], t["B"]] for t in table],
        }
        pick = {
            r["al"]: f"{t['A']} ↔ {t['B']} ({t['type']}, {t['review']})"
            for r, t in zip(rows, table, strict=True)
        }
        al = synced(st.selectbox, "Side by side", list(pick), "al", format_func=pick.get) if pick else None
        if al:
            r = next(x for x in rows if x["al"] == al)
            if r.get("note"):
                st.info(md_escape(r["note"]), icon=":material/rate_review:")
            c1, c2 = st.columns(2)
            for col, side in ((c1, "a"), (c2, "b")):
                with col:
                    if r.get(f"{side}_unit"):
                        inst, unit = r[f"{side}_id"], r[f"{side}_unit"]
                        browse_link(inst, unit, f"{short(inst)} {r.get(f'{side}_label') or unit}")
                        st.html(provision_html(r[side]))

# ---------------------------------------------------------------------------------------------- versions

elif view == "versions":
    pairs = {f"{a}..{b}": (a, b) for a, b in data("version_pairs")}
    if not pairs:
        st.caption("No instrument in this build has two versions.")
        st.stop()
    pair = synced(
        st.selectbox,
        "Versions",
        list(pairs),
        "pair",
        reset=("old", "new"),
        format_func=lambda p: f"{short(pairs[p][0])} → {short(pairs[p][1])}",
    )
    older, newer = pairs[pair]
    old_units = [t for t in data("toc", older) if t["kind"] == "article"]
    new_units = [t for t in data("toc", newer) if t["kind"] == "article"]
    langs = [
        lg
        for lg in ("zh", "en")
        if lg in data("instrument", older)["languages"] and lg in data("instrument", newer)["languages"]
    ] or ["en"]
    lang = synced(
        st.segmented_control,
        "Language",
        langs,
        "lang",
        default=langs[0],
        format_func=lambda lg: LANG_NAMES.get(lg, lg),
    )

    if layer_built("versions"):
        corr = data("correspondences", older, newer)
        statuses = sorted({c.get("status") or "" for c in corr})
        st.caption(
            " · ".join(f"**{sum((c.get('status') or '') == x for c in corr)}** {x or '?'}" for x in statuses)
            + " (articles)"
        )
        table = [
            {
                "old": c.get("from_unit") or "",
                "new": c.get("to_unit") or "",
                "status": c.get("status"),
                "similarity": c.get("similarity"),
                "renumbered": c.get("renumbered"),
                "found by": c.get("source"),
                "note": c.get("note"),
            }
            for c in corr
        ]
        st.session_state["current_comparison"] = {
            "title": f"{short(older)} → {short(newer)}: article correspondence",
            "columns": ["old", "new", "status", "similarity"],
            "rows": [[t["old"], t["new"], t["status"], t["similarity"]] for t in table],
        }
        labels = {f"{t['old']}>{t['new']}": t for t in table if t["old"] and t["new"]}
        options = list(labels)
        wanted = f"{st.query_params.get('old', '')}>{st.query_params.get('new', '')}"
        if wanted not in labels and options:
            wanted = next((o for o in options if labels[o]["status"] == "amended"), options[0])
        if options:
            key = "_w_corr"
            st.session_state[key] = wanted
            st.query_params["old"], st.query_params["new"] = wanted.split(">")

            def changed() -> None:
                st.query_params["old"], st.query_params["new"] = st.session_state[key].split(">")

            st.selectbox(
                "Article",
                options,
                key=key,
                on_change=changed,
                format_func=lambda o: (
                    f"Art. {o.split('>')[0]} → Art. {o.split('>')[1]} ({labels[o]['status']})"
                ),
            )
            old_u, new_u = st.session_state[key].split(">")
            if labels[st.session_state[key]].get("note"):
                st.caption(labels[st.session_state[key]]["note"])
        else:
            old_u = new_u = None
        with st.expander(f"All {len(table)} correspondences"):
            st.dataframe(table, hide_index=True, width="stretch")
    else:
        not_built("versions", "Version correspondences")
        st.caption(
            "Meanwhile, pick the two articles yourself; the differences below are computed from their texts."
        )
        c1, c2 = st.columns(2)
        with c1:
            old_u = synced(st.selectbox, f"Article in {short(older)}", [t["unit"] for t in old_units], "old")
        with c2:
            new_default = old_u if old_u in [t["unit"] for t in new_units] else None
            new_u = synced(
                st.selectbox,
                f"Article in {short(newer)}",
                [t["unit"] for t in new_units],
                "new",
                default=new_default,
            )

    if old_u and new_u:
        old_iri = data("unit_iri", older, old_u)
        new_iri = data("unit_iri", newer, new_u)
        if old_iri and new_iri:
            ops = data("diff", old_iri, new_iri, lang)
            changed_chars = sum(len(t) for op, t in ops if op != "equal")
            st.markdown(
                f"**{md_escape(short(older))} Art. {md_escape(old_u)} → {md_escape(short(newer))} Art. {md_escape(new_u)}** · {changed_chars} characters changed"
            )
            c1, c2 = st.columns(2)
            with c1:
                browse_link(older, old_u, f"open {short(older)} Art. {old_u}")
            with c2:
                browse_link(newer, new_u, f"open {short(newer)} Art. {new_u}")
            st.html(diff_html(ops))
            st.caption("Struck through red: removed from the old text; green: added in the new text.")
share_box()
