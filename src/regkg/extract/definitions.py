"""Definitions: the defined terms of an instrument, their definitions, where they are defined and used.

Patterns (``rules/definitions.yaml``) are matched at the start of each sentence: strong ones everywhere
(本办法所称X，是指… / X，是指… / 'X' means … / "X" refers to …), weaker ones only inside a definition article
(X，包括… / unquoted "X refers to …" in a translation), and the genus form X是…的Y at the start of a paragraph when Y
shares X's head (个人信息是…的各种信息). A definition whose text ends by announcing a list (包括但不限于：) takes its
points along. ``used_in`` lists the other provisions of the instrument, in the same language, whose text uses the
term (longest defined term first, so 敏感个人信息 is not also a use of 个人信息).
"""

from __future__ import annotations

import re
from functools import cache

from .model import Definition, Evidence
from .pipeline import load_yaml
from .provisions import Unit

RULES_FILE = "rules/definitions.yaml"
_AMENDING = re.compile(r"(?:is|are) (?:added|inserted)\s*:|replaced by the following")


@cache
def _rules(lang: str) -> dict:
    data = load_yaml(RULES_FILE)
    if lang not in data:
        raise ValueError(f"{RULES_FILE}: no section for {lang!r}")
    r = data[lang]
    flags = re.IGNORECASE if lang == "en" else 0
    try:
        return {
            "prefix": re.compile(r["prefix"], flags),
            "strong": [re.compile(x, flags | re.DOTALL) for x in r["strong"]],
            "context": [re.compile(x, flags | re.DOTALL) for x in r.get("context") or ()],
            "genus": [re.compile(x, flags | re.DOTALL) for x in r.get("genus") or ()],
            "inline": [re.compile(x, flags) for x in r.get("inline") or ()],
            "chapeau": re.compile(r["chapeau"], flags),
            "heading": re.compile(r["heading"], flags),
            "term_strip": tuple(r.get("term_strip") or ()),
        }
    except re.error as exc:
        raise ValueError(f"{RULES_FILE}: bad {lang} pattern: {exc}") from None


def _clean_term(term: str, lang: str) -> str:
    term = term.strip(" \t“”\"‘’'「」")
    if "’" in term and "‘" not in term:
        term = "‘" + term  # ‘‘real-time’ remote biometric identification system’ keeps its inner quotes
    for s in _rules(lang)["term_strip"]:
        if (term.lower() if lang == "en" else term).startswith(s):
            term = term[len(s) :]
    return term.strip()


def _genus_ok(term: str, definition: str) -> bool:
    """X是…的Y: one of the first clauses of the definition ends, shortly after a 的, with X's head noun."""
    head = term[-2:]
    for clause in re.split(r"[，,]", definition)[:3]:
        clause = clause.strip("。；")
        if clause.endswith(head) and "的" in clause[-12:]:
            return True
    return False


def _is_definition_unit(unit: Unit, lang: str) -> bool:
    r = _rules(lang)
    heading = unit.node.heading.get(lang) or ""
    if heading and r["heading"].search(heading.strip()):
        return True
    return any(r["chapeau"].search(p.text) for p in unit.provisions)


def unit_definitions(unit: Unit, instrument: str, lang: str) -> list[Definition]:
    """The definitions one article (annex) states."""
    r = _rules(lang)
    context = _is_definition_unit(unit, lang)
    found: list[tuple] = []
    for prov in unit.provisions:
        if _AMENDING.search(prov.text):
            continue
        for k, sent in enumerate(prov.doc.sents):
            s_start = sent.start_char
            s_text = prov.text[s_start : sent.end_char]
            if k == 0 and (pm := r["prefix"].match(s_text)):
                s_start += pm.end()
                s_text = s_text[pm.end() :]
            lead = len(s_text) - len(s_text.lstrip())
            s_start += lead
            s_text = s_text.strip()
            match, kind = None, ""
            for rx in r["strong"]:
                if m := rx.match(s_text):
                    match, kind = m, "strong"
                    break
            if match is None and context:
                for rx in r["context"]:
                    if m := rx.match(s_text):
                        match, kind = m, "context"
                        break
            if match is None and k == 0 and prov.kind == "paragraph":
                for rx in r["genus"]:
                    if (m := rx.match(s_text)) and _genus_ok(m["term"], m["def"]):
                        match, kind = m, "genus"
                        break
            if match is None:
                continue
            term = _clean_term(match["term"], lang)
            if not term or len(term) > 90:
                continue
            definition = match["def"].strip(" ：:，,;；。.")
            announces = re.search(
                r"(?:包括但不限于|including|as follows|the following)\s*[：:]?\s*$|[：:]\s*$",
                match["def"].strip(),
            )
            if (announces or not definition) and prov.children_texts:
                definition = (
                    definition
                    + ("：" if lang == "zh" else ": ")
                    + ("；" if lang == "zh" else "; ").join(t.strip(" ；;。.") for t in prov.children_texts)
                )
            start = s_start + match.start("term")
            end = s_start + match.start("def")
            evidence = Evidence(
                instrument,
                prov.eid,
                lang,
                start,
                end,
                prov.text[start:end].strip(),
                rule=f"definition-{kind}-{lang}",
            )
            found.append((term, definition, evidence, (match.groupdict().get("alias") or "").strip()))
            context = True  # a provision that defines makes the article a definition article
    for prov in unit.provisions:
        if _AMENDING.search(prov.text):
            continue
        found.extend(_inline(prov, instrument, lang, {(f[0], f[2].eid) for f in found}))
    return [Definition(term, lang, definition, ev) for term, definition, ev, _ in found]


def _inline(prov, instrument: str, lang: str, seen: set) -> list[tuple]:
    """Names given in passing: （以下简称X）, (‘X’), 统称为X, "are collectively referred to as X"."""
    out = []
    text = prov.text
    for rx in _rules(lang)["inline"]:
        for m in rx.finditer(text):
            term = _clean_term(m["term"], lang)
            if not term or (term, prov.eid) in seen:
                continue
            seen.add((term, prov.eid))
            # the definition is the phrase the name stands for: back to the previous clause boundary
            start = (
                max(text.rfind(c, 0, m.start()) for c in ("，", "。", "；", "：", ",", ";", ":", "\n")) + 1
            )
            definition = text[start : m.start()].strip(' “”‘’"(（')
            if m.group(0).startswith(("统称", "are ", "is ")):
                definition = text[start : m.start()].strip()
            ev = Evidence(
                instrument,
                prov.eid,
                lang,
                m.start("term"),
                m.end("term"),
                text[m.start("term") : m.end("term")],
                rule=f"definition-inline-{lang}",
            )
            out.append((term, definition, ev, ""))
    return out


def with_usage(definitions: list[Definition], units: list[Unit], lang: str) -> list[Definition]:
    """``definitions`` with ``used_in``: the eIds of the provisions (same instrument and language) using each term."""
    if not definitions:
        return []
    terms = sorted({d.term for d in definitions}, key=len, reverse=True)
    if lang == "en":
        alts = "|".join(re.escape(t) + r"(?:s|es)?" for t in terms)
        rx = re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.IGNORECASE)
        key = {t.lower(): t for t in terms}
    else:
        rx = re.compile("|".join(re.escape(t) for t in terms))
        key = {t: t for t in terms}
    used: dict[str, list[str]] = {t: [] for t in terms}
    for unit in units:
        for prov in unit.provisions:
            for m in rx.finditer(prov.text):
                word = m.group(0)
                term = key.get(word.lower() if lang == "en" else word)
                if term is None and lang == "en":  # a plural: providers, spaces, bodies
                    low = word.lower()
                    term = key.get(low[:-1]) or key.get(low[:-2]) or key.get(low[:-3] + "y")
                if term is not None and (not used[term] or used[term][-1] != prov.eid):
                    used[term].append(prov.eid)
    out = []
    for d in definitions:
        eids = [e for e in dict.fromkeys(used.get(d.term, ())) if e != d.evidence.eid]
        out.append(Definition(d.term, d.lang, d.definition, d.evidence, tuple(eids)))
    return out
