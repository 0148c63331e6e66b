"""The zh → en glossary (``corpus/glossary.yaml``): term renderings shared by the translations, the graph and the explorer.

>>> g = Glossary.from_data({"version": "1", "terms": [
...     {"zh": "深度合成", "en": "deep synthesis", "category": "concept"},
...     {"zh": "深度合成服务提供者", "en": "deep synthesis service provider", "category": "role"},
... ]})
>>> g.lookup("深度合成").en
'deep synthesis'
>>> [t.en for t in g.terms_in("深度合成服务提供者应当落实深度合成管理")]
['deep synthesis service provider', 'deep synthesis']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from .errors import RegkgError
from .sources import project_root

CATEGORIES = (
    "role",
    "authority",
    "concept",
    "activity",
    "content",
    "sanction",
    "document-type",
    "instrument",
)

_TERM_KEYS = {"zh", "en", "category", "alt_en", "note", "instruments"}
_INSTRUMENT_KEYS = {"zh", "en", "short_en", "note", "cited_by"}


class GlossaryError(RegkgError):
    """The glossary file is missing or malformed."""


@dataclass(frozen=True)
class Term:
    """One glossary entry: a Chinese term and the English rendering regkg uses for it."""

    zh: str
    en: str
    category: str
    alt_en: tuple[str, ...] = ()
    note: str = ""
    instruments: tuple[str, ...] = ()  # corpus ids whose Chinese text contains the term


@dataclass(frozen=True)
class InstrumentTitle:
    """The standard English title of an instrument cited in the corpus texts (``zh`` without 《》)."""

    zh: str
    en: str
    short_en: str = ""
    note: str = ""
    cited_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """An occurrence of a glossary term in a Chinese text: ``text[start:end] == term.zh``."""

    start: int
    end: int
    term: Term


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    instruments: tuple[InstrumentTitle, ...] = ()
    version: str = ""
    date: str = ""
    description: str = ""
    sources: tuple[str, ...] = ()
    path: Path | None = None
    _by_zh: dict[str, Term] = field(default_factory=dict, init=False, repr=False, compare=False)
    _titles: dict[str, InstrumentTitle] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_zh.update((t.zh, t) for t in self.terms)
        self._titles.update((i.zh, i) for i in self.instruments)

    # -- construction -------------------------------------------------------------------------------------------

    @classmethod
    def from_data(cls, data: object, path: Path | str | None = None) -> Glossary:
        """Build and check a glossary from parsed YAML; every problem names the file and the entry."""
        where = str(path) if path else "<glossary>"
        if not isinstance(data, Mapping):
            raise GlossaryError(f"{where}: expected a mapping with 'version' and 'terms' at the top level")
        raw_terms = data.get("terms")
        if not isinstance(raw_terms, list) or not raw_terms:
            raise GlossaryError(f"{where}: expected a non-empty list under 'terms'")
        terms: list[Term] = []
        seen: dict[str, int] = {}
        for i, raw in enumerate(raw_terms, 1):
            term = _term(raw, f"{where}: terms entry #{i}")
            if term.zh in seen:
                raise GlossaryError(
                    f"{where}: terms entry #{i} ({term.zh}): duplicate zh, already entry #{seen[term.zh]}"
                )
            seen[term.zh] = i
            terms.append(term)
        raw_instruments = data.get("instruments") or []
        if not isinstance(raw_instruments, list):
            raise GlossaryError(f"{where}: expected a list under 'instruments'")
        instruments: list[InstrumentTitle] = []
        seen_titles: dict[str, int] = {}
        for i, raw in enumerate(raw_instruments, 1):
            title = _instrument(raw, f"{where}: instruments entry #{i}")
            if title.zh in seen_titles:
                raise GlossaryError(
                    f"{where}: instruments entry #{i} ({title.zh}): duplicate zh, "
                    f"already entry #{seen_titles[title.zh]}"
                )
            seen_titles[title.zh] = i
            instruments.append(title)
        return cls(
            terms=tuple(terms),
            instruments=tuple(instruments),
            version=str(data.get("version", "")),
            date=str(data.get("date", "")),
            description=str(data.get("description", "") or "").strip(),
            sources=tuple(str(s) for s in data.get("sources") or ()),
            path=Path(path) if path else None,
        )

    # -- queries ------------------------------------------------------------------------------------------------

    def lookup(self, zh: str) -> Term | None:
        """The entry for exactly this Chinese term (surrounding whitespace ignored), or None."""
        return self._by_zh.get(zh.strip())

    def __contains__(self, zh: object) -> bool:
        return isinstance(zh, str) and zh.strip() in self._by_zh

    def __len__(self) -> int:
        return len(self.terms)

    def by_category(self, category: str) -> list[Term]:
        if category not in CATEGORIES:
            raise GlossaryError(f"unknown category {category!r} (expected one of {', '.join(CATEGORIES)})")
        return [t for t in self.terms if t.category == category]

    def title(self, zh: str) -> InstrumentTitle | None:
        """The English title of a cited instrument; 《》 and 〈〉 around or inside ``zh`` are tolerated."""
        key = zh.strip()
        if key.startswith("《") and key.endswith("》"):
            key = key[1:-1]
        if hit := self._titles.get(key):
            return hit
        return self._titles.get(key.replace("〈", "《").replace("〉", "》")) or self._titles.get(
            key.replace("《", "〈").replace("》", "〉")
        )

    def matches(self, text_zh: str) -> list[Match]:
        """Occurrences of glossary terms in ``text_zh``, in text order.

        Longer terms win: candidates are taken longest first and a candidate overlapping an already chosen
        one is dropped, so 深度合成服务提供者 is one match, not 深度合成 + 提供者.
        """
        candidates: list[Match] = []
        for term in self.terms:
            start = text_zh.find(term.zh)
            while start != -1:
                candidates.append(Match(start, start + len(term.zh), term))
                start = text_zh.find(term.zh, start + 1)
        candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken = bytearray(len(text_zh))
        chosen: list[Match] = []
        for m in candidates:
            if not any(taken[m.start : m.end]):
                taken[m.start : m.end] = b"\x01" * (m.end - m.start)
                chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        return chosen

    def terms_in(self, text_zh: str) -> list[Term]:
        """The distinct glossary terms occurring in ``text_zh`` (longest match first, non-overlapping),
        in order of first occurrence. Use :meth:`matches` for positions."""
        seen: set[str] = set()
        out: list[Term] = []
        for m in self.matches(text_zh):
            if m.term.zh not in seen:
                seen.add(m.term.zh)
                out.append(m.term)
        return out


# -- entry parsing ----------------------------------------------------------------------------------------------


def _text(raw: Mapping, key: str, where: str, *, required: bool) -> str:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise GlossaryError(f"{where}: missing {key!r}")
        return ""
    if not isinstance(value, str):
        raise GlossaryError(f"{where}: {key!r} must be a string, found {value!r}")
    return value.strip()


def _strings(raw: Mapping, key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable) or isinstance(value, Mapping):
        raise GlossaryError(f"{where}: {key!r} must be a list of strings, found {value!r}")
    items = list(value)
    if not all(isinstance(v, str) and v.strip() for v in items):
        raise GlossaryError(f"{where}: {key!r} must be a list of non-empty strings, found {items!r}")
    return tuple(v.strip() for v in items)


def _term(raw: object, where: str) -> Term:
    if not isinstance(raw, Mapping):
        raise GlossaryError(f"{where}: expected a mapping with zh, en and category, found {raw!r}")
    label = raw.get("zh")
    if isinstance(label, str) and label.strip():
        where = f"{where} ({label.strip()})"
    unknown = sorted(set(raw) - _TERM_KEYS)
    if unknown:
        raise GlossaryError(f"{where}: unknown key(s) {', '.join(map(str, unknown))}")
    zh = _text(raw, "zh", where, required=True)
    en = _text(raw, "en", where, required=True)
    category = _text(raw, "category", where, required=True)
    if category not in CATEGORIES:
        raise GlossaryError(
            f"{where}: unknown category {category!r} (expected one of {', '.join(CATEGORIES)})"
        )
    return Term(
        zh=zh,
        en=en,
        category=category,
        alt_en=_strings(raw, "alt_en", where),
        note=_text(raw, "note", where, required=False),
        instruments=_strings(raw, "instruments", where),
    )


def _instrument(raw: object, where: str) -> InstrumentTitle:
    if not isinstance(raw, Mapping):
        raise GlossaryError(f"{where}: expected a mapping with zh and en, found {raw!r}")
    label = raw.get("zh")
    if isinstance(label, str) and label.strip():
        where = f"{where} ({label.strip()})"
    unknown = sorted(set(raw) - _INSTRUMENT_KEYS)
    if unknown:
        raise GlossaryError(f"{where}: unknown key(s) {', '.join(map(str, unknown))}")
    return InstrumentTitle(
        zh=_text(raw, "zh", where, required=True),
        en=_text(raw, "en", where, required=True),
        short_en=_text(raw, "short_en", where, required=False),
        note=_text(raw, "note", where, required=False),
        cited_by=_strings(raw, "cited_by", where),
    )


# -- loading ----------------------------------------------------------------------------------------------------


def load_glossary(path: Path | str | None = None) -> Glossary:
    """Read and check the glossary (default ``<project root>/corpus/glossary.yaml``)."""
    path = Path(path) if path else project_root() / "corpus" / "glossary.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GlossaryError(f"{path}: glossary not found") from None
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{path}: not UTF-8: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise GlossaryError(f"{path}: not valid YAML: {exc}") from None
    return Glossary.from_data(data, path)


@cache
def default_glossary() -> Glossary:
    return load_glossary()
