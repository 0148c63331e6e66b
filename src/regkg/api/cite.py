"""Citations and tables for papers: BibTeX entries, CSL-JSON items, LaTeX tables, all escaped."""

from __future__ import annotations

import re

_BIB_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def tex_escape(text: str) -> str:
    """Escape LaTeX/BibTeX special characters."""
    return "".join(_BIB_SPECIAL.get(c, c) for c in str(text))


def bibtex_entry(info: dict) -> str:
    """One BibTeX ``@misc`` entry; the key is ``regkg:<instrument>[:<provision path>]``."""
    tail = info["iri"][len(info.get("instrument_iri") or info["iri"]) :].strip("/")
    key = f"regkg:{info['id']}" + (":" + re.sub(r"[^A-Za-z0-9]+", "-", tail) if tail else "")
    title = info.get("title_en") or info.get("title_zh") or info["id"]
    label = info.get("label_en")
    fields = {
        "title": "{" + tex_escape(f"{title}, {label}" if label else title) + "}",
        "shorttitle": "{"
        + tex_escape(f"{info.get('short_en') or info['id']}{', ' + label if label else ''}")
        + "}",
        "organization": tex_escape("; ".join(info.get("issuers") or [])),
        "date": info.get("date") or "",
        "year": (info.get("date") or "")[:4],
        "url": info.get("url") or "",
        "note": tex_escape(
            f"{info.get('label_zh') or ''} {info.get('title_zh') or ''}".strip()
            + f"; regkg IRI: {info['iri']}"
        ),
        "howpublished": tex_escape(info.get("number") or ""),
        "keywords": tex_escape(f"regkg, {info.get('jurisdiction', '')}"),
    }
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
    return f"@misc{{{key},\n{body}\n}}\n"


def csl_item(info: dict) -> dict:
    item = {
        "id": info["iri"],
        "type": "legislation",
        "title": info.get("title_en") or info.get("title_zh") or info["id"],
        "title-short": info.get("short_en") or info["id"],
        "URL": info.get("url"),
        "note": f"regkg IRI: {info['iri']}",
        "jurisdiction": info.get("jurisdiction"),
    }
    if info.get("label_en"):
        item["section"] = info["label_en"]
    if info.get("issuers"):
        item["authority"] = "; ".join(info["issuers"])
    if info.get("number"):
        item["number"] = info["number"]
    if info.get("date") and re.match(r"^\d{4}-\d{2}-\d{2}$", info["date"]):
        y, m, d = (int(x) for x in info["date"].split("-"))
        item["issued"] = {"date-parts": [[y, m, d]]}
    if info.get("title_zh") and info.get("title_en"):
        item["original-title"] = info["title_zh"]
    return {k: v for k, v in item.items() if v}


def latex_table(columns: list[str], rows: list[list], caption: str = "", label: str = "") -> str:
    """A booktabs tabular (in a table float when a caption is given), every cell escaped."""
    spec = "l" * len(columns)
    lines = [
        r"\begin{tabular}{" + spec + "}",
        r"\toprule",
        " & ".join(tex_escape(c) for c in columns) + r" \\",
        r"\midrule",
    ]
    lines += [" & ".join(tex_escape("" if v is None else v) for v in r) + r" \\" for r in rows]
    lines += [r"\bottomrule", r"\end{tabular}"]
    if caption or label:
        lines = [
            r"\begin{table}[htbp]",
            r"\centering",
            *(["\\caption{" + tex_escape(caption) + "}"] if caption else []),
            *(["\\label{" + label + "}"] if label else []),
            *lines,
            r"\end{table}",
        ]
    return "\n".join(lines) + "\n"
