"""Reading citations in running text: spaCy marks reference *atoms*, a small grammar composes them.

An atom is one cited unit as the text writes it: 第十三条, 前款, 本法, 《中华人民共和国网络安全法》, "Article 5(1)(d)",
"points (a) and (b)", "Annex III", "this Article", "Regulation (EU) 2016/679", and the connectors between them
(、, 至, "and", "of", "to"). The patterns are data (``regkg/data/patterns/references.{zh,en}.jsonl``) run by a spaCy
``Matcher``; formal titles from ``corpus/aliases.yaml`` run by a ``PhraseMatcher``. Both sit in one pipeline
component, ``regkg_reference_atoms``, which assigns ``doc.spans["ref_atoms"]``.

The composer then joins atoms into references, the way a reader does:

- adjacent and finer refines (第十七条第一款第三项; "Article 22, paragraph 1"; "Chapter III Section 2");
- a list shares the coarser context in Chinese (第二十二条第一款、第二款 is paragraph 2 of Article 22);
- 至 / "to" / "through" is a range (第四十一条至第四十三条; "Articles 8 to 15");
- "of" qualifies what precedes it ("point (a) of Article 5(1)", "Article 10 of Regulation (EU) 2016/679");
- "that Regulation", 该款 point back to the last one cited in the same provision.

The result is a list of :class:`RefSpec`: where the reference is and which steps it names, not yet resolved to a
node (that is :mod:`regkg.extract.ref_targets`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_suffix_regex, filter_spans

from ..numerals import cn_to_int, int_to_roman, roman_to_int
from .ref_aliases import Aliases, Hit, default_aliases, normalize

PATTERN_DIR = Path(__file__).resolve().parent.parent / "data" / "patterns"
SPANS_KEY = "ref_atoms"

# How coarse each step is: a finer step refines a coarser one, "of" attaches a coarser one to finer ones.
RANK = {
    "instrument": 0,
    "part": 0.5,
    "title": 1,
    "chapter": 2,
    "article": 4,
    "section": 4.5,  # finer than an annex ("Section A of Annex I") and coarser than a chapter
    "annex": 4,
    "recital": 4,
    "paragraph": 5,
    "subparagraph": 6,
    "point": 7,
    "subpoint": 8,
}
REL_RANK = {
    "this_title": 1,
    "this_chapter": 2,
    "this_section": 4.5,
    "this_article": 4,
    "prev_article": 4,
    "that_article": 4,
    "this_annex": 4,
    "this_para": 5,
    "prev_para": 5,
    "that_para": 5,
    "this_point": 7,
    "prev_point": 7,
    "that_point": 7,
    "thereof": 4,  # "point (iii) thereof": what the provision cited last
}
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_CN_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
# A bare number after a list connector is a further designator, unless a unit follows it ("Article 5, 15 days").
_NOT_AFTER_NUMBER = {
    "days",
    "day",
    "months",
    "month",
    "years",
    "year",
    "weeks",
    "week",
    "hours",
    "calendar",
    "working",
    "per",
    "percent",
    "%",
    "million",
    "eur",
    "euro",
    "/",
}
_STRUCTURE_LABELS = {
    "ART",
    "PARA",
    "SUBPARA",
    "POINT",
    "SUBPOINT",
    "ANNEX",
    "PART",
    "TITLE",
    "CHAPTER",
    "SECTION",
    "RECITAL",
}
_INSTRUMENT_LABELS = {"SELF", "SELF_ALIAS", "NAMED", "NAMED_BASIS", "EU_ACT", "THAT_ACT"}
_MARKER_LABELS = {"CONJ", "BASIS_START", "BASIS_END", "AMEND_TO"}


@dataclass(frozen=True)
class Step:
    """One level of a reference: ("article", "13"), ("point", "d"), ("rel", ("prev_para", 1)), ("instrument", Hit)."""

    level: str
    value: object
    rank: float

    @classmethod
    def of(cls, level: str, value: object) -> Step:
        if level == "rel":
            name = value[0]  # type: ignore[index]
            return cls(level, value, REL_RANK[name])
        return cls(level, value, RANK[level])


SELF = "@self"


@dataclass(frozen=True)
class Unknown:
    """An anaphor ("that Regulation") with no antecedent in the provision."""

    text: str


@dataclass
class RefSpec:
    """A reference found in a text: its span and the steps it names (coarse to fine), not yet resolved."""

    steps: list[Step]
    start: int
    end: int
    rules: tuple[str, ...] = ()
    basis: bool = False  # inside a 根据…制定 / "in accordance with … formulated" sentence
    after_amend_to: bool = False  # follows 改为 / 作为 in an amendment decision
    note: str = ""

    @property
    def instrument(self) -> object | None:
        for s in self.steps:
            if s.level == "instrument":
                return s.value
        return None

    @property
    def location(self) -> list[Step]:
        return sorted((s for s in self.steps if s.level != "instrument"), key=lambda s: s.rank)

    def has_rank(self, rank: float) -> bool:
        return any(s.rank == rank for s in self.steps)

    @property
    def min_rank(self) -> float:
        return min((s.rank for s in self.steps), default=99)

    @property
    def max_rank(self) -> float:
        return max((s.rank for s in self.steps), default=-1)


@dataclass
class Atom:
    label: str
    start: int  # character offsets
    end: int
    tok_start: int
    tok_end: int
    rule: str
    parts: list[list[Step]] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    @property
    def rank(self) -> float:
        return min((s.rank for p in self.parts for s in p), default=99)


# -- patterns and pipelines ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PatternRule:
    id: str
    label: str
    pattern: list
    meta: dict


def load_patterns(lang: str, directory: Path | None = None) -> list[PatternRule]:
    """The atom patterns of one language (lines with a ``pattern``) and its connectors (lines with ``words``);
    each problem names the file and line."""
    path = (directory or PATTERN_DIR) / f"references.{lang}.jsonl"
    rules = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: not valid JSON: {exc}") from None
        for key in ("id", "label"):
            if key not in raw:
                raise ValueError(f"{path}:{n}: a pattern needs {key!r}")
        if ("pattern" in raw) == ("words" in raw):
            raise ValueError(f"{path}:{n}: give either a token 'pattern' or connector 'words'")
        if raw["label"] not in _STRUCTURE_LABELS | _INSTRUMENT_LABELS | _MARKER_LABELS | {"REL"}:
            raise ValueError(f"{path}:{n}: unknown label {raw['label']!r}")
        if "words" in raw and raw["label"] != "CONJ":
            raise ValueError(f"{path}:{n}: only CONJ lines list 'words'")
        meta = {k: v for k, v in raw.items() if k not in ("id", "label", "pattern")}
        rules.append(PatternRule(raw["id"], raw["label"], raw.get("pattern") or [], meta))
    return rules


@cache
def connectors(lang: str) -> dict[str, str]:
    """Connector word -> kind (and, or, of, comma, range), from the CONJ lines of the pattern file."""
    return {w: r.meta["conj"] for r in load_patterns(lang) if r.label == "CONJ" for w in r.meta["words"]}


def gap_connectors(gap: str, lang: str) -> list[str] | None:
    """The connector kinds that make up ``gap`` (the text between two atoms), or None if other words occur."""
    words = connectors(lang)
    s = gap.strip()
    kinds: list[str] = []
    if lang == "zh":
        s = re.sub(r"\s+", "", s)
        while s:
            w = next((w for w in sorted(words, key=len, reverse=True) if s.startswith(w)), None)
            if w is None:
                return None
            kinds.append(words[w])
            s = s[len(w) :]
        return kinds
    for tok in re.findall(r"as well as|and/or|[A-Za-z&]+|[^\sA-Za-z]", s.lower()):
        if tok not in words:
            return None
        kinds.append(words[tok])
    return kinds


class AtomMarker:
    """spaCy component: marks reference atoms in ``doc.spans["ref_atoms"]`` (label = atom kind, id = rule)."""

    def __init__(self, nlp: Language, lang: str, aliases: Aliases) -> None:
        self.lang = lang
        self.rules = {r.id: r for r in load_patterns(lang)}
        self.matcher = Matcher(nlp.vocab)
        for r in self.rules.values():
            if r.pattern:
                self.matcher.add(r.id, expand_first_token(r.pattern))
        self.triggers = _trigger_words(self.rules.values())
        self.trigger_hashes = numpy.array(
            sorted(nlp.vocab.strings.add(w) for w in self.triggers), dtype=numpy.uint64
        )
        self.window = (3, 60) if lang == "zh" else (4, 16)  # tokens before and after a trigger word
        # formal titles (en only: Chinese titles are read from 《》), basis-only names and per-instrument self names
        self.phrases = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.phrase_meta: dict[str, tuple[str, object]] = {}
        self._add_phrases(nlp, aliases)

    def _add_phrases(self, nlp: Language, aliases: Aliases) -> None:
        entries: list[tuple[str, str, object]] = []
        for juris in ("CN", "EU"):
            if self.lang == "en":
                entries += [("NAMED", t, h) for t, h in aliases.text_titles[juris] if not _has_cjk(t)]
            entries += [
                ("NAMED_BASIS", t, h)
                for t, h in aliases.basis_only[juris]
                if _has_cjk(t) == (self.lang == "zh")
            ]
        if self.lang == "en":
            names = {n for v in aliases.self_names.values() for n in v["en"]}
            entries += [("SELF_ALIAS", n, n) for n in sorted(names)]
        for i, (label, text, payload) in enumerate(entries):
            key = f"{label.lower()}-{i}"
            self.phrase_meta[key] = (label, payload)
            self.phrases.add(key, [nlp.make_doc(text)])

    def windows(self, doc: Doc) -> list[Span]:
        """The parts of ``doc`` around a word some pattern contains: the Matcher's cost grows with tokens times
        patterns, and most tokens of a legal text are nowhere near a citation."""
        before, after = self.window
        out: list[list[int]] = []
        lower = doc.to_array(LOWER)  # hashes, compared in numpy rather than token by token in Python
        for i in numpy.flatnonzero(numpy.isin(lower, self.trigger_hashes)).tolist():
            lo, hi = max(0, i - before), min(len(doc), i + after)
            if out and lo <= out[-1][1]:
                out[-1][1] = max(out[-1][1], hi)
            else:
                out.append([lo, hi])
        return [doc[lo:hi] for lo, hi in out]

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        matches = {
            (m.label_, m.start, m.end) for w in self.windows(doc) for m in self.matcher(w, as_spans=True)
        }
        for key, start, end in sorted(matches):
            spans.append(Span(doc, start, end, label=self.rules[key].label, span_id=key))
        for match_id, start, end in self.phrases(doc):
            key = doc.vocab.strings[match_id]
            spans.append(Span(doc, start, end, label=self.phrase_meta[key][0], span_id=key))
        doc.spans[SPANS_KEY] = filter_spans(spans)
        return doc


_NOT_TRIGGERS = {
    "the",
    "this",
    "that",
    "these",
    "in",
    "on",
    "of",
    "with",
    "said",
    "no",
    "no.",
    ".",
    "(",
    ")",
    "/",
}


def _trigger_words(rules: Iterable[PatternRule]) -> set[str]:
    """Every literal word of the patterns (lower-cased) except function words: where a match can be."""
    out: set[str] = set()
    for r in rules:
        for tok in r.pattern:
            for attr in ("LOWER", "ORTH"):
                v = tok.get(attr)
                values = v.get("IN", []) if isinstance(v, dict) else [v] if isinstance(v, str) else []
                out |= {str(x).lower() for x in values}
    return out - _NOT_TRIGGERS


def expand_first_token(pattern: list[dict]) -> list[list[dict]]:
    """Equivalent patterns whose first token is a plain value: an optional first token is dropped or kept, and
    ``{"LOWER": {"IN": [...]}}`` becomes one pattern per word. The Matcher tries every pattern's first token at
    every token of the text; a plain value is checked in C, a set-valued one calls back into Python."""
    first, rest = pattern[0], pattern[1:]
    if first.get("OP") == "?" and rest:
        return expand_first_token(rest) + expand_first_token(
            [{k: v for k, v in first.items() if k != "OP"}, *rest]
        )
    if first.get("OP") in ("+", "*"):
        return [pattern]
    for attr in ("LOWER", "ORTH"):
        value = first.get(attr)
        if isinstance(value, dict) and set(value) == {"IN"} and len(first) == 1:
            return [[{attr: v}, *rest] for v in value["IN"]]
    return [pattern]


def _has_cjk(s: str) -> bool:
    return bool(re.search(r"[\u3400-\u9fff]", s))


@Language.factory("regkg_reference_atoms", assigns=["doc.spans"], default_config={"lang": "en"})
def make_atom_marker(nlp: Language, name: str, lang: str) -> AtomMarker:
    return AtomMarker(nlp, lang, default_aliases())


@cache
def pipeline(lang: str) -> Language:
    """The blank spaCy pipeline of ``lang`` with the atom marker; English splits on ( ) / [ ] so that
    "5(1)(d)" and "2016/679" are read token by token."""
    nlp = spacy.blank(lang)
    if lang == "en":
        infixes = [*nlp.Defaults.infixes, r"[()/\[\]]"]
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        # "Annex I." and "Section A." end a sentence, they are not initials; "(8)" holds a number, not the
        # emoticon "8)" of spaCy's tokenizer exceptions
        nlp.tokenizer.rules = {
            k: v for k, v in nlp.tokenizer.rules.items() if not re.fullmatch(r"[A-Za-z]\.|.*[()].*", k)
        }
        suffixes = [*nlp.Defaults.suffixes, r"(?<=[A-Z])\."]
        nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.add_pipe("regkg_reference_atoms", config={"lang": lang})
    return nlp


def marker(lang: str) -> AtomMarker:
    return pipeline(lang).get_pipe("regkg_reference_atoms")  # type: ignore[return-value]


# -- atoms: from spans to steps -------------------------------------------------------------------------------------


def _cn_number(chars: str) -> str | None:
    digits = "".join(c for c in chars if c.isdigit())
    if digits and digits == chars:
        return str(int(digits))
    try:
        return str(cn_to_int(chars))
    except ValueError:
        return None


def _zh_atom(span: Span, rule: PatternRule | None, aliases: Aliases) -> Atom | None:
    text = span.text
    atom = Atom(span.label_, span.start_char, span.end_char, span.start, span.end, span.id_)
    label = span.label_
    if label in ("ART", "PARA", "POINT", "SUBPOINT"):
        inner = re.sub(r"[第条款项目（）()\s]", "", text)
        num = _cn_number(inner)
        if num is None:
            return None
        level = {"ART": "article", "PARA": "paragraph", "POINT": "point", "SUBPOINT": "subpoint"}[label]
        atom.parts = [[Step.of(level, num)]]
    elif label == "REL":
        assert rule is not None
        name = rule.meta["rel"]
        count = rule.meta.get("count") or _CN_COUNT.get(text[1], 1)
        atom.parts = _rel_parts(name, count)
    elif label == "SELF":
        atom.parts = [[Step.of("instrument", SELF)]]
    elif label == "NAMED":
        inner = text[1:-1]
        hit = aliases.lookup(inner)
        if hit is None:
            hit = Hit(inner, external=aliases.unknown_title(inner, "CN"))
        atom.parts = [[Step.of("instrument", hit)]]
    elif label == "NAMED_BASIS":
        atom.parts = [[Step.of("instrument", _phrase_payload(span))]]
    return atom


def _rel_parts(name: str, count: int) -> list[list[Step]]:
    if name.startswith("prev_"):
        return [[Step.of("rel", (name, k))] for k in range(count, 0, -1)]
    return [[Step.of("rel", (name, 0))]]


def _phrase_payload(span: Span) -> object:
    return marker("en" if not _has_cjk(span.text) else "zh").phrase_meta[span.id_][1]


def _is_designator(tok_text: str, kind: str) -> bool:
    if kind == "roman":
        return bool(re.fullmatch(r"[IVXL]{1,6}", tok_text))
    if kind == "section":
        return bool(re.fullmatch(r"\d{1,2}|[A-H]|[IVX]{1,4}", tok_text))
    if kind == "number":
        return bool(re.fullmatch(r"\d{1,3}[a-z]{0,2}(\.\d{1,2})*", tok_text))
    return bool(re.fullmatch(r"\d{1,3}[a-z]{0,2}|[a-z]{1,2}|[ivx]{1,5}", tok_text))  # "paren"


def _range(a: str, b: str) -> list[str]:
    """Values from a to b inclusive, for numbers, Roman numerals and letters; just the ends otherwise."""
    if a.isdigit() and b.isdigit() and int(a) < int(b) <= int(a) + 200:
        return [str(i) for i in range(int(a), int(b) + 1)]
    if re.fullmatch(r"[IVXL]+", a) and re.fullmatch(r"[IVXL]+", b):
        x, y = roman_to_int(a), roman_to_int(b)
        if x < y:
            return [int_to_roman(i) for i in range(x, y + 1)]
    if re.fullmatch(r"[a-z]", a) and re.fullmatch(r"[a-z]", b) and a < b:
        return [chr(c) for c in range(ord(a), ord(b) + 1)]
    return [a, b]


def _paren_group(doc: Doc, j: int) -> str | None:
    """The designator in "( x )" starting at token j, or None."""
    if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
        t = doc[j + 1].text
        if _is_designator(t, "paren"):
            return t
    return None


def _connector(doc: Doc, j: int) -> tuple[str, int] | None:
    """A list connector at token j (",", "and", "or", ", and", "to", "through"): (kind, tokens)."""
    if j >= len(doc):
        return None
    t = doc[j].lower_
    if t == ",":
        if j + 1 < len(doc) and doc[j + 1].lower_ in ("and", "or"):
            return "and", 2
        return "and", 1
    if t in ("and", "or", "and/or"):
        return "and", 1
    if t in ("to", "through"):
        return "range", 1
    return None


def _inline_point(doc: Doc, j: int) -> str | None:
    """ ", point (d)" inside a list of paragraphs, or None."""
    if j + 5 <= len(doc) and doc[j].text == "," and doc[j + 1].lower_ == "point":
        return _paren_group(doc, j + 2)
    return None


def _en_extend(
    doc: Doc, j: int, top: str, top_kind: str, paren_top: bool, inline_point: bool = False
) -> tuple[int, list[list[str]]]:
    """Read designators after the first one (at token j-1 or the group ending at j-1): sub-designators in
    parentheses, then further items of a list or range. Returns the end token and the designator paths."""
    path = [top]
    while (sub := _paren_group(doc, j)) is not None:
        path.append(sub)  # "Article 5(1)(d)", "point (h)(iii)"
        j += 3
    paths = [path]
    while True:
        if inline_point and (sub := _inline_point(doc, j)) is not None:
            paths[-1] = [*paths[-1], sub]  # "paragraphs 1, point (d), 2 and 3"
            j += 5
            continue
        conn = _connector(doc, j)
        if conn is None:
            break
        kind, width = conn
        k = j + width
        sub = _paren_group(doc, k)
        last = paths[-1]
        if sub is not None and (len(last) > 1 or paren_top):
            if sub.isdigit() != last[-1].isdigit():
                break  # "Article 5(1), point (d), (2) and (3)": (2) is not a sibling of (d)
            # "Article 63(5) or (6)", "paragraphs (3) to (9)": a sibling at the last level
            new = [*last[:-1], sub]
            k += 3
        elif k < len(doc) and _is_designator(doc[k].text, top_kind) and not paren_top:
            after = doc[k + 1].lower_ if k + 1 < len(doc) else ""
            if after in _NOT_AFTER_NUMBER or (after and doc[k + 1].text == "/"):
                break
            new = [doc[k].text]
            k += 1
            while (s := _paren_group(doc, k)) is not None:
                new.append(s)
                k += 3
        else:
            break
        if kind == "range" and len(new) == len(last) and new[:-1] == last[:-1]:
            for v in _range(last[-1], new[-1])[1:]:
                paths.append([*last[:-1], v])
        else:
            paths.append(new)
        j = k
    return j, paths


_EN_LEVEL = {
    "ART": ("article", "number"),
    "PARA": ("paragraph", "number"),
    "POINT": ("point", "paren"),
    "ANNEX": ("annex", "roman"),
    "PART": ("part", "part"),
    "TITLE": ("title", "roman"),
    "CHAPTER": ("chapter", "chapter"),
    "SECTION": ("section", "section"),
    "RECITAL": ("recital", "number"),
}
# ranks of the designators in parentheses after the first one, by the first one's level
_SUB_LEVELS = {
    "article": ["paragraph", "point", "subpoint"],
    "paragraph": ["point", "subpoint"],
    "point": ["subpoint", "subpoint"],
    "annex": ["point", "subpoint"],
}


def _en_parts(level: str, paths: list[list[str]]) -> list[list[Step]]:
    out = []
    for path in paths:
        steps = [Step.of(level, path[0])]
        subs = _SUB_LEVELS.get(level, [])
        for i, v in enumerate(path[1:]):
            sub_level = subs[min(i, len(subs) - 1)] if subs else "subpoint"
            # "des": a designator in parentheses whose kind the text does not say (Article 3(44) is a point)
            steps.append(Step("des", v, RANK[sub_level]))
        out.append(steps)
    return out


def _en_atom(doc: Doc, span: Span, rule: PatternRule | None, aliases: Aliases) -> Atom | None:
    atom = Atom(span.label_, span.start_char, span.end_char, span.start, span.end, span.id_)
    label = span.label_
    if label in _EN_LEVEL:
        level, kind = _EN_LEVEL[label]
        if rule and rule.meta.get("ordinal"):
            word = next(t.lower_ for t in span if t.lower_ in _ORDINALS)
            atom.parts = [[Step.of(level, str(_ORDINALS[word]))]]
            return atom
        last = span[-1].text
        paren_top = last == ")"
        top = span[-2].text if paren_top else last
        if kind == "chapter":
            kind = "roman" if re.fullmatch(r"[IVXL]+", top) else "number"
        if kind == "paren" and not paren_top:
            kind = "number"  # "point 3" of an annex: further items are numbers, not letters ("point 3, an")
        if kind == "part":
            atom.parts = [[Step.of("part", top)]]
            return atom
        end_tok, paths = _en_extend(doc, span.end, top, kind, paren_top, inline_point=label == "PARA")
        atom.tok_end = end_tok
        atom.end = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
        atom.parts = _en_parts(level, paths)
    elif label == "SUBPARA":
        word = next(t.lower_ for t in span if t.lower_ in _ORDINALS or t.lower_ == "last")
        atom.parts = [[Step.of("subparagraph", str(_ORDINALS.get(word, 0)))]]
    elif label == "REL":
        assert rule is not None
        atom.parts = _rel_parts(rule.meta["rel"], int(rule.meta.get("count", 1)))
        atom.meta["qualifier"] = rule.meta["rel"] == "thereof"
    elif label == "SELF":
        atom.parts = [[Step.of("instrument", SELF)]]
    elif label == "SELF_ALIAS":
        atom.meta["self_name"] = span.text
        atom.parts = [[Step.of("instrument", SELF)]]
    elif label in ("NAMED", "NAMED_BASIS"):
        atom.parts = [[Step.of("instrument", _phrase_payload(span))]]
    elif label == "EU_ACT":
        hit = aliases.lookup(span.text)
        if hit is None:
            hit = Hit(span.text, external=aliases.eu_external(span.text))
        atom.parts = [[Step.of("instrument", hit)]]
    elif label == "THAT_ACT":
        atom.parts = [[Step.of("instrument", Unknown(span.text))]]
    return atom


def atoms(doc: Doc, lang: str, aliases: Aliases) -> list[Atom]:
    """The atoms of a processed doc, in text order, list extensions applied and swallowed spans dropped."""
    rules = marker(lang).rules
    out: list[Atom] = []
    covered = -1
    for span in sorted(doc.spans[SPANS_KEY], key=lambda s: s.start):
        if span.start < covered:
            continue  # inside an extended atom ("Articles 33, 34 and 36": the commas and "and")
        rule = rules.get(span.id_)
        a = _zh_atom(span, rule, aliases) if lang == "zh" else _en_atom(doc, span, rule, aliases)
        if a is None:
            continue
        covered = a.tok_end
        out.append(a)
    return out


# -- composition ----------------------------------------------------------------------------------------------------


@dataclass
class ComposeOptions:
    lang: str
    jurisdiction: str  # of the citing instrument: titles of the other jurisdiction are ignored
    self_names: tuple[str, ...] = ()  # names the citing instrument uses for itself ("these measures")
    aliases: Aliases | None = None


def _sentences(text: str, lang: str) -> list[tuple[int, int]]:
    pattern = r"[。；;\n]" if lang == "zh" else r"(?<=[.;])\s+|\n"
    out, start = [], 0
    for m in re.finditer(pattern, text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _keep(atom: Atom, opts: ComposeOptions, aliases: Aliases) -> bool:
    if atom.label == "SELF_ALIAS":
        return normalize(atom.meta["self_name"]) in {normalize(n) for n in opts.self_names}
    if atom.label in ("NAMED", "NAMED_BASIS") and opts.lang == "en":
        hit = atom.parts[0][0].value
        return _jurisdiction(hit, aliases) == opts.jurisdiction
    return True


def _jurisdiction(hit: object, aliases: Aliases) -> str | None:
    if not isinstance(hit, Hit):
        return None
    if hit.external:
        return hit.external.jurisdiction
    version = hit.instrument or aliases.works[hit.work][0]  # type: ignore[index]
    return aliases.manifest.get(version).jurisdiction


def _gap_kind(kinds: list[str] | None) -> str | None:
    """How two atoms are joined: adjacent/comma/sibling/range/qualify, or None when other words separate them."""
    if kinds is None:
        return None
    if not kinds:
        return "adjacent"
    kinds = [k for k in kinds if k != "filler"]  # "of the"
    if not kinds:
        return None
    if "of" in kinds:
        return "qualify"
    if "range" in kinds:
        return "range"
    if any(k in ("and", "or") for k in kinds):
        return "sibling"
    return "comma"


def compose(text: str, found: list[Atom], opts: ComposeOptions) -> list[RefSpec]:
    """Join atoms into references (see the module docstring for the rules)."""
    aliases = opts.aliases or default_aliases()
    sentences = _sentences(text, opts.lang)
    basis_sentences = []
    for s, e in sentences if opts.jurisdiction == "CN" else ():
        # 根据《…》…制定本法 / "in accordance with …, these Provisions are formulated": the instrument's basis
        labels = {a.label for a in found if s <= a.start < e}
        needed = {"BASIS_START", "BASIS_END"}
        if needed <= labels and (opts.lang == "zh" or labels & {"SELF", "SELF_ALIAS"}):
            basis_sentences.append((s, e))

    def in_basis(a: Atom) -> bool:
        return any(s <= a.start < e for s, e in basis_sentences)

    atoms_ = [a for a in found if _keep(a, opts, aliases) and (a.label != "NAMED_BASIS" or in_basis(a))]
    chains: list[list[tuple[Atom, str | None]]] = []
    last: Atom | None = None
    amend_to_ends: list[int] = []
    for a in atoms_:
        if a.label in ("BASIS_START", "BASIS_END", "AMEND_TO"):
            if a.label == "AMEND_TO":
                amend_to_ends.append(a.end)
            last = None
            continue
        gap = None
        if last is not None and a.start - last.end <= 16:
            gap = _gap_kind(gap_connectors(text[last.end : a.start], opts.lang))
        if gap is None:
            chains.append([(a, None)])
        else:
            chains[-1].append((a, gap))
        last = a

    specs: list[RefSpec] = []
    history: list[RefSpec] = []
    for chain in chains:
        for spec in _compose_chain(chain, opts.lang, history, text):
            spec.basis = any(s <= spec.start < e for s, e in basis_sentences)
            spec.after_amend_to = any(
                p <= spec.start and not text[p : spec.start].strip() for p in amend_to_ends
            )
            specs.append(spec)
            history.append(spec)
    return [s for s in specs if _worth_keeping(s)]


def _worth_keeping(spec: RefSpec) -> bool:
    levels = {s.level for s in spec.steps}
    inst = spec.instrument
    if inst == SELF and levels == {"instrument"}:
        return False  # "本法", "this Regulation" alone: the instrument naming itself
    return bool(spec.steps)


def _compose_chain(
    chain: list[tuple[Atom, str | None]], lang: str, history: list[RefSpec], text: str
) -> list[RefSpec]:
    refs: list[RefSpec] = []
    prev: list[RefSpec] = []
    for i, (atom, gap) in enumerate(chain):
        parts = [list(p) for p in atom.parts]
        if not parts:
            continue
        if gap is None:
            if atom.meta.get("qualifier"):
                continue  # "thereof" after something that is not a citation
            new = [RefSpec(p, atom.start, atom.end, (atom.rule,)) for p in parts]
            refs += new
            prev = new
            continue
        q_rank = atom.rank
        # "Chapter 2, Title III": a coarser division after a comma places the finer one inside it
        structural = {"title", "chapter", "section"}
        inverted = (
            gap == "comma"
            and prev
            and {s.level for s in parts[0]} <= structural
            and all({s.level for s in r.steps} <= structural and q_rank < r.min_rank for r in prev)
        )
        if (
            gap == "qualify"
            or inverted
            or atom.meta.get("qualifier")
            or (lang == "en" and gap == "adjacent" and q_rank == 0 and prev)
        ):
            # "point (a) of Article 5(1)", "Article 16 TFEU": attach to the trailing refs that lack this level
            q = parts[0]
            top = max(s.rank for s in q)
            touched = []
            level = refs[-1].min_rank if refs else None
            own_end = refs[-1].end if refs else None
            for r in reversed(refs):
                # only the run of references at the level of the last one: in "Article 8, paragraph 1 of
                # Article 9" the article qualifies paragraph 1, not Article 8
                if r.min_rank > top and r.min_rank == level and not any(r.has_rank(s.rank) for s in q):
                    r.steps = q + r.steps
                    if r.end == own_end:  # the anchor of "Article 26 of these Provisions", not of Article 7
                        r.end = max(r.end, atom.end)
                    r.rules += (atom.rule,)
                    touched.append(r)
                else:
                    break
            if not touched:  # nothing to qualify: a reference of its own
                new = [RefSpec(p, atom.start, atom.end, (atom.rule,)) for p in parts]
                refs += new
                touched = new
            prev = touched
            continue
        finer = prev and q_rank > max(r.max_rank for r in prev)
        if finer and gap == "comma" and i + 1 < len(chain) and chain[i + 1][1] == "qualify":
            # "Article 8, paragraph 1 of Article 9": the paragraph belongs to the next article, not to Article 8
            nxt = chain[i + 1][0]
            if any(prev[-1].has_rank(s.rank) for p in nxt.parts for s in p):
                finer = False
        if gap in ("adjacent", "comma") and finer:
            # refinement: 第十七条第一款 / "Article 22, paragraph 1" / "Chapter III Section 2"
            new = [
                RefSpec(r.steps + p, r.start, atom.end, r.rules + (atom.rule,), note=r.note)
                for r in prev
                for p in parts
            ]
            idx = refs.index(prev[0])
            refs[idx : idx + len(prev)] = new
            prev = new
            continue
        context: list[Step] = []
        if lang == "zh" and prev:
            # a Chinese list shares the coarser context: 第二十二条第一款、第二款 / 前款第一项、第二项
            context = [s for s in prev[-1].steps if s.rank < q_rank]
        if gap == "range" and prev:
            lo = [s for s in prev[-1].steps if s.rank == q_rank and s.level != "rel"]
            hi = [s for s in parts[0] if s.rank == q_rank and s.level != "rel"]
            if lo and hi and isinstance(lo[-1].value, str) and isinstance(hi[-1].value, str):
                values = _range(lo[-1].value, hi[-1].value)[1:]
                if lang == "en":  # "Article 8 to Article 15" has no shared context to copy
                    context = []
                # the anchor of every article the range adds is the whole range: 第四十一条至第四十三条
                begin = prev[-1].start
                new = [
                    RefSpec(context + [replace(hi[-1], value=v)], begin, atom.end, (atom.rule,))
                    for v in values
                ]
                refs += new
                prev = new
                continue
        new = [RefSpec(context + p, atom.start, atom.end, (atom.rule,)) for p in parts]
        refs += new
        prev = new
    out = []
    for r in refs:
        r.steps = _resolve_anaphora(r, history + out, text)
        out.append(r)
    return out


def _resolve_anaphora(ref: RefSpec, earlier: list[RefSpec], text: str) -> list[Step]:
    """Replace "that Regulation" / 该款 / "that paragraph" with what the provision cited last."""
    steps = []
    for s in ref.steps:
        if s.level == "instrument" and isinstance(s.value, Unknown):
            kind = s.value.text.split()[-1].lower()
            ante = next(
                (
                    r.instrument
                    for r in reversed(earlier)
                    if isinstance(r.instrument, Hit) and kind in normalize(r.instrument.name)
                ),
                None,
            )
            steps.append(replace(s, value=ante) if ante is not None else s)
        elif s.level == "rel" and s.value[0] == "thereof":  # type: ignore[index]
            finest = min((x.rank for x in ref.steps if x is not s), default=99)
            ante = earlier[-1] if earlier else None
            if ante is None:
                steps.append(s)
            else:
                steps += [x for x in ante.steps if x.rank < finest]
        elif s.level == "rel" and s.value[0] in ("that_para", "that_article", "that_point"):  # type: ignore[index]
            rank = REL_RANK[s.value[0]]  # type: ignore[index]
            ante = next(
                (r for r in reversed(earlier) if any(x.rank == rank and x.level != "rel" for x in r.steps)),
                None,
            )
            if ante is None:
                steps.append(s)
            else:
                steps += [x for x in ante.steps if x.rank <= rank]
        else:
            steps.append(s)
    return steps


# -- entry point ----------------------------------------------------------------------------------------------------


def find_references(
    texts: Iterable[str], opts: Iterable[ComposeOptions], lang: str, aliases: Aliases | None = None
) -> Iterator[list[RefSpec]]:
    """The references in each text (one list per text), using the pipeline of ``lang``."""
    aliases = aliases or default_aliases()
    nlp = pipeline(lang)
    texts = list(texts)
    for text, doc, opt in zip(texts, nlp.pipe(texts, batch_size=256), opts, strict=True):
        yield compose(text, atoms(doc, lang, aliases), opt)  # the text as given (doc.text rebuilds it)


def references_in(text: str, lang: str, jurisdiction: str, self_names: tuple[str, ...] = ()) -> list[RefSpec]:
    """The references in one text (convenience for tests and the resolver)."""
    opts = ComposeOptions(lang, jurisdiction, self_names)
    return next(find_references([text], [opts], lang))
