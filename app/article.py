"""The Browse page's views: an instrument, a part (chapter ...), and an article with its layers."""

from __future__ import annotations

import streamlit as st
from components import (
    LANG_NAMES,
    PAGES,
    browse_link,
    data,
    esc,
    expressions_line,
    find_spans,
    highlight,
    layer_built,
    md_escape,
    not_built,
    short,
    synced,
    view_url,
)

from regkg.glossary import default_glossary


def _first(d: dict, *langs: str) -> str:
    for lang in langs or ("en", "zh"):
        if d.get(lang):
            return d[lang]
    return ""


# ---------------------------------------------------------------------------------------------- instrument and part


def render_instrument(inst: str, toc: list[dict]) -> None:
    info = data("instrument", inst)
    st.title(info["short"].get("en", inst))
    for lang in ("zh", "en"):
        if info["title"].get(lang):
            st.markdown(f"**{md_escape(info['title'][lang])}**")
    meta = [
        f"{info['jurisdiction']} · {info['kind']} · {info['status']}",
        f"issued {info.get('date') or '?'}"
        + (f", in force {info['effective']}" if info.get("effective") else ""),
    ]
    if info.get("number"):
        meta.append(md_escape(info["number"]))
    st.caption(" · ".join(meta))
    st.markdown(expressions_line(info["expressions"]))
    if str(info.get("url") or "").startswith(("https://", "http://")):
        url = esc(info["url"])
        st.html(f'<p>Official text: <a href="{url}" target="_blank" rel="noopener">{url}</a></p>')
    st.subheader("Contents")
    for t in toc:
        if t["kind"] in ("part", "title", "chapter") and t["depth"] == 0:
            head = _first(t["heading"])
            st.page_link(
                PAGES["Browse"][0],
                label=f"{_first(t['label'])} — {head}" if head else _first(t["label"]),
                query_params={"instrument": inst, "part": t["eid"]},
            )
    n_art = sum(t["kind"] == "article" for t in toc)
    st.caption(f"{n_art} articles · pick one on the left.")


def render_part(inst: str, part: str, title: str, shown: list[dict]) -> None:
    st.page_link(PAGES["Browse"][0], label=f"← {short(inst)}", query_params={"instrument": inst})
    st.header(title)
    for t in shown:
        head = _first(t["heading"])
        lab = _first(t["label"]) or t["unit"]
        browse_link(inst, t["unit"], f"{lab} · {head}" if head else lab)


# ---------------------------------------------------------------------------------------------- spans of the layers


def _href(instrument: str | None, unit: str | None) -> str | None:
    return view_url("Browse", instrument=instrument, article=unit) if instrument and unit else None


def collect_spans(art: dict) -> dict[tuple[str, str], list[dict]]:
    """Highlight spans per (node IRI, lang) from the references, duties, actors and defined terms layers.

    Offsets address ``text`` then, after one newline, ``wrap`` (as the extraction model says).
    """
    spans: dict[tuple[str, str], list[dict]] = {}
    texts = {
        (n["iri"], lang): n["text"].get(lang, "") + ("\n" + n["wrap"][lang] if n["wrap"].get(lang) else "")
        for n in art["nodes"]
        for lang in ("zh", "en")
    }

    def add(iri: str, lang: str | None, start, end, needle: str | None, **span) -> None:
        langs = [lang] if lang else ["zh", "en"]
        for lg in langs:
            full = texts.get((iri, lg), "")
            if not full:
                continue
            if (
                isinstance(start, int)
                and isinstance(end, int)
                and 0 <= start < end <= len(full)
                and (not needle or full[start:end] == needle or lang)
            ):
                spans.setdefault((iri, lg), []).append({"start": start, "end": end, **span})
            elif needle:
                spans.setdefault((iri, lg), []).extend(find_spans(full, [needle], case=True, **span))

    refs = data("references", art["iri"]) or {"outgoing": [], "incoming": []}
    target_of = {(r["source"], r["target"]): r for r in refs["outgoing"]}
    for r in data("reference_spans", art["iri"]) or []:
        t = target_of.get((r["src"], r.get("target")), {})
        title = (
            f"reference → {t.get('target_label') or t.get('target_title') or r.get('target') or 'unresolved'}"
        )
        add(
            r["src"],
            r.get("lang"),
            r.get("start"),
            r.get("end"),
            r.get("anchor"),
            cls="rk-ref",
            title=title,
            href=_href(t.get("target_instrument"), t.get("target_unit")),
        )
    for d in data("duties", within=art["iri"]) or []:
        title = f"{d['modality']} · bearer: {d.get('role_en') or d.get('role') or 'unresolved'}" + (
            f" · {d['action']}" if d.get("action") else ""
        )
        add(
            d["provision"],
            d.get("lang"),
            d.get("start"),
            d.get("end"),
            d.get("evidence") or d.get("marker"),
            cls=f"rk-duty-{d['modality']}",
            title=title[:300],
        )
    for m in data("mentions", art["iri"]) or []:
        for lang in ("zh", "en"):
            full = texts.get((m["provision"], lang), "")
            forms = m["forms"].get(lang) or ([m["label"][lang]] if m["label"].get(lang) else [])
            spans.setdefault((m["provision"], lang), []).extend(
                find_spans(
                    full,
                    forms,
                    "rk-actor",
                    title=f"actor: {_first(m['label'])}",
                    href=view_url("Actors", role=m["role"]),
                    case=lang == "zh",
                )
            )
    for term in data("terms_in", art["iri"]) or []:
        where = data("node", term["defined_in"]) or {}
        for n in art["nodes"]:
            for lang in ("zh", "en"):
                word = term["term"].get(lang)
                if word and len(word) > 1:
                    full = texts.get((n["iri"], lang), "")
                    spans.setdefault((n["iri"], lang), []).extend(
                        find_spans(
                            full,
                            [word],
                            "rk-term",
                            title=f"defined term: {(term['definition'].get(lang) or _first(term['definition']))[:240]}",
                            href=_href(where.get("instrument"), where.get("unit")),
                            case=lang == "zh",
                        )
                    )
    # regkg's glossary: the English rendering (and why) of every glossary term in the Chinese text, as a tooltip
    glossary = default_glossary()
    for n in art["nodes"]:
        full = texts.get((n["iri"], "zh"), "")
        for m in glossary.matches(full) if full else []:
            note = f" — {m.term.note}" if m.term.note else ""
            spans.setdefault((n["iri"], "zh"), []).append(
                {
                    "start": m.start,
                    "end": m.end,
                    "cls": "rk-gloss",
                    "title": f"glossary: {m.term.en}{note}"[:300],
                }
            )
    return spans


def _cell(text: str, lang: str, spans: list[dict], offset: int = 0) -> str:
    shifted = [
        {**s, "start": s["start"] - offset, "end": s["end"] - offset} for s in spans if s["start"] >= offset
    ]
    return f'<div class="rk-text" lang="{lang}">{highlight(text, shifted)}</div>'


def article_table(art: dict, langs: list[str], spans: dict) -> str:
    """The unit and its parts as an HTML table: one row per part, one column per language (all escaped)."""
    head = "".join(f"<th>{esc(LANG_NAMES.get(lg, lg))}</th>" for lg in langs)
    rows = [f'<table class="rk-table"><tr><th></th>{head}</tr>']
    nodes = art["nodes"]
    wraps: list[tuple[int, str]] = []  # (depth, html row) waiting for their node's children to be written

    def flush(depth: int) -> None:
        while wraps and wraps[-1][0] >= depth:
            rows.append(wraps.pop()[1])

    for n in nodes:
        flush(n["depth"])
        label = n["num"] if n["kind"] in ("paragraph", "point", "subpoint") else ""
        pad = f"padding-left:{0.5 + 1.2 * max(0, n['depth'] - 1)}rem"
        cells = []
        for lg in langs:
            parts = []
            if n["heading"].get(lg):
                parts.append(f'<div class="rk-head">{esc(n["heading"][lg])}</div>')
            if n["text"].get(lg):
                parts.append(_cell(n["text"][lg], lg, spans.get((n["iri"], lg), [])))
            elif n["kind"] in ("paragraph", "point", "subpoint", "item", "recital") and not n["text"]:
                parts.append('<span class="rk-missing">—</span>')
            elif n["kind"] in ("paragraph", "point", "subpoint") and n["text"] and not n["text"].get(lg):
                parts.append(f'<span class="rk-missing">no {esc(LANG_NAMES.get(lg, lg))} text</span>')
            cells.append(f'<td style="{pad}">{"".join(parts)}</td>')
        if n["depth"] == 0 and not any(n["text"].values()):
            continue  # the article itself: its heading is the page title
        rows.append(f'<tr><td class="rk-num">{esc(label)}</td>{"".join(cells)}</tr>')
        if any(n["wrap"].values()):
            wcells = "".join(
                f'<td style="{pad}">{_cell(n["wrap"][lg], lg, spans.get((n["iri"], lg), []), len(n["text"].get(lg, "")) + 1) if n["wrap"].get(lg) else ""}</td>'
                for lg in langs
            )
            wraps.append((n["depth"], f'<tr><td class="rk-num"></td>{wcells}</tr>'))
    flush(-1)
    rows.append("</table>")
    return "".join(rows)


# ---------------------------------------------------------------------------------------------- the article view


def render_article(inst: str, unit: str, units: list[dict]) -> None:
    art = data("article", inst, unit)
    if art is None:
        st.warning(f"{short(inst)} has no article or unit {unit!r}.")
        browse_link(inst, None, f"← {short(inst)}")
        return
    # breadcrumb: instrument › chapter › section (each a link)
    with st.container(horizontal=True, gap="small"):
        st.page_link(
            PAGES["Browse"][0],
            label=short(inst),
            query_params={"instrument": inst},
            icon=":material/menu_book:",
        )
        top = art["ancestors"][0]["eid"] if art["ancestors"] else None
        for a in art["ancestors"]:
            st.page_link(
                PAGES["Browse"][0],
                label=_first(a["label"]) or a["eid"],
                query_params={"instrument": inst, "part": top},
                help=_first(a["heading"]),
            )
    title = " · ".join(v for v in (art["label"].get("en"), art["label"].get("zh")) if v)
    st.header(title or unit)
    heading = " / ".join(v for v in (art["heading"].get("zh"), art["heading"].get("en")) if v)
    if heading:
        st.markdown(f"**{md_escape(heading)}**")
    st.markdown(expressions_line(art["expressions"]))

    langs = [lg for lg in ("zh", "en") if lg in art["instrument_languages"]] or art["languages"] or ["en"]
    spans = collect_spans(art)
    st.html(article_table(art, langs, spans))
    if spans:
        st.html(
            '<div class="rk-legend rk-text"><span class="rk-ref">reference</span><span class="rk-term">defined term</span><span class="rk-gloss">glossary term</span><span class="rk-actor">actor</span><span class="rk-duty-obligation">obligation</span><span class="rk-duty-prohibition">prohibition</span><span class="rk-duty-permission">permission</span><span class="rk-duty-encouragement">encouragement</span></div>'
        )

    # previous / next unit
    values = [t["unit"] for t in units]
    if unit in values:
        i = values.index(unit)
        with st.container(horizontal=True, horizontal_alignment="distribute"):
            if i > 0:
                browse_link(inst, values[i - 1], f"← {_first(units[i - 1]['label']) or values[i - 1]}")
            if i + 1 < len(values):
                browse_link(inst, values[i + 1], f"{_first(units[i + 1]['label']) or values[i + 1]} →")

    # one panel at a time, named in the URL (?panel=duties): a page with every panel drawn is slow to update
    panels = {
        "references": ("References", references_tab),
        "duties": ("Duties", duties_tab),
        "actors": ("Actors", actors_tab),
        "terms": ("Defined terms", terms_tab),
        "penalties": ("Penalties", penalties_tab),
        "topics": ("Topics", topics_tab),
        "versions": ("Other version", versions_tab),
        "cite": ("Cite", cite_tab),
    }
    panel = synced(
        st.segmented_control,
        "Show",
        list(panels),
        "panel",
        default="references",
        format_func=lambda p: panels[p][0],
        label_visibility="collapsed",
    )
    panels.get(panel or "references", panels["references"])[1](art)


def html_table(rows: list[dict]) -> str:
    """An escaped HTML table of dicts (lighter for the browser than a data grid)."""
    if not rows:
        return ""
    head = "".join(f"<th>{esc(k)}</th>" for k in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{esc('' if v is None else v)}</td>" for v in r.values()) + "</tr>"
        for r in rows
    )
    return f'<table class="rk-table rk-small"><tr>{head}</tr>{body}</table>'


def references_tab(art: dict) -> None:
    if not layer_built("references"):
        not_built("references", "References")
        return
    refs = data("references", art["iri"])
    st.markdown(f"**Outgoing** ({len(refs['outgoing'])})")
    if not refs["outgoing"]:
        st.caption("This article cites no other provision.")
    for i, r in enumerate(refs["outgoing"]):
        anchor = " / ".join(f"“{a}”" for a in r.get("anchors") or []) + " " if r.get("anchors") else ""
        src = r.get("source_label") or ""
        if r.get("target_instrument") and r.get("target_unit"):
            target = f"{short(r['target_instrument'])} {r.get('target_label') or r['target_unit']}"
            browse_link(
                r["target_instrument"], r["target_unit"], f"{src}: {anchor}→ {target}", key_hint=str(i)
            )
        elif r.get("target_instrument"):
            browse_link(
                r["target_instrument"],
                None,
                f"{src}: {anchor}→ {short(r['target_instrument'])}",
                key_hint=str(i),
            )
        else:
            st.markdown(
                f"{md_escape(src)}: {md_escape(anchor)}→ {md_escape(r.get('target_title') or r['target'])} *(outside the corpus)*"
            )
    st.markdown(f"**Incoming** ({len(refs['incoming'])})")
    if not refs["incoming"]:
        st.caption("No provision cites this article.")
    for i, r in enumerate(refs["incoming"]):
        if r.get("source_instrument") and r.get("source_unit"):
            anchor = f" (“{r['anchor']}”)" if r.get("anchor") else ""
            browse_link(
                r["source_instrument"],
                r["source_unit"],
                f"← {short(r['source_instrument'])} {r.get('source_label') or r['source_unit']}{anchor} cites {r.get('target_label') or ''}",
                key_hint=f"in{i}",
            )


def duties_tab(art: dict) -> None:
    if not layer_built("duties"):
        not_built("duties", "Duties")
        return
    duties = data("duties", within=art["iri"])
    if not duties:
        st.caption("No duty extracted from this article.")
        return
    st.html(
        html_table(
            [
                {
                    "provision": d.get("label"),
                    "modality": d["modality"],
                    "bearer": d.get("role_en") or d.get("role_zh") or d.get("role"),
                    "action": d.get("action"),
                    "conditions": "; ".join(d["conditions"]),
                    "exceptions": "; ".join(d["exceptions"]),
                    "evidence": d.get("evidence"),
                    "lang": d.get("lang"),
                    "review": d.get("review"),
                }
                for d in duties
            ]
        )
    )


def actors_tab(art: dict) -> None:
    if not layer_built("actors"):
        not_built("actors", "Actors")
        return
    mentions = data("mentions", art["iri"])
    if not mentions:
        st.caption("No actor mentioned in this article.")
    seen = set()
    for m in mentions:
        if m["role"] in seen:
            continue
        seen.add(m["role"])
        st.page_link(
            PAGES["Actors"][0],
            label=" / ".join(m["label"].values()) or m["role"],
            query_params={"role": m["role"]},
            icon=":material/person:",
        )


def terms_tab(art: dict) -> None:
    if not layer_built("definitions"):
        not_built("definitions", "Defined terms")
        return
    terms = data("terms_in", art["iri"])
    if not terms:
        st.caption("No defined term used or defined here.")
    for t in terms:
        where = data("node", t["defined_in"]) or {}
        name = " / ".join(t["term"].values())
        st.markdown(f"**{md_escape(name)}**")
        for lang, text in sorted(t["definition"].items(), key=lambda kv: kv[0] != "zh"):
            st.caption(f"{LANG_NAMES.get(lang, lang)}: {text[:500]}")
        if where.get("unit"):
            browse_link(
                where["instrument"],
                where["unit"],
                f"defined in {short(where['instrument'])} {_first(where.get('label', {}))}",
            )


def penalties_tab(art: dict) -> None:
    if not layer_built("penalties"):
        not_built("penalties", "Penalties")
        return
    pens = data("penalties", within=art["iri"])
    if not pens:
        st.caption("No penalty in this article.")
        return
    rows = []
    for p in pens:
        amount = ""
        if p.get("min") is not None or p.get("max") is not None:
            lo = f"{p['min']:,.0f}" if p.get("min") is not None else ""
            hi = f"{p['max']:,.0f}" if p.get("max") is not None else ""
            amount = f"{lo}–{hi} {p.get('currency') or ''}".strip("– ")
        if p.get("percent") is not None:
            amount += f"{' or ' if amount else ''}{p['percent']:g} % of {p.get('basis') or 'turnover'}"
        sanctioned = []
        for iri in p["penalises"]:
            where = data("node", iri) or {}
            sanctioned.append(_first(where.get("label", {})) or iri.rsplit("/", 1)[-1])
        rows.append(
            {
                "provision": p.get("label"),
                "sanctions": ", ".join(p["sanctions"]),
                "amount": amount,
                "on whom": p.get("role_en") or p.get("role"),
                "sanctions breaches of": ", ".join(sanctioned),
                "evidence": p.get("evidence"),
                "lang": p.get("lang"),
            }
        )
    st.html(html_table(rows))


def topics_tab(art: dict) -> None:
    if not layer_built("topics"):
        not_built("topics", "Topics")
        return
    topics = data("topics_of", art["iri"])
    if not topics:
        st.caption("No topic assigned to this article.")
    for t in topics:
        st.page_link(
            PAGES["Compare"][0],
            label=_first(t["label"]) or t["iri"],
            query_params={"view": "topics", "topic": t["iri"]},
            icon=":material/label:",
        )


def versions_tab(art: dict) -> None:
    inst = art["instrument"]
    pairs = [p for p in data("version_pairs") if inst in p]
    if not pairs:
        st.caption("This instrument has no other version in the corpus.")
        return
    if layer_built("versions"):
        others = data("other_versions", art["iri"])
        if not others:
            st.caption("No corresponding article in the other version (new or deleted).")
        for o in others:
            label = f"{short(o['instrument'])} {o['unit']} — {o.get('status') or ''}"
            browse_link(o["instrument"], o["unit"], label)
            older, newer = (o["instrument"], inst) if o["direction"] == "older" else (inst, o["instrument"])
            st.page_link(
                PAGES["Compare"][0],
                label="show the differences",
                query_params={
                    "view": "versions",
                    "pair": f"{older}..{newer}",
                    "old": o["unit"] if o["direction"] == "older" else art["unit"],
                    "new": art["unit"] if o["direction"] == "older" else o["unit"],
                },
                icon=":material/difference:",
            )
        return
    not_built("versions", "Version correspondences")
    for older, newer in pairs:
        other = newer if inst == older else older
        st.caption(
            "Meanwhile, the same number in the other version (it may be a different article after renumbering):"
        )
        browse_link(other, art["unit"], f"{short(other)} {art['label'].get('en', art['unit'])}")


def cite_tab(art: dict) -> None:
    st.markdown(f"IRI: `{art['iri']}`")
    st.code(data("bibtex", [art["iri"]]), language="bibtex")
    c1, c2 = st.columns(2)
    c1.download_button(
        "BibTeX",
        data("bibtex", [art["iri"]]),
        f"{art['instrument']}-{art['unit']}.bib",
        "application/x-bibtex",
        on_click="ignore",
    )
    c2.download_button(
        "CSL-JSON",
        data("csl_json", [art["iri"]]),
        f"{art['instrument']}-{art['unit']}.json",
        "application/json",
        on_click="ignore",
    )
    cites = st.session_state.setdefault("cite_list", [])
    if art["iri"] in cites:
        st.caption("In your citation list (Export page).")
    elif st.button("Add to my citation list", key="add_cite"):
        cites.append(art["iri"])
        st.rerun()
