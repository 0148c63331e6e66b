"""The spaCy pipelines of the extractors, and the rule files they read.

Two rule-based pipelines, built once per process and cached:

* ``zh``: ``spacy.blank("zh")`` with its character segmenter (every character is a token, so a surface form of
  any length matches exactly and offsets never need re-alignment; jieba would add a dictionary load and word
  boundaries that legal compounds such as 深度合成服务提供者 do not respect);
* ``en``: ``spacy.blank("en")``.

Both run the same components, each declaring what it assigns:

=====================  =========================  ==================================================
component              assigns                    rules (``src/regkg/data``)
=====================  =========================  ==================================================
``regkg_sentences``    ``token.is_sent_start``    ``rules/clauses.yaml`` (sentence ends, abbreviations)
``regkg_roles``        ``doc.spans["roles"]``     ``roles.yaml`` (surface forms, scope, context)
``regkg_deontic``      ``doc.spans["deontic"]``   ``rules/deontic.<lang>.jsonl`` (markers, modality)
``regkg_sanctions``    ``doc.spans["sanctions"]`` ``rules/sanctions.yaml`` (sanction types)
=====================  =========================  ==================================================

A doc knows its instrument and jurisdiction (``doc._.regkg_instrument``, ``doc._.regkg_jurisdiction``), because
the same short form means a different role in different instruments (提供者, "user"). Use :func:`make_doc`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import numpy
import spacy
import yaml
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..errors import RegkgError

DATA = Path(__file__).resolve().parents[1] / "data"
RULES = DATA / "rules"


class RuleError(RegkgError):
    """A rule file is missing or malformed."""


# -- rule files -------------------------------------------------------------------------------------------------


@cache
def load_yaml(name: str) -> dict:
    """A YAML rule file under ``src/regkg/data`` (``name`` relative to it), parsed once."""
    path = DATA / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleError(f"{path}: rule file not found") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}: expected a mapping at the top level")
    return data


@cache
def load_jsonl(name: str) -> tuple[dict, ...]:
    """A JSONL rule file (one JSON object a line; blank lines and ``//`` comments skipped)."""
    path = DATA / name
    out = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise RuleError(f"{path}: rule file not found") from None
    for i, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            rule = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RuleError(f"{path}:{i}: not valid JSON: {exc}") from None
        if not isinstance(rule, dict) or "id" not in rule or "pattern" not in rule or "label" not in rule:
            raise RuleError(f"{path}:{i}: a rule needs id, label and pattern")
        out.append(rule)
    return tuple(out)


def clause_rules(lang: str) -> dict:
    """The clause lexicon of one language (``rules/clauses.yaml``)."""
    data = load_yaml("rules/clauses.yaml")
    if lang not in data:
        raise RuleError(f"{RULES / 'clauses.yaml'}: no section for language {lang!r}")
    return data[lang]


@cache
def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern, flags)


# -- context checks shared by the components ---------------------------------------------------------------------


def context_ok(text: str, start: int, end: int, rule: dict, case: bool = True) -> bool:
    """Whether a match ``text[start:end]`` passes the rule's ``not_before``/``not_after``/``before``/``after``."""
    before = text[max(0, start - 20) : start]
    after = text[end : end + 20]
    if not case:
        before, after = before.lower(), after.lower()
    low = (lambda s: s) if case else str.lower
    if any(before.endswith(low(s)) for s in rule.get("not_before", ())):
        return False
    if any(after.startswith(low(s)) for s in rule.get("not_after", ())):
        return False
    if rule.get("before") and not any(before.endswith(low(s)) for s in rule["before"]):
        return False
    return not (rule.get("after") and not any(after.startswith(low(s)) for s in rule["after"]))


def doc_text(doc: Doc) -> str:
    """The doc's text, kept by :func:`make_doc` (``Doc.text`` rebuilds it from the tokens on every call)."""
    return doc.user_data.get("regkg_text") or doc.text


# -- components ---------------------------------------------------------------------------------------------------

if not Doc.has_extension("regkg_instrument"):
    Doc.set_extension("regkg_instrument", default=None)
    Doc.set_extension("regkg_jurisdiction", default=None)


@Language.factory("regkg_sentences", assigns=["token.is_sent_start"], default_config={"lang": "zh"})
def make_sentences(nlp: Language, name: str, lang: str):
    rules = clause_rules(lang)
    ends = set(rules["sentence_end"])
    abbrev = {a.lower() for a in rules.get("abbreviations", ())}

    def split(doc: Doc) -> Doc:
        # one pass over the token texts, then one array write: setting is_sent_start token by token is slow
        text = doc_text(doc)
        idx, length = doc.to_array([IDX, LENGTH]).T.tolist() if len(doc) else ([], [])
        words = [
            (text[a : a + n], text[a + n : idx[k + 1]] if k + 1 < len(idx) else text[a + n :])
            for k, (a, n) in enumerate(zip(idx, length, strict=True))
        ]
        starts = numpy.full(len(words), -1, dtype="int64")
        for i in range(len(words)):
            if i == 0:
                starts[i] = 1
                continue
            prev, ws = words[i - 1]
            boundary = prev in ends or "\n" in ws or prev.endswith("\n")
            if boundary and lang == "en" and prev == ".":
                # "Art. 5", "No. 2", "e.g." stay inside the sentence; a sentence starts with a capital or a quote
                word = words[i - 2][0].lower() + "." if i >= 2 else ""
                first = words[i][0][:1]
                boundary = word not in abbrev and (first.isupper() or first in "‘“\"'(")
            if boundary and lang == "en" and prev == ":" and "\n" not in ws:
                boundary = False
            starts[i] = 1 if boundary else -1
        if len(words):
            doc.from_array([SENT_START], starts.reshape(-1, 1).astype("uint64"))
        return doc

    return split


@Language.factory("regkg_roles", assigns=["doc.spans"], default_config={"lang": "zh"})
def make_roles(nlp: Language, name: str, lang: str):
    from .roles import surface_forms

    forms = surface_forms(lang)
    # phrase matching (fast): case-insensitive forms on LOWER with their plurals, the others on ORTH
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    orth = PhraseMatcher(nlp.vocab, attr="ORTH")
    for key, form in enumerate(forms):
        variants = [form.text]
        if lang == "en":
            words = form.text.split(" ")
            variants += [" ".join([*words[:-1], p]) for p in plurals(words[-1])]
            # "departments responsible for …", "providers of network products": the head noun takes the plural
            for i, w in enumerate(words[:-1]):
                if w.lower() in HEAD_NOUNS:
                    variants += [" ".join([*words[:i], p, *words[i + 1 :]]) for p in plurals(w)]
                    break
        matcher = orth if (form.case or lang == "zh") else lower
        matcher.add(str(key), [nlp.make_doc(v if matcher is orth else v.lower()) for v in variants])
    matchers = [m for m in (lower, orth) if len(m)]

    def assign(doc: Doc) -> Doc:
        iid = doc._.regkg_instrument
        jur = doc._.regkg_jurisdiction
        text = doc_text(doc)
        candidates: list[tuple[int, int, Span]] = []
        for matcher in matchers:
            for match_id, start, end in matcher(doc):
                form = forms[int(nlp.vocab.strings[match_id])]
                if jur and form.jurisdiction != jur:
                    continue
                if iid and form.scope and iid not in form.scope:
                    continue
                span = doc[start:end]
                if form.context and not context_ok(
                    text, span.start_char, span.end_char, form.context, case=form.case
                ):
                    continue
                narrow = len(form.scope) if form.scope else 999
                candidates.append((narrow, form.order, Span(doc, start, end, label=form.role)))
        # longest first; on the same span the entry with the narrower scope, then the earlier entry
        candidates.sort(key=lambda c: (-(c[2].end - c[2].start), c[0], c[1], c[2].start))
        taken = bytearray(len(doc) + 1)
        chosen = []
        for _, _, span in candidates:
            if not any(taken[span.start : span.end]):
                taken[span.start : span.end] = b"\x01" * (span.end - span.start)
                chosen.append(span)
        doc.spans["roles"] = sorted(chosen, key=lambda s: s.start)
        return doc

    return assign


HEAD_NOUNS = {
    "provider",
    "operator",
    "department",
    "authority",
    "body",
    "organ",
    "processor",
    "party",
    "representative",
    "person",
    "individual",
    "organisation",
    "organization",
    "user",
    "administration",
    "producer",
    "platform",
}


def plurals(word: str) -> list[str]:
    """English plurals of the last word of a surface form (provider -> providers, body -> bodies)."""
    if word.endswith("person"):
        return [word + "s", word[:-6] + "people"]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word[:-1] + "ies"]
    if word.endswith(("s", "sh", "ch", "x")):
        return [word + "es"]
    return [word + "s"]


@Language.factory("regkg_deontic", assigns=["doc.spans"], default_config={"lang": "zh"})
def make_deontic(nlp: Language, name: str, lang: str):
    rules = load_jsonl(f"rules/deontic.{lang}.jsonl")
    tokens = Matcher(nlp.vocab)
    phrases = PhraseMatcher(nlp.vocab, attr="ORTH" if lang == "zh" else "LOWER")
    for i, rule in enumerate(rules):
        pattern = rule["pattern"]
        if isinstance(pattern, str):
            phrases.add(str(i), [nlp.make_doc(pattern if lang == "zh" else pattern.lower())])
        elif (variants := expand_pattern(pattern)) is not None:
            # a token pattern of fixed words is matched as phrases: the Matcher tries every pattern at every
            # token, the PhraseMatcher looks phrases up by hash (the EU texts: 1.4 s -> 0.1 s)
            phrases.add(str(i), [nlp.make_doc(" ".join(v)) for v in variants])
        else:
            tokens.add(str(i), [pattern])
    matchers = [m for m in (phrases, tokens) if len(m)]

    def assign(doc: Doc) -> Doc:
        jur = doc._.regkg_jurisdiction
        text = doc_text(doc)
        spans = []
        for matcher in matchers:
            for match_id, start, end in matcher(doc):
                rule = rules[int(nlp.vocab.strings[match_id])]
                if jur and rule.get("jurisdiction", jur) != jur:
                    continue
                span = doc[start:end]
                if not context_ok(text, span.start_char, span.end_char, rule, case=lang == "zh"):
                    continue
                spans.append(Span(doc, start, end, label=rule["label"], kb_id=rule["id"]))
        # the longest rule wins: "shall not" over "shall", "shall apply" (label none) over "shall"
        doc.spans["deontic"] = [s for s in filter_spans(spans) if s.label_ != "none"]
        return doc

    return assign


_PUNCT = (".", ",", ";", ":", ")", "!", "?")


def expand_pattern(pattern: list[dict], limit: int = 2000) -> list[list[str]] | None:
    """The word sequences a token pattern of LOWER/ORTH words (str or IN lists, optional "?" tokens, IS_PUNCT)
    matches, or None when it uses anything else (then it goes to the Matcher).

    >>> expand_pattern([{"LOWER": "shall"}, {"LOWER": {"IN": ["not", "also"]}, "OP": "?"}, {"LOWER": "apply"}])
    [['shall', 'apply'], ['shall', 'not', 'apply'], ['shall', 'also', 'apply']]
    """
    out: list[list[str]] = [[]]
    for spec in pattern:
        op = spec.get("OP")
        keys = set(spec) - {"OP"}
        if op not in (None, "?") or len(keys) != 1:
            return None
        key = keys.pop()
        value = spec[key]
        if key == "IS_PUNCT" and value is True:
            words = list(_PUNCT)
        elif key in ("LOWER", "ORTH") and isinstance(value, str):
            words = [value]
        elif key in ("LOWER", "ORTH") and isinstance(value, dict) and set(value) == {"IN"}:
            words = list(value["IN"])
        else:
            return None
        out = ([o for o in out] if op == "?" else []) + [o + [w] for o in out for w in words]
        if len(out) > limit:
            return None
    return [o for o in out if o]


@Language.factory("regkg_sanctions", assigns=["doc.spans"], default_config={"lang": "zh"})
def make_sanctions(nlp: Language, name: str, lang: str):
    from .penalties import sanction_patterns, sanction_trigger

    patterns = sanction_patterns(lang)
    trigger = sanction_trigger(lang)

    def assign(doc: Doc) -> Doc:
        spans = []
        text = doc_text(doc)
        if not trigger.search(
            text
        ):  # most provisions name no sanction: one cheap search instead of all patterns
            doc.spans["sanctions"] = []
            return doc
        for sanction, rx in patterns:
            for m in rx.finditer(text):
                span = doc.char_span(m.start(), m.end(), label=sanction, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans["sanctions"] = sorted(filter_spans(spans), key=lambda s: s.start)
        return doc

    return assign


# -- pipelines ------------------------------------------------------------------------------------------------------

COMPONENTS = ("regkg_sentences", "regkg_roles", "regkg_deontic", "regkg_sanctions")


@cache
def get_nlp(lang: str) -> Language:
    """The cached pipeline of ``lang`` ("zh" or "en")."""
    if lang not in ("zh", "en"):
        raise ValueError(f"no extraction pipeline for language {lang!r}")
    nlp = spacy.blank(lang)
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"lang": lang})
    return nlp


def make_doc(text: str, lang: str, instrument: str | None = None, jurisdiction: str | None = None) -> Doc:
    """Run the pipeline of ``lang`` over ``text`` as a text of ``instrument`` (which scopes the role forms)."""
    nlp = get_nlp(lang)
    doc = nlp.make_doc(text)
    doc.user_data["regkg_text"] = text
    doc._.regkg_instrument = instrument
    doc._.regkg_jurisdiction = jurisdiction
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def make_docs(texts: Iterable[str], lang: str, instrument: str | None, jurisdiction: str | None) -> list[Doc]:
    return [make_doc(t, lang, instrument, jurisdiction) for t in texts]
