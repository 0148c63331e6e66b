"""Instrument names (``corpus/aliases.yaml``): aliases, works and their versions, stub instruments.

A name resolves to one of three things: a corpus instrument (a version, e.g. ``csl-2016``), a *work* whose version
depends on the date (网络安全法 -> csl-2016 before 2026, csl-2025 after), or an external instrument outside the
corpus, which becomes a stub node. EU acts cited by number ("Regulation (EU) 2016/679") get a stable id from the
number whether or not aliases.yaml lists them.

>>> eu_act_id("Regulation (EU) 2016/679"), eu_act_id("Regulation (EC) No 765/2008"), eu_act_id("Directive 2001/95/EC")
('eu-regulation-2016-679', 'eu-regulation-2008-765', 'eu-directive-2001-95')
>>> normalize("《中华人民共和国网络安全法》"), normalize("  The AI  Act ")
('中华人民共和国网络安全法', 'ai act')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from ..errors import RegkgError
from ..sources import InstrumentEntry, Manifest, default_manifest, project_root


class AliasError(RegkgError):
    """The alias file is missing or malformed."""


EXTERNAL_BASE = "https://w3id.org/regkg/external/"

_EU_ACT = re.compile(
    r"(?:(?:Council|Commission|European Parliament and Council)\s+)?"
    r"(?:(?:Implementing|Delegated)\s+)?"
    r"(?P<type>Framework Decision|Regulation|Directive|Decision|Recommendation)\s+"
    r"(?:\((?P<dom>EU|EC|EEC|Euratom|EU, Euratom)\)\s*)?(?P<no>No\.?\s*)?"
    r"(?P<a>\d{1,4})/(?P<b>\d{1,4})(?:/(?P<suffix>EU|EC|EEC|JHA|CFSP))?",
    re.IGNORECASE,
)


def normalize(name: str) -> str:
    """The key an alias is compared by: no 《》〈〉 or quotes, Latin script lower-cased, spaces collapsed."""
    s = name.strip().strip("《》〈〉“”\"'‘’「」").strip()
    s = s.replace("〈", "《").replace("〉", "》")
    s = re.sub(r"\s+", " ", s).lower()
    if s.startswith("the "):
        s = s[4:]
    return s


def flat(s: str) -> str:
    """A citation or name without 《》〈〉 and quotes, spaces collapsed (case kept)."""
    return re.sub(r"\s+", " ", re.sub(r"[《》〈〉“”\"]", " ", s)).strip()


def _year(part: str) -> int | None:
    n = int(part)
    if len(part) == 4 and 1950 <= n <= 2099:
        return n
    if len(part) == 2:
        return 1900 + n if n >= 50 else 2000 + n
    return None


def parse_eu_act(text: str) -> tuple[str, int, str, str] | None:
    """``(type, year, number, display)`` of an EU act citation, or None if ``text`` is not one."""
    m = _EU_ACT.search(text)
    if not m:
        return None
    kind = m["type"].lower().replace(" ", "-")
    a, b = m["a"], m["b"]
    # Pre-2015 regulations are cited "No number/year"; directives and post-2015 acts "year/number".
    number_first = bool(m["no"]) or (_year(a) is None and _year(b) is not None)
    if m["suffix"] and not m["no"]:
        number_first = False
    year_part, num_part = (b, a) if number_first else (a, b)
    year = _year(year_part)
    if year is None:
        return None
    label = m["type"].title() if kind != "framework-decision" else "Framework Decision"
    display = (
        f"{label} No {num_part}/{year_part}" if number_first else f"{label} {year_part}/{num_part}"
    ) + (f"/{m['suffix'].upper()}" if m["suffix"] else "")
    return kind, year, str(int(num_part)), display


def eu_act_id(text: str) -> str | None:
    """The stable stub id of an EU act cited by number, e.g. ``eu-regulation-2016-679``."""
    parsed = parse_eu_act(text)
    if parsed is None:
        return None
    kind, year, number, _ = parsed
    return f"eu-{kind}-{year}-{number}"


def title_stub_id(title: str, jurisdiction: str) -> str:
    """A stable id for a cited title that aliases.yaml does not know (listed as unresolved)."""
    digest = hashlib.sha1(normalize(title).encode("utf-8")).hexdigest()[:10]
    return f"{jurisdiction.lower()}-title-{digest}"


@dataclass(frozen=True)
class External:
    """An instrument outside the corpus, cited by a corpus text."""

    id: str
    jurisdiction: str
    title_zh: str | None = None
    title_en: str | None = None
    known: bool = True  # listed in aliases.yaml (False: minted from an unknown title or number)
    by_number: bool = False  # an EU act identified by its number (unambiguous even when not listed)

    @property
    def iri(self) -> str:
        return EXTERNAL_BASE + self.id

    def title(self, lang: str) -> str:
        first = self.title_zh if lang == "zh" else self.title_en
        return first or self.title_en or self.title_zh or self.id


@dataclass(frozen=True)
class Hit:
    """What a name resolves to: exactly one of ``instrument``, ``work`` or ``external`` is set."""

    name: str
    instrument: str | None = None
    work: str | None = None
    external: External | None = None


@dataclass(frozen=True)
class Choice:
    """A version chosen for a date, and why."""

    instrument: str
    reason: str


@dataclass
class Aliases:
    names: dict[str, Hit]  # normalized name -> hit
    works: dict[str, tuple[str, ...]]  # work id -> version ids
    externals: dict[str, External]  # id -> external
    self_names: dict[str, dict[str, tuple[str, ...]]]  # instrument id -> lang -> self names
    text_titles: dict[str, list[tuple[str, Hit]]]  # jurisdiction -> (title as written, hit), for running text
    basis_only: dict[str, list[tuple[str, Hit]]]  # jurisdiction -> names matched only in 根据…制定 sentences
    eu_acts: dict[str, str]  # eu act id -> corpus instrument id (an EU act of the corpus cited by number)
    manifest: Manifest
    path: Path | None = None
    _minted: dict[str, External] = field(default_factory=dict)
    _search: list[tuple[str, Hit]] = field(default_factory=list)

    def search_keys(self) -> list[tuple[str, Hit]]:
        """Every name as the resolver searches for it in a citation (lower case, no 《》, spaces collapsed),
        longest first so that "AI Act proposal" wins over "AI Act"."""
        if not self._search:
            keys = {flat(k): h for k, h in self.names.items()}
            self._search = sorted(keys.items(), key=lambda kv: (-len(kv[0]), kv[0]))
        return self._search

    def lookup(self, name: str) -> Hit | None:
        """The instrument, work or external instrument called ``name`` (None if unknown)."""
        key = normalize(name)
        if hit := self.names.get(key):
            return hit
        if act := eu_act_id(name):
            if act in self.eu_acts:
                return Hit(name, instrument=self.eu_acts[act])
            if parse_eu_act(name) and _EU_ACT.fullmatch(name.strip()):
                return Hit(name, external=self.eu_external(name))
        return None

    def eu_external(self, citation: str) -> External:
        """The stub for an EU act cited by number (listed in aliases.yaml or minted from the number)."""
        act = eu_act_id(citation)
        if act is None:
            raise AliasError(f"not an EU act citation: {citation!r}")
        if act in self.externals:
            return self.externals[act]
        if act not in self._minted:
            parsed = parse_eu_act(citation)
            assert parsed is not None
            self._minted[act] = External(act, "EU", title_en=parsed[3], known=False, by_number=True)
        return self._minted[act]

    def unknown_title(self, title: str, jurisdiction: str) -> External:
        """A stub for a title aliases.yaml does not list (kept apart so it can be reported and added)."""
        sid = title_stub_id(title, jurisdiction)
        if sid not in self._minted:
            stripped = title.strip().strip("《》")
            zh = stripped if re.search(r"[\u4e00-\u9fff]", stripped) else None
            self._minted[sid] = External(
                sid, jurisdiction, title_zh=zh, title_en=None if zh else stripped, known=False
            )
        return self._minted[sid]

    def stub(self, sid: str) -> External | None:
        """The external instrument with this id (listed in aliases.yaml, or minted while reading the texts)."""
        return self.externals.get(sid) or self._minted.get(sid)

    def versions(self, hit: Hit) -> tuple[str, ...]:
        if hit.instrument:
            return (hit.instrument,)
        if hit.work:
            return self.works[hit.work]
        return ()

    def choose(self, hit: Hit, as_of: dt.date) -> Choice | None:
        """The corpus version ``hit`` means on ``as_of`` (None for an external instrument)."""
        if hit.instrument:
            return Choice(hit.instrument, "named explicitly")
        if hit.work:
            return choose_version([self.manifest.get(v) for v in self.works[hit.work]], as_of)
        return None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def in_force(entry: InstrumentEntry, day: dt.date) -> bool:
    """Whether ``entry`` was in force on ``day`` (entry into force reached, not yet repealed or replaced)."""
    if entry.status == "draft":
        return False
    start = _date(entry.effective) or _date(entry.date)
    end = _date(entry.valid_until)
    return start is not None and start <= day and (end is None or day <= end)


def choose_version(entries: list[InstrumentEntry], as_of: dt.date) -> Choice:
    """The version in force on ``as_of``; else the latest draft by then; else the latest published by then;
    else (a date before them all) the earliest version."""
    if not entries:
        raise AliasError("a work needs at least one version")
    live = [e for e in entries if in_force(e, as_of)]
    if live:
        best = max(live, key=lambda e: _date(e.effective) or _date(e.date) or dt.date.min)
        return Choice(best.id, f"in force on {as_of.isoformat()}")
    published = [e for e in entries if (d := _date(e.date)) is not None and d <= as_of]
    drafts = [e for e in published if e.status == "draft"]
    if drafts:
        best = max(drafts, key=lambda e: _date(e.date) or dt.date.min)
        return Choice(best.id, f"latest draft on {as_of.isoformat()}")
    if published:
        best = max(published, key=lambda e: _date(e.date) or dt.date.min)
        return Choice(best.id, f"latest version published by {as_of.isoformat()} (not yet in force)")
    first = min(entries, key=lambda e: _date(e.date) or dt.date.max)
    return Choice(first.id, f"no version existed on {as_of.isoformat()}; the earliest is used")


# -- loading ----------------------------------------------------------------------------------------------------


def _strings(raw: dict, key: str, where: str) -> list[str]:
    value = raw.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise AliasError(f"{where}: {key!r} must be a list of non-empty strings")
    return [str(v).strip() for v in value]


def load_aliases(path: Path | None = None, manifest: Manifest | None = None) -> Aliases:
    """Read and check aliases.yaml; every problem names the file and the entry."""
    path = Path(path) if path else project_root() / "corpus" / "aliases.yaml"
    manifest = manifest or default_manifest()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AliasError(f"{path}: alias file not found") from None
    except yaml.YAMLError as exc:
        raise AliasError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise AliasError(f"{path}: expected a mapping with instruments, works and external")
    ids = set(manifest.ids)
    names: dict[str, Hit] = {}
    owner: dict[str, str] = {}  # normalized name -> where it was defined (for clear duplicate errors)
    text_titles: dict[str, list[tuple[str, Hit]]] = {"CN": [], "EU": []}
    basis_only: dict[str, list[tuple[str, Hit]]] = {"CN": [], "EU": []}
    eu_acts: dict[str, str] = {}

    def add(name: str, hit: Hit, where: str, *, weak: bool = False) -> None:
        key = normalize(name)
        if not key:
            return
        if key in names:
            if names[key] == hit or weak:
                return
            raise AliasError(f"{path}: {where}: name {name!r} is already used by {owner[key]}")
        names[key] = hit
        owner[key] = where

    # works first: a work name (网络安全法) wins over a version's manifest title that happens to equal it
    works: dict[str, tuple[str, ...]] = {}
    for wid, raw in (data.get("works") or {}).items():
        where = f"works.{wid}"
        versions = tuple(_strings(raw, "versions", where))
        if not versions:
            raise AliasError(f"{path}: {where}: lists no versions")
        for v in versions:
            if v not in ids:
                raise AliasError(f"{path}: {where}: unknown instrument {v!r} (not in {manifest.path})")
        works[wid] = versions
        for title in _strings(raw, "titles", where):
            add(title, Hit(title, work=wid), where)
            juris = manifest.get(versions[0]).jurisdiction
            text_titles[juris].append((title, Hit(title, work=wid)))
        for alias in _strings(raw, "aliases", where):
            add(alias, Hit(alias, work=wid), where)

    self_names: dict[str, dict[str, tuple[str, ...]]] = {}
    for iid, raw in (data.get("instruments") or {}).items():
        where = f"instruments.{iid}"
        if iid not in ids:
            raise AliasError(f"{path}: {where}: unknown instrument (not in {manifest.path})")
        entry = manifest.get(iid)
        for title in _strings(raw, "titles", where):
            add(title, Hit(title, instrument=iid), where)
            text_titles[entry.jurisdiction].append((title, Hit(title, instrument=iid)))
            if act := eu_act_id(title):
                eu_acts[act] = iid
        for alias in _strings(raw, "aliases", where):
            add(alias, Hit(alias, instrument=iid), where)
        self_names[iid] = {
            "zh": tuple(_strings(raw, "self", where)),
            "en": tuple(_strings(raw, "self_en", where)),
        }
    for entry in manifest.instruments:  # the manifest's own titles are aliases too (weakly: never a conflict)
        for name in (entry.title_zh, entry.title_en, entry.short_en, entry.short_zh, entry.id):
            if name:
                add(name, Hit(name, instrument=entry.id), f"{manifest.path} ({entry.id})", weak=True)
        self_names.setdefault(entry.id, {"zh": (), "en": ()})

    from ..glossary import default_glossary

    glossary = default_glossary()
    externals: dict[str, External] = {}
    for i, raw in enumerate(data.get("external") or [], 1):
        where = f"external #{i} ({raw.get('id') or raw.get('act') or raw.get('zh') or '?'})"
        if not isinstance(raw, dict):
            raise AliasError(f"{path}: {where}: expected a mapping")
        act = raw.get("act")
        juris = raw.get("jurisdiction") or ("EU" if act else None)
        if juris not in ("CN", "EU"):
            raise AliasError(f"{path}: {where}: jurisdiction must be CN or EU")
        if act:
            sid = eu_act_id(act)
            if sid is None:
                raise AliasError(f"{path}: {where}: cannot read the act number in {act!r}")
            if raw.get("id") and raw["id"] != sid:
                raise AliasError(f"{path}: {where}: id must be {sid!r} for {act!r} (or be left out)")
        else:
            sid = raw.get("id")
            if not sid or not re.fullmatch(r"[a-z0-9-]+", str(sid)):
                raise AliasError(f"{path}: {where}: needs an id of lower-case letters, digits and hyphens")
        if sid in externals:
            raise AliasError(f"{path}: {where}: duplicate id {sid!r}")
        zh = raw.get("zh")
        en = raw.get("en")
        if zh and not en and (g := glossary.title(zh)):
            en = g.en  # the glossary's `instruments:` section is the source of English titles
        if act and en and act not in en:
            en = f"{act} ({en})"
        ext = External(str(sid), juris, title_zh=zh, title_en=en or act, by_number=bool(act))
        externals[ext.id] = ext
        for name in [n for n in (zh, act) if n] + _strings(raw, "titles", where):
            hit = Hit(name, external=ext)
            add(name, hit, where)
            text_titles[juris].append((name, hit))
        for alias in _strings(raw, "aliases", where):
            add(alias, Hit(alias, external=ext), where)
        for name in _strings(raw, "basis_only", where):
            basis_only[juris].append((name, Hit(name, external=ext)))
        if zh and (g := glossary.title(zh)):
            add(g.en, Hit(g.en, external=ext), where, weak=True)
            if g.short_en:
                add(g.short_en, Hit(g.short_en, external=ext), where, weak=True)
    # text titles: longest first, and never a basis-only name as a plain title
    for juris in text_titles:
        only = {normalize(n) for n, _ in basis_only[juris]}
        text_titles[juris] = sorted(
            [(t, h) for t, h in text_titles[juris] if normalize(t) not in only],
            key=lambda th: (-len(th[0]), th[0]),
        )
    return Aliases(
        names=names,
        works=works,
        externals=externals,
        self_names=self_names,
        text_titles=text_titles,
        basis_only=basis_only,
        eu_acts=eu_acts,
        manifest=manifest,
        path=path,
    )


@cache
def default_aliases() -> Aliases:
    return load_aliases()
