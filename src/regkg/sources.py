"""The source manifest (``corpus/sources.toml``): what each instrument is and where its files come from."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .errors import ManifestError

ROLES = ("primary", "translation", "cross-check", "context")
JURISDICTIONS = ("CN", "EU")
STATUSES = ("in force", "draft", "superseded")


def project_root() -> Path:
    """The checkout's root (where ``corpus/`` lives); ``REGKG_ROOT`` overrides it."""
    if env := os.environ.get("REGKG_ROOT"):
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "corpus" / "sources.toml").is_file():
            return parent
    return Path.cwd()


@dataclass(frozen=True)
class SourceFile:
    instrument: str
    name: str  # file name inside the instrument's cache folder, e.g. "zh.docx"
    mirror: str  # path relative to a mirror root, e.g. "csl-2025/zh.amendment-decision.docx"
    url: str
    sha256: str
    format: str
    lang: str
    role: str
    reader: str | None = None
    encoding: str = "utf-8"
    publisher: str = ""
    terms: str = ""
    upstream_url: str | None = None
    also_accept_sha256: tuple[str, ...] = ()
    size: int | None = None

    @property
    def accepted_hashes(self) -> tuple[str, ...]:
        return (self.sha256, *self.also_accept_sha256)


@dataclass(frozen=True)
class InstrumentEntry:
    id: str
    title_zh: str | None
    title_en: str | None
    short_en: str
    short_zh: str
    jurisdiction: str
    kind: str
    work: str
    iri_path: str
    status: str
    issuing_bodies: tuple[str, ...]
    official_url: str
    files: tuple[SourceFile, ...]
    number: str | None = None
    celex: str | None = None
    adopted: str | None = None
    promulgated: str | None = None
    effective: str | None = None
    valid_until: str | None = None
    superseded_by: str | None = None
    previous_version: str | None = None
    amends: str | None = None
    amended_by: str | None = None
    translation_en: str | None = None  # project-owned translation file, relative to the project root
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def files_with(self, role: str, lang: str | None = None) -> list[SourceFile]:
        return [f for f in self.files if f.role == role and (lang is None or f.lang == lang)]

    @property
    def date(self) -> str | None:
        """The instrument's own date: promulgation, else adoption."""
        return self.promulgated or self.adopted


@dataclass(frozen=True)
class Manifest:
    path: Path
    instruments: tuple[InstrumentEntry, ...]

    def get(self, instrument_id: str) -> InstrumentEntry:
        for inst in self.instruments:
            if inst.id == instrument_id:
                return inst
        known = ", ".join(i.id for i in self.instruments)
        raise ManifestError(f"{self.path}: no instrument {instrument_id!r} (known: {known})")

    @property
    def ids(self) -> list[str]:
        return [i.id for i in self.instruments]


_INSTRUMENT_KEYS = {f for f in InstrumentEntry.__dataclass_fields__ if f not in ("files", "extra")}
_FILE_KEYS = set(SourceFile.__dataclass_fields__) - {"instrument", "also_accept_sha256", "size"}


def _require(table: dict, key: str, where: str, path: Path) -> object:
    if key not in table or table[key] in (None, ""):
        raise ManifestError(f"{path}: {where} lacks required key {key!r}")
    return table[key]


def load_manifest(path: Path | None = None) -> Manifest:
    """Read and check the manifest; every problem names the file and the entry."""
    path = Path(path) if path else project_root() / "corpus" / "sources.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{path}: manifest not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"{path}: not valid TOML: {exc}") from None
    instruments = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("instrument", []), 1):
        where = f"instrument #{i} ({raw.get('id', '?')})"
        iid = str(_require(raw, "id", where, path))
        if iid in seen:
            raise ManifestError(f"{path}: {where}: duplicate id")
        seen.add(iid)
        for key in ("jurisdiction", "kind", "status", "iri_path", "work", "official_url"):
            _require(raw, key, where, path)
        if raw["jurisdiction"] not in JURISDICTIONS:
            raise ManifestError(f"{path}: {where}: jurisdiction must be one of {JURISDICTIONS}")
        if raw["status"] not in STATUSES:
            raise ManifestError(f"{path}: {where}: status must be one of {STATUSES}")
        files = []
        for j, fr in enumerate(raw.get("file", []), 1):
            fwhere = f"{where} file #{j} ({fr.get('name', '?')})"
            for key in ("name", "mirror", "url", "sha256", "format", "lang", "role"):
                _require(fr, key, fwhere, path)
            if fr["role"] not in ROLES:
                raise ManifestError(f"{path}: {fwhere}: role must be one of {ROLES}")
            if len(fr["sha256"]) != 64:
                raise ManifestError(f"{path}: {fwhere}: sha256 must be 64 hex digits")
            files.append(
                SourceFile(
                    instrument=iid,
                    also_accept_sha256=tuple(fr.get("also_accept_sha256", ())),
                    size=fr.get("bytes"),
                    **{k: v for k, v in fr.items() if k in _FILE_KEYS},
                )
            )
        kwargs = {k: v for k, v in raw.items() if k in _INSTRUMENT_KEYS}
        kwargs["issuing_bodies"] = tuple(raw.get("issuing_bodies", ()))
        kwargs.setdefault("title_zh", None)
        kwargs.setdefault("title_en", None)
        kwargs.setdefault("short_en", iid)
        kwargs.setdefault("short_zh", kwargs.get("title_zh") or iid)
        extra = {k: v for k, v in raw.items() if k not in _INSTRUMENT_KEYS and k != "file"}
        instruments.append(InstrumentEntry(files=tuple(files), extra=extra, **kwargs))
    if not instruments:
        raise ManifestError(f"{path}: no [[instrument]] entries")
    return Manifest(path=path, instruments=tuple(instruments))


@cache
def default_manifest() -> Manifest:
    return load_manifest()
