"""The role vocabulary (``src/regkg/data/roles.yaml``) and ``regkg roles``.

>>> r = role("cn:personal-information-processor")
>>> r.kind, r.labels["zh"]
('role', '个人信息处理者')
>>> role("eu:board").kind
'authority'
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from functools import cache

from ..errors import RegkgError
from .model import Role
from .pipeline import DATA, load_yaml

ROLES_FILE = "roles.yaml"
KINDS = ("role", "authority")
JURISDICTIONS = ("CN", "EU")
MATCH_KEYS = ("closeMatch", "broadMatch", "exactMatch", "narrowMatch")
_ID = re.compile(r"^(cn|eu):[a-z0-9]+(-[a-z0-9]+)*$")
_ENTRY_KEYS = {"id", "kind", "jurisdiction", "labels", "instruments", "scope", "forms", "match", "note"}
_FORM_KEYS = {"form", "scope", "case", "not_before", "not_after", "before", "after"}


class RoleError(RegkgError):
    """The role vocabulary is malformed."""


@dataclass(frozen=True)
class SurfaceForm:
    """One way a text names a role: matched by the ``regkg_roles`` pipeline component."""

    role: str
    text: str
    lang: str
    jurisdiction: str
    scope: tuple[str, ...] = ()  # corpus ids where the form is matched (empty: the whole jurisdiction)
    case: bool = False
    context: dict = field(
        default_factory=dict, compare=False, hash=False
    )  # not_before/not_after/before/after
    order: int = 0


@dataclass(frozen=True)
class Vocabulary:
    roles: tuple[Role, ...]
    forms: tuple[SurfaceForm, ...]
    matches: dict = field(default_factory=dict, compare=False, hash=False)  # id -> {closeMatch: [...]}
    notes: dict = field(default_factory=dict, compare=False, hash=False)  # id -> note

    def get(self, role_id: str) -> Role:
        for r in self.roles:
            if r.id == role_id:
                return r
        raise KeyError(f"unknown role id {role_id!r} (see src/regkg/data/{ROLES_FILE})")


def _strings(value, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RoleError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def parse_vocabulary(data: dict, where: str = ROLES_FILE) -> Vocabulary:
    """Check and build the vocabulary; every problem names the file and the entry."""
    entries = data.get("roles")
    if not isinstance(entries, list) or not entries:
        raise RoleError(f"{where}: expected a non-empty list under 'roles'")
    roles: list[Role] = []
    forms: list[SurfaceForm] = []
    matches: dict[str, dict] = {}
    notes: dict[str, str] = {}
    seen: set[str] = set()
    for i, raw in enumerate(entries, 1):
        at = f"{where}: roles entry #{i}"
        if not isinstance(raw, dict):
            raise RoleError(f"{at}: expected a mapping")
        rid = raw.get("id")
        at = f"{at} ({rid})"
        if unknown := sorted(set(raw) - _ENTRY_KEYS):
            raise RoleError(f"{at}: unknown key(s) {', '.join(unknown)}")
        if not isinstance(rid, str) or not _ID.match(rid):
            raise RoleError(f"{at}: id must look like cn:some-slug or eu:some-slug")
        if rid in seen:
            raise RoleError(f"{at}: duplicate id")
        seen.add(rid)
        kind, jur = raw.get("kind"), raw.get("jurisdiction")
        if kind not in KINDS:
            raise RoleError(f"{at}: kind must be one of {KINDS}")
        if jur not in JURISDICTIONS or not rid.startswith(jur.lower() + ":"):
            raise RoleError(f"{at}: jurisdiction must be CN or EU and match the id prefix")
        labels = raw.get("labels") or {}
        if not isinstance(labels, dict) or not labels.get("en") or not labels.get("zh"):
            raise RoleError(f"{at}: labels needs zh and en")
        scope = _strings(raw.get("scope"), at, "scope")
        roles.append(Role(rid, kind, jur, dict(labels), _strings(raw.get("instruments"), at, "instruments")))
        match = raw.get("match") or {}
        if not isinstance(match, dict) or set(match) - set(MATCH_KEYS):
            raise RoleError(f"{at}: match keys must be among {MATCH_KEYS}")
        matches[rid] = {k: _strings(v, at, k) for k, v in match.items()}
        if raw.get("note"):
            notes[rid] = str(raw["note"])
        raw_forms = raw.get("forms") or {}
        if not isinstance(raw_forms, dict) or not raw_forms:
            raise RoleError(f"{at}: forms needs at least one language")
        for lang, items in raw_forms.items():
            if lang not in ("zh", "en") or not isinstance(items, list):
                raise RoleError(f"{at}: forms.{lang} must be a list under zh or en")
            for item in items:
                if isinstance(item, str):
                    item = {"form": item}
                if not isinstance(item, dict) or not isinstance(item.get("form"), str) or not item["form"]:
                    raise RoleError(f"{at}: a form must be a string or a mapping with 'form'")
                if unknown := sorted(set(item) - _FORM_KEYS):
                    raise RoleError(f"{at}: form {item['form']!r}: unknown key(s) {', '.join(unknown)}")
                context = {
                    k: _strings(item.get(k), at, k) for k in ("not_before", "not_after", "before", "after")
                }
                forms.append(
                    SurfaceForm(
                        role=rid,
                        text=item["form"],
                        lang=lang,
                        jurisdiction=jur,
                        scope=_strings(item.get("scope"), at, "scope") or scope,
                        case=bool(item.get("case", False)),
                        context={k: v for k, v in context.items() if v},
                        order=len(forms),
                    )
                )
    return Vocabulary(tuple(roles), tuple(forms), matches, notes)


@cache
def load_roles() -> Vocabulary:
    """The role vocabulary, read once from ``src/regkg/data/roles.yaml``."""
    return parse_vocabulary(load_yaml(ROLES_FILE), str(DATA / ROLES_FILE))


def role(role_id: str) -> Role:
    return load_roles().get(role_id)


ROLE_BASE = "https://w3id.org/regkg/role/"
ROLE_SCHEME = "https://w3id.org/regkg/roles"


def role_iri(role_id: str) -> str:
    """IRI of a role: ``cn:genai-service-provider`` -> https://w3id.org/regkg/role/cn/genai-service-provider."""
    if not _ID.match(role_id):
        raise RoleError(f"not a role id: {role_id!r}")
    prefix, slug = role_id.split(":", 1)
    return f"{ROLE_BASE}{prefix}/{slug}"


def surface_forms(lang: str) -> tuple[SurfaceForm, ...]:
    return tuple(f for f in load_roles().forms if f.lang == lang)


def roles_for(instrument: str | None = None) -> list[Role]:
    """The vocabulary, or the roles the data says an instrument uses."""
    roles = load_roles().roles
    return [r for r in roles if instrument is None or instrument in r.instruments]


def role_json(r: Role) -> dict:
    vocab = load_roles()
    forms = {}
    for f in vocab.forms:
        if f.role == r.id:
            forms.setdefault(f.lang, []).append(f.text)
    return {
        "id": r.id,
        "kind": r.kind,
        "jurisdiction": r.jurisdiction,
        "labels": r.labels,
        "instruments": list(r.instruments),
        "forms": {k: list(dict.fromkeys(v)) for k, v in forms.items()},
        "match": {k: list(v) for k, v in vocab.matches.get(r.id, {}).items()},
    }


def roles_cli(args) -> int:
    """``regkg roles [--json] [--instrument ID]``: the role and authority vocabulary with ids."""
    instrument = getattr(args, "instrument", None)
    if instrument:
        from ..sources import default_manifest

        if instrument not in default_manifest().ids:
            print(f"regkg: error: unknown instrument {instrument!r}", file=sys.stderr)
            return 2
    roles = roles_for(instrument)
    if getattr(args, "json", False):
        json.dump([role_json(r) for r in roles], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    from rich.console import Console
    from rich.table import Table

    title = f"regkg roles{' in ' + instrument if instrument else ''}: {len(roles)}"
    table = Table(title=title)
    table.add_column("id", no_wrap=True)
    for col in ("kind", "zh", "en", "instruments"):
        table.add_column(col)
    for r in roles:
        table.add_row(r.id, r.kind, r.labels["zh"], r.labels["en"], ", ".join(r.instruments))
    Console(width=None if sys.stdout.isatty() else 160).print(table)
    return 0
