"""Full-text search over the provision texts and word/character diffs between two texts."""

from __future__ import annotations

import difflib
import re


def query_terms(query: str) -> list[str]:
    """The lower-cased terms of a search: words, and "quoted phrases" kept whole."""
    return [(a or b).lower() for a, b in re.findall(r'"([^"]+)"|(\S+)', query or "") if (a or b).strip()]


def search_texts(
    texts: list[dict],
    query: str,
    *,
    lang: str | None = None,
    instruments: list[str] | None = None,
    units: set[str] | None = None,
    limit: int = 200,
) -> list[dict]:
    """Rows of :meth:`Explorer.texts` containing ``query`` (case-insensitive; all words when several are
    separated by spaces; "a quoted phrase" as one), filtered by language, instruments and a set of allowed
    unit/provision IRIs."""
    words = query_terms(query)
    if not words:
        return []
    keep = set(instruments) if instruments else None
    out = []
    for r in texts:
        if (lang and r["lang"] != lang) or (keep is not None and r["instrument"] not in keep):
            continue
        if units is not None and r["unit_iri"] not in units and r["iri"] not in units:
            continue
        low = r["text"].lower()
        if all(w in low for w in words):
            out.append(r)
            if len(out) >= limit:
                break
    return out


def diff_texts(a: str, b: str, lang: str) -> list[tuple[str, str]]:
    """(op, text) runs turning ``a`` into ``b``; characters for Chinese, words (with spaces) otherwise."""
    ta = list(a) if lang == "zh" else re.findall(r"\s+|[^\s]+", a)
    tb = list(b) if lang == "zh" else re.findall(r"\s+|[^\s]+", b)
    out: list[tuple[str, str]] = []
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(ta[i1:i2])))
        else:
            if i2 > i1:
                out.append(("delete", "".join(ta[i1:i2])))
            if j2 > j1:
                out.append(("insert", "".join(tb[j1:j2])))
    return out
