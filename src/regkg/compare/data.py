"""Reading the comparison data files in ``corpus/``: YAML with errors that name the file and the entry."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import RegkgError
from ..sources import project_root


class CompareDataError(RegkgError):
    """A comparison data file (topics, crosswalk, alignments, versions) is missing or malformed."""

    def __init__(self, path: Path | str, where: str, problem: str) -> None:
        super().__init__(f"{path}, {where}: {problem}")


def corpus_file(name: str) -> Path:
    return project_root() / "corpus" / name


def load_yaml(path: Path) -> dict:
    """The YAML mapping in ``path``; a missing file or a non-mapping is a CompareDataError."""
    if not path.is_file():
        raise CompareDataError(path, "file", "not found")
    try:
        # the C loader when PyYAML has it: the data files are read on every build
        data = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "file"
        raise CompareDataError(path, where, f"not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise CompareDataError(path, "top level", "expected a mapping")
    return data


def require(raw: dict, key: str, path: Path, where: str, kind: type | tuple[type, ...] = str) -> object:
    """``raw[key]``, which must be present, non-empty and of type ``kind``."""
    if not isinstance(raw, dict):
        raise CompareDataError(path, where, "expected a mapping")
    value = raw.get(key)
    if value is None or value == "" or not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise CompareDataError(path, where, f"needs {key!r} ({names}), found {value!r}")
    return value


def weights(raw: object, path: Path, where: str) -> dict[str, float]:
    """A mapping term -> weight in [0, 1]."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise CompareDataError(path, where, f"expected a mapping of terms to weights, found {raw!r}")
    out = {}
    for term, w in raw.items():
        if not isinstance(term, str) or not term or not isinstance(w, (int, float)) or not 0 < w <= 1:
            raise CompareDataError(path, where, f"term {term!r} needs a weight in (0, 1], found {w!r}")
        out[term] = float(w)
    return out
