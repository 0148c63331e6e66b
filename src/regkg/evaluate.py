"""``regkg eval``: precision, recall and F1 of the extractors against the hand-made gold in ``tests/gold/``.

The gold (format: ``tests/gold/README.md``) lists, for each annotated provision and language, its duties
(modality, bearer, a short cue), its references (target node or external title) and its defined terms.
Evaluation is per provision: predictions in provisions the gold does not annotate are ignored, and an
annotated provision with an empty list counts every prediction there as a false positive.

Tasks::

    duty detection     a predicted duty whose evidence span overlaps a gold cue (one-to-one matching)
    modality           detection + same modality
    bearer             detection + same bearer (the gold may give alternatives)
    modality+bearer    both
    reference target   same target node (corpus id + provision path) or same external title
    definitions        same defined term

>>> s = Score(gold=4, predicted=5, correct=3)
>>> round(s.precision, 2), round(s.recall, 2), round(s.f1, 3)
(0.6, 0.75, 0.667)
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from .eid import EidError, provision_path
from .eid import parse as parse_eid
from .errors import RegkgError
from .extract.model import MODALITIES
from .sources import project_root

TASKS = ("duty detection", "modality", "bearer", "modality+bearer", "reference target", "definitions")
DUTY_TASKS = TASKS[:4]
LANGS = ("zh", "en")
ROLES_FILE = "_roles.yaml"  # files starting with "_" in the gold folder are not gold files

_PROVISION_KEYS = {"eid", "lang", "duties", "references", "definitions", "note"}
_DUTY_KEYS = {"modality", "bearer", "cue", "occurrence", "note"}
_REFERENCE_KEYS = {"anchor", "target", "external", "note"}


class GoldError(RegkgError):
    """The gold file is malformed or does not fit the parsed corpus; the message names file and entry."""


# -- the gold --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldDuty:
    modality: str
    bearers: tuple[str | None, ...]  # acceptable bearers: one id, None, or alternatives
    cue: str
    start: int  # span of the cue in the provision text
    end: int
    note: str = ""


@dataclass(frozen=True)
class GoldReference:
    anchor: str
    target: tuple[str, ...]  # ("corpus", id, path) or ("external", title key)
    shown: str  # the target as written in the gold


@dataclass(frozen=True)
class GoldProvision:
    instrument: str
    eid: str  # provision path
    lang: str
    text: str  # the provision's text in ``lang`` (wrap-up text appended after a newline)
    duties: tuple[GoldDuty, ...]
    references: tuple[GoldReference, ...]
    definitions: tuple[tuple[str, ...], ...]  # each: alternative spellings of one defined term
    where: str  # "file: entry #n (eid lang)", for messages
    note: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.instrument, self.eid, self.lang)


@dataclass
class Gold:
    provisions: list[GoldProvision]
    files: list[Path] = field(default_factory=list)

    def by_key(self) -> dict[tuple[str, str, str], GoldProvision]:
        return {p.key: p for p in self.provisions}

    def summary(self) -> dict:
        """Counts of what the gold holds: provisions per instrument and language, duties, references, terms."""
        per: dict[str, Counter] = defaultdict(Counter)
        for p in self.provisions:
            per[p.instrument][p.lang] += 1
        return {
            "files": [str(f) for f in self.files],
            "provisions": len(self.provisions),
            "by_instrument": {k: dict(sorted(v.items())) for k, v in sorted(per.items())},
            "by_lang": dict(Counter(p.lang for p in self.provisions)),
            "duties": sum(len(p.duties) for p in self.provisions),
            "references": sum(len(p.references) for p in self.provisions),
            "definitions": sum(len(p.definitions) for p in self.provisions),
            "provisions_without_duty": sum(not p.duties for p in self.provisions),
        }


def provision_text(node, lang: str) -> str | None:
    """The text the extractors read: the node's own text, then its wrap-up text after a newline."""
    text = node.text.get(lang) if node.text else None
    wrap = node.wrap.get(lang) if node.wrap else None
    if text is None and wrap is None:
        return None
    return (text or "") + ("\n" + wrap if wrap else "")


def _index(instrument) -> dict[str, object]:
    """Provision path -> node, for every node of an instrument."""
    return {provision_path(n.eid): n for n in instrument.walk()}


def gold_files(path: Path) -> list[Path]:
    """The gold files at ``path``: the file itself, or every ``*.yaml`` in the folder not starting with ``_``."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise GoldError(f"{path}: no gold file or folder there")
    files = sorted(p for p in path.glob("*.yaml") if not p.name.startswith("_"))
    if not files:
        raise GoldError(f"{path}: the folder holds no gold *.yaml file")
    return files


def load_roles(path: Path) -> set[str]:
    """The role ids the gold may use as bearers (``tests/gold/_roles.yaml``: a list of ``id:`` entries)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot read the role list ({exc})") from exc
    except yaml.YAMLError as exc:
        raise GoldError(f"{path}: not valid YAML ({exc})") from exc
    entries = data.get("roles") if isinstance(data, Mapping) else None
    if not isinstance(entries, list) or not entries:
        raise GoldError(f"{path}: expected a non-empty list under 'roles'")
    ids = set()
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str):
            raise GoldError(f"{path}: roles entry #{i}: expected a mapping with an 'id'")
        if not re.fullmatch(r"(cn|eu):[a-z0-9]+(-[a-z0-9]+)*", entry["id"]):
            raise GoldError(f"{path}: roles entry #{i}: id {entry['id']!r} is not 'cn:slug' or 'eu:slug'")
        ids.add(entry["id"])
    return ids


def default_roles_path(gold: Path) -> Path:
    folder = gold if gold.is_dir() else gold.parent
    own = folder / ROLES_FILE
    return own if own.is_file() else project_root() / "tests" / "gold" / ROLES_FILE


def load_gold(path: Path | str, results: Mapping, roles: set[str] | None = None) -> Gold:
    """Read and check the gold at ``path`` (a file or a folder) against the parsed corpus ``results``.

    ``results`` is ``{id: ParseResult}`` (or ``{id: Instrument}``). Every problem -- unknown instrument,
    provision missing from the parsed model or without text in the language, unknown role id, bad
    modality, a cue not found in the text -- raises :class:`GoldError` naming the file and the entry.
    """
    path = Path(path)
    files = gold_files(path)
    roles = roles if roles is not None else load_roles(default_roles_path(path))
    instruments = {k: getattr(v, "instrument", v) for k, v in results.items()}
    indexes = _Indexes(instruments)
    provisions: list[GoldProvision] = []
    seen: dict[tuple[str, str, str], str] = {}
    for f in files:
        for prov in _load_file(f, indexes, roles):
            if prov.key in seen:
                raise GoldError(
                    f"{prov.where}: {prov.eid} {prov.lang} is annotated twice (also {seen[prov.key]})"
                )
            seen[prov.key] = prov.where
            provisions.append(prov)
    return Gold(provisions, files)


class _Indexes:
    """Lazily built path indexes of the parsed instruments."""

    def __init__(self, instruments: Mapping) -> None:
        self.instruments = instruments
        self._cache: dict[str, dict] = {}

    def __contains__(self, iid: str) -> bool:
        return iid in self.instruments

    def get(self, iid: str) -> dict:
        if iid not in self._cache:
            self._cache[iid] = _index(self.instruments[iid])
        return self._cache[iid]


def _read_yaml(f: Path) -> Mapping:
    try:
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{f}: cannot read ({exc})") from exc
    except yaml.YAMLError as exc:
        raise GoldError(f"{f}: not valid YAML ({exc})") from exc
    if not isinstance(data, Mapping):
        raise GoldError(f"{f}: expected a mapping with 'instrument' and 'provisions' at the top level")
    unknown = sorted(set(data) - {"instrument", "provisions", "note", "annotator", "date"})
    if unknown:
        raise GoldError(f"{f}: unknown top-level key(s) {', '.join(map(str, unknown))}")
    return data


def _load_file(f: Path, indexes: _Indexes, roles: set[str]) -> Iterable[GoldProvision]:
    data = _read_yaml(f)
    iid = data.get("instrument")
    if not isinstance(iid, str) or iid not in indexes:
        known = ", ".join(sorted(indexes.instruments))
        raise GoldError(f"{f}: unknown instrument {iid!r} (the parsed corpus has: {known})")
    entries = data.get("provisions")
    if not isinstance(entries, list) or not entries:
        raise GoldError(f"{f}: expected a non-empty list under 'provisions'")
    nodes = indexes.get(iid)
    for i, raw in enumerate(entries, 1):
        yield _provision(raw, f"{f}: provisions entry #{i}", iid, nodes, indexes, roles)


def _provision(raw, where: str, iid: str, nodes: dict, indexes: _Indexes, roles: set[str]) -> GoldProvision:
    if not isinstance(raw, Mapping):
        raise GoldError(f"{where}: expected a mapping with eid, lang, duties, references, definitions")
    eid, lang = raw.get("eid"), raw.get("lang")
    where = f"{where} ({eid} {lang})"
    unknown = sorted(set(raw) - _PROVISION_KEYS)
    if unknown:
        raise GoldError(f"{where}: unknown key(s) {', '.join(map(str, unknown))}")
    missing = [k for k in ("eid", "lang", "duties", "references", "definitions") if k not in raw]
    if missing:
        raise GoldError(f"{where}: missing {', '.join(missing)} (an empty list means 'annotated: none')")
    if lang not in LANGS:
        raise GoldError(f"{where}: lang must be one of {', '.join(LANGS)}, found {lang!r}")
    if not isinstance(eid, str):
        raise GoldError(f"{where}: eid must be a provision path such as art_13__para_1, found {eid!r}")
    try:
        parse_eid(eid)
    except EidError as exc:
        raise GoldError(f"{where}: {exc}") from exc
    node = nodes.get(eid)
    if node is None:
        raise GoldError(f"{where}: {iid} has no provision {eid} in the parsed model")
    text = provision_text(node, lang)
    if not text:
        raise GoldError(f"{where}: {iid} {eid} has no {lang} text in the parsed model")
    duties = tuple(
        _duty(d, f"{where}: duty #{j}", text, roles) for j, d in enumerate(_list(raw, "duties", where), 1)
    )
    refs = tuple(
        _reference(r, f"{where}: reference #{j}", indexes)
        for j, r in enumerate(_list(raw, "references", where), 1)
    )
    defs = tuple(
        _definition(d, f"{where}: definition #{j}") for j, d in enumerate(_list(raw, "definitions", where), 1)
    )
    return GoldProvision(iid, eid, lang, text, duties, refs, defs, where, _note(raw, where))


def _list(raw: Mapping, key: str, where: str) -> list:
    value = raw.get(key)
    if not isinstance(value, list):
        raise GoldError(f"{where}: {key!r} must be a list (empty for 'none'), found {value!r}")
    return value


def _note(raw: Mapping, where: str) -> str:
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise GoldError(f"{where}: note must be a string, found {note!r}")
    return note.strip()


def _duty(raw, where: str, text: str, roles: set[str]) -> GoldDuty:
    if not isinstance(raw, Mapping):
        raise GoldError(f"{where}: expected a mapping with modality, bearer, cue")
    unknown = sorted(set(raw) - _DUTY_KEYS)
    if unknown:
        raise GoldError(f"{where}: unknown key(s) {', '.join(map(str, unknown))}")
    modality = raw.get("modality")
    if modality not in MODALITIES:
        raise GoldError(f"{where}: bad modality {modality!r} (expected one of {', '.join(MODALITIES)})")
    if "bearer" not in raw:
        raise GoldError(f"{where}: missing bearer (a role id, null, or a list of alternatives)")
    bearer = raw["bearer"]
    bearers = tuple(bearer) if isinstance(bearer, list) else (bearer,)
    if not bearers:
        raise GoldError(f"{where}: an empty bearer list; write null when the text names no bearer")
    for b in bearers:
        if b is not None and (not isinstance(b, str) or b not in roles):
            raise GoldError(f"{where}: unknown role id {b!r} (see {ROLES_FILE})")
    cue = raw.get("cue")
    if not isinstance(cue, str) or not cue.strip():
        raise GoldError(f"{where}: missing cue (the deontic word and a few words of the action)")
    starts = [m.start() for m in re.finditer(re.escape(cue), text)]
    if not starts:
        raise GoldError(f"{where}: cue {cue!r} does not occur in the provision text")
    occurrence = raw.get("occurrence")
    if occurrence is None:
        if len(starts) > 1:
            raise GoldError(
                f"{where}: cue {cue!r} occurs {len(starts)} times; lengthen it or add occurrence: N"
            )
        start = starts[0]
    else:
        if not isinstance(occurrence, int) or not 1 <= occurrence <= len(starts):
            raise GoldError(
                f"{where}: occurrence {occurrence!r} out of range (the cue occurs {len(starts)} times)"
            )
        start = starts[occurrence - 1]
    return GoldDuty(modality, bearers, cue, start, start + len(cue), _note(raw, where))


def _reference(raw, where: str, indexes: _Indexes) -> GoldReference:
    if not isinstance(raw, Mapping):
        raise GoldError(f"{where}: expected a mapping with anchor and target (or external)")
    unknown = sorted(set(raw) - _REFERENCE_KEYS)
    if unknown:
        raise GoldError(f"{where}: unknown key(s) {', '.join(map(str, unknown))}")
    anchor = raw.get("anchor")
    if not isinstance(anchor, str) or not anchor.strip():
        raise GoldError(f"{where}: missing anchor (the reference as written)")
    if ("target" in raw) == ("external" in raw):
        raise GoldError(f"{where}: give exactly one of target (corpus id + path) or external (a title)")
    if "external" in raw:
        title = raw["external"]
        if not isinstance(title, str) or not title.strip():
            raise GoldError(f"{where}: external must be the cited instrument's title")
        return GoldReference(anchor, ("external", title_key(title)), f"external: {title}")
    target = raw["target"]
    parts = target.split() if isinstance(target, str) else []
    if len(parts) not in (1, 2):
        raise GoldError(f"{where}: target must be 'ID' or 'ID PATH', found {target!r}")
    tid, tpath = parts[0], parts[1] if len(parts) == 2 else ""
    if tid not in indexes:
        raise GoldError(f"{where}: target instrument {tid!r} is not in the parsed corpus")
    if tpath and tpath not in indexes.get(tid):
        raise GoldError(f"{where}: target {tid} has no node {tpath} in the parsed model")
    return GoldReference(anchor, ("corpus", tid, tpath), target)


def _definition(raw, where: str) -> tuple[str, ...]:
    alternatives = raw if isinstance(raw, list) else [raw]
    if not alternatives or not all(isinstance(a, str) and a.strip() for a in alternatives):
        raise GoldError(f"{where}: a defined term (or a list of its alternative spellings), found {raw!r}")
    return tuple(term_key(a) for a in alternatives)


# -- normalising targets and terms -----------------------------------------------------------------------------

_QUOTES = "《》〈〉“”\"'‘’「」『』()（）[]"
_EU_NUMBER = re.compile(r"\b(\d{2,4})/(\d{1,4})\b")
_PRC = "中华人民共和国"


def _plain(text: str) -> str:
    text = text.strip().strip(_QUOTES + " ,.;:，。；：").casefold()
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"^(the|a|an) ", "", text)


@cache
def _title_aliases() -> dict[str, str]:
    """Normalised English and Chinese titles of the glossary's cited instruments -> one key per instrument."""
    try:
        from .glossary import default_glossary

        titles = default_glossary().instruments
    except Exception:  # no glossary: titles are compared as written
        return {}
    aliases: dict[str, str] = {}
    for t in titles:
        key = _plain(t.zh).removeprefix(_PRC)
        for variant in (t.zh, t.en, t.short_en):
            if variant:
                aliases[_strip_prc(_plain(variant))] = key
    return aliases


def _strip_prc(title: str) -> str:
    title = title.removeprefix(_PRC)
    for suffix in (" of the people's republic of china", " of the people’s republic of china"):
        title = title.removesuffix(suffix)
    return title.removeprefix("people's republic of china ")


def title_key(title: str) -> str:
    """One key for the ways an external instrument is written: EU acts by number, others by glossary title.

    >>> title_key("Regulation (EU) 2016/679") == title_key("Article 9(1) of Regulation (EU) 2016/679")
    True
    >>> title_key("《中华人民共和国宪法》") == title_key("宪法")
    True
    """
    if m := _EU_NUMBER.search(title):
        return f"eu-act:{m[1]}/{m[2]}"
    plain = _strip_prc(_plain(title))
    return _title_aliases().get(plain, plain)


def term_key(term: str) -> str:
    """A defined term, compared without quotes, case, surrounding punctuation or a leading article."""
    return _plain(term)


# -- predictions -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PredDuty:
    modality: str
    bearer: str | None
    start: int
    end: int
    text: str = ""
    marker: str = ""


@dataclass
class Predictions:
    """What the extractors found, by (instrument, provision path, lang)."""

    duties: dict[tuple, list[PredDuty]] = field(default_factory=lambda: defaultdict(list))
    references: dict[tuple, list[tuple[tuple[str, ...], str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    definitions: dict[tuple, list[str]] = field(default_factory=lambda: defaultdict(list))
    available: dict[str, bool] = field(
        default_factory=lambda: {"duties": False, "references": False, "definitions": False}
    )
    errors: list[str] = field(default_factory=list)


def _key_of(evidence) -> tuple[str, str, str]:
    return (evidence.instrument, provision_path(evidence.eid), evidence.lang)


def reference_target(ref) -> tuple[str, ...]:
    """The comparable target of a predicted :class:`~regkg.extract.model.Reference`."""
    if ref.target_instrument:
        return ("corpus", ref.target_instrument, provision_path(ref.target_eid) if ref.target_eid else "")
    if ref.target_title:
        return ("external", title_key(ref.target_title))
    return ("unresolved", ref.anchor)


def collect(extractions: Mapping | None = None, references: Mapping | None = None) -> Predictions:
    """Predictions from ``extract_facts`` output (``{id: Extraction}``) and ``extract_references`` output."""
    pred = Predictions()
    if extractions is not None:
        pred.available["duties"] = pred.available["definitions"] = True
        for ex in extractions.values():
            for d in ex.duties:
                ev = d.evidence
                pred.duties[_key_of(ev)].append(
                    PredDuty(d.modality, d.bearer, ev.start, ev.end, ev.text, d.marker)
                )
            for df in ex.definitions:
                pred.definitions[_key_of(df.evidence)].append(term_key(df.term))
    if references is not None:
        pred.available["references"] = True
        for refs in references.values():
            for r in refs:
                pred.references[_key_of(r.evidence)].append((reference_target(r), r.anchor))
    return pred


def run_extractors(results: Mapping) -> Predictions:
    """Run the fact and reference extractors; a missing extractor leaves its tasks unevaluated."""
    extractions = references = None
    errors = []
    try:
        from .extract.facts import extract_facts
    except ImportError as exc:
        errors.append(f"regkg.extract.facts cannot be imported ({exc}): duties and definitions not evaluated")
    else:
        extractions = extract_facts(results)
    try:
        from .extract.references import extract_references
    except ImportError as exc:
        errors.append(f"regkg.extract.references cannot be imported ({exc}): references not evaluated")
    else:
        references = extract_references(results)
    pred = collect(extractions, references)
    pred.errors.extend(errors)
    return pred


# -- matching and scoring --------------------------------------------------------------------------------------


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: int, predicted: int, correct: int) -> None:
        self.gold += gold
        self.predicted += predicted
        self.correct += correct

    def as_dict(self) -> dict:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "correct": self.correct,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Finding:
    """A miss (gold not found or wrong) or a false positive, for the developers of the rules."""

    task: str
    kind: str  # "miss", "false positive" or "wrong" (matched, attribute differs)
    instrument: str
    eid: str
    lang: str
    detail: str

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("task", "kind", "instrument", "eid", "lang", "detail")}


@dataclass
class Report:
    tasks: dict[str, Score]
    by_instrument: dict[str, dict[str, Score]]
    by_lang: dict[str, dict[str, Score]]
    findings: list[Finding]
    evaluated: dict[str, bool]
    gold_summary: dict
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        def table(scores: dict[str, Score]) -> dict:
            return {t: s.as_dict() for t, s in scores.items() if self.evaluated.get(t, True)}

        return {
            "gold": self.gold_summary,
            "evaluated": self.evaluated,
            "tasks": table(self.tasks),
            "by_instrument": {k: table(v) for k, v in self.by_instrument.items()},
            "by_lang": {k: table(v) for k, v in self.by_lang.items()},
            "findings": [f.as_dict() for f in self.findings],
            "errors": self.errors,
        }


def assign(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one assignment of rows to columns (Hungarian algorithm); zero weights drop out.

    >>> assign([[1, 0], [1, 1]])
    [(0, 0), (1, 1)]
    """
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    n = max(rows, cols)
    if not rows or not cols:
        return []
    top = max(max(r) for r in weights)
    cost = [[top - (weights[i][j] if i < rows and j < cols else 0) for j in range(n)] for i in range(n)]
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    pairs = [(p[j] - 1, j - 1) for j in range(1, n + 1) if p[j] and p[j] - 1 < rows and j - 1 < cols]
    return sorted((i, j) for i, j in pairs if weights[i][j] > 0)


def _span(pred: PredDuty, text: str) -> tuple[int, int]:
    """The prediction's span in the provision text; its matched text is searched when offsets are unusable."""
    if 0 <= pred.start < pred.end <= len(text):
        return pred.start, pred.end
    if pred.text and (at := text.find(pred.text)) >= 0:
        return at, at + len(pred.text)
    return -1, -1


def match_duties(gold: Iterable[GoldDuty], preds: Iterable[PredDuty], text: str) -> list[tuple[int, int]]:
    """Pairs (gold index, prediction index): spans must overlap; among maximal matchings, the one agreeing
    most on modality and bearer, then on overlap, is chosen."""
    gold, preds = list(gold), list(preds)
    spans = [_span(p, text) for p in preds]
    weights = []
    for g in gold:
        row = []
        for p, (s, e) in zip(preds, spans, strict=True):
            overlap = min(g.end, e) - max(g.start, s)
            if overlap <= 0:
                row.append(0.0)
                continue
            row.append(
                1000
                + 10 * (p.modality == g.modality)
                + 5 * (p.bearer in g.bearers)
                + overlap / (g.end - g.start)
            )
        weights.append(row)
    return assign(weights)


def _bearer_shown(bearers: tuple[str | None, ...]) -> str:
    return " | ".join("null" if b is None else b for b in bearers)


def score(gold: Gold, pred: Predictions) -> Report:
    """Compare the predictions with the gold, provision by provision."""
    evaluated = {t: pred.available["duties"] for t in DUTY_TASKS}
    evaluated["reference target"] = pred.available["references"]
    evaluated["definitions"] = pred.available["definitions"]
    tasks = {t: Score() for t in TASKS}
    by_instrument: dict[str, dict[str, Score]] = defaultdict(lambda: {t: Score() for t in TASKS})
    by_lang: dict[str, dict[str, Score]] = defaultdict(lambda: {t: Score() for t in TASKS})
    findings: list[Finding] = []

    def count(p: GoldProvision, task: str, g: int, n: int, c: int) -> None:
        for table in (tasks, by_instrument[p.instrument], by_lang[p.lang]):
            table[task].add(g, n, c)

    def note(p: GoldProvision, task: str, kind: str, detail: str) -> None:
        findings.append(Finding(task, kind, p.instrument, p.eid, p.lang, detail))

    for p in gold.provisions:
        if evaluated["duty detection"]:
            _score_duties(p, pred.duties.get(p.key, []), count, note)
        if evaluated["reference target"]:
            _score_references(p, pred.references.get(p.key, []), count, note)
        if evaluated["definitions"]:
            _score_definitions(p, pred.definitions.get(p.key, []), count, note)
    return Report(
        tasks, dict(by_instrument), dict(by_lang), findings, evaluated, gold.summary(), list(pred.errors)
    )


def _score_duties(p: GoldProvision, preds: list[PredDuty], count: Callable, note: Callable) -> None:
    pairs = match_duties(p.duties, preds, p.text)
    matched_gold = {i for i, _ in pairs}
    matched_pred = {j for _, j in pairs}
    modality_ok = sum(preds[j].modality == p.duties[i].modality for i, j in pairs)
    bearer_ok = sum(preds[j].bearer in p.duties[i].bearers for i, j in pairs)
    both_ok = sum(
        preds[j].modality == p.duties[i].modality and preds[j].bearer in p.duties[i].bearers for i, j in pairs
    )
    g, n = len(p.duties), len(preds)
    count(p, "duty detection", g, n, len(pairs))
    count(p, "modality", g, n, modality_ok)
    count(p, "bearer", g, n, bearer_ok)
    count(p, "modality+bearer", g, n, both_ok)
    for i, d in enumerate(p.duties):
        if i not in matched_gold:
            note(p, "duty detection", "miss", f"{d.modality} ({_bearer_shown(d.bearers)}) «{d.cue}»")
    for j, d in enumerate(preds):
        if j not in matched_pred:
            shown = p.text[d.start : d.end] if 0 <= d.start < d.end <= len(p.text) else d.text
            note(p, "duty detection", "false positive", f"{d.modality} ({d.bearer}) «{_short(shown)}»")
    for i, j in pairs:
        g_duty, got = p.duties[i], preds[j]
        if got.modality != g_duty.modality:
            note(p, "modality", "wrong", f"«{g_duty.cue}»: gold {g_duty.modality}, predicted {got.modality}")
        if got.bearer not in g_duty.bearers:
            note(
                p,
                "bearer",
                "wrong",
                f"«{g_duty.cue}»: gold {_bearer_shown(g_duty.bearers)}, predicted {got.bearer}",
            )


def _score_references(p: GoldProvision, preds: list, count: Callable, note: Callable) -> None:
    own = ("corpus", p.instrument, "")  # the instrument citing itself as a whole is not annotated
    preds = [(t, a) for t, a in preds if t != own]
    wanted = Counter(r.target for r in p.references)
    got = Counter(t for t, _ in preds)
    correct = sum((wanted & got).values())
    count(p, "reference target", len(p.references), len(preds), correct)
    spare = wanted - got
    for r in p.references:
        if spare[r.target] > 0:
            spare[r.target] -= 1
            note(p, "reference target", "miss", f"«{r.anchor}» -> {r.shown}")
    extra = got - wanted
    for t, anchor in preds:
        if extra[t] > 0:
            extra[t] -= 1
            note(p, "reference target", "false positive", f"«{_short(anchor)}» -> {' '.join(t[1:])}")


def _score_definitions(p: GoldProvision, preds: list[str], count: Callable, note: Callable) -> None:
    left = list(preds)
    correct = 0
    for alternatives in p.definitions:
        hit = next((t for t in left if t in alternatives), None)
        if hit is None:
            note(p, "definitions", "miss", " | ".join(alternatives))
        else:
            left.remove(hit)
            correct += 1
    count(p, "definitions", len(p.definitions), len(preds), correct)
    for t in left:
        note(p, "definitions", "false positive", t)


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def evaluate(gold_path: Path | str, results: Mapping | None = None) -> Report:
    """Parse the corpus (unless ``results`` is given), load the gold, run the extractors and score them."""
    if results is None:
        from .parse import parse_all

        results = parse_all()
    gold = load_gold(gold_path, results)
    return score(gold, run_extractors(results))


# -- output ----------------------------------------------------------------------------------------------------


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def print_report(report: Report, out=None, max_findings: int | None = None) -> None:
    """The score table, the breakdowns per instrument and language, and the list of misses."""
    from rich.console import Console
    from rich.table import Table

    out = out or sys.stdout
    console = Console(file=out, width=None if out.isatty() else 160, highlight=False)
    g = report.gold_summary
    console.print(
        f"gold: {g['provisions']} provisions ({', '.join(f'{k} {v}' for k, v in sorted(g['by_lang'].items()))}) "
        f"in {len(g['by_instrument'])} instruments; {g['duties']} duties, {g['references']} references, "
        f"{g['definitions']} defined terms"
    )
    for e in report.errors:
        console.print(f"[yellow]note[/yellow] {e}")
    tasks = [t for t in TASKS if report.evaluated.get(t)]
    if not tasks:
        console.print("no extractor available: nothing to score")
        return
    table = Table(title="regkg eval")
    for col in ("task", "gold", "predicted", "correct", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "task" else "right")
    for t in tasks:
        s = report.tasks[t]
        table.add_row(
            t, str(s.gold), str(s.predicted), str(s.correct), _fmt(s.precision), _fmt(s.recall), _fmt(s.f1)
        )
    console.print(table)
    for title, groups in (("per instrument", report.by_instrument), ("per language", report.by_lang)):
        bt = Table(title=f"F1 {title} (gold/predicted/correct)")
        bt.add_column(title.split()[-1])
        for t in tasks:
            bt.add_column(t, justify="right")
        for name, scores in sorted(groups.items()):
            cells = [
                f"{_fmt(scores[t].f1)} ({scores[t].gold}/{scores[t].predicted}/{scores[t].correct})"
                for t in tasks
            ]
            bt.add_row(name, *cells)
        console.print(bt)
    findings = report.findings if max_findings is None else report.findings[:max_findings]
    # plain lines, never wrapped, so that a developer can grep them
    out.write(f"{len(report.findings)} misses, wrong attributes and false positives:\n")
    for f in findings:
        out.write(f"  {f.task:16} {f.kind:14} {f.instrument} {f.eid} {f.lang}: {f.detail}\n")
    if len(findings) < len(report.findings):
        out.write(f"  … {len(report.findings) - len(findings)} more (--json lists all)\n")


def eval_cli(args) -> int:
    """``regkg eval [--gold FILE|DIR] [--json]``: prints the scores; exit status 0 whatever they are."""
    gold = Path(args.gold)
    if not gold.is_absolute() and not gold.exists():
        gold = project_root() / gold
    report = evaluate(gold)
    if getattr(args, "json", False):
        json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_report(report)
    return 0
