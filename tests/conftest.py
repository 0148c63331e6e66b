"""Shared fixtures. Tests marked ``corpus`` need the source mirror (``REGKG_MIRROR`` or ``../shared/corpus``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def mirror_dir() -> Path | None:
    env = os.environ.get("REGKG_MIRROR")
    if env:
        if not Path(env).is_dir():
            raise pytest.UsageError(f"REGKG_MIRROR={env} is not a folder")
        return Path(env)
    default = ROOT.parent / "shared" / "corpus"
    return default if default.is_dir() else None


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The source mirror; tests that need it are skipped on a machine without one."""
    m = mirror_dir()
    if m is None:
        pytest.skip("no source mirror: set REGKG_MIRROR")
    return m


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def corpus_cache(mirror, tmp_path_factory) -> Path:
    """A cache holding every source file, copied from the mirror and hash-checked."""
    from regkg.fetch import fetch_all
    from regkg.sources import load_manifest

    cache = tmp_path_factory.mktemp("cache")
    fetch_all(load_manifest(), mirror=mirror, cache=cache, show_progress=False)
    return cache


@pytest.fixture(scope="session")
def parsed(corpus_cache):
    """Every instrument parsed from the real corpus: {id: ParseResult}."""
    from regkg.parse import parse_all

    return parse_all(cache=corpus_cache, use_cache=False)


@pytest.fixture(scope="session")
def built(corpus_cache, tmp_path_factory):
    """A full build of the real corpus (graph files, store, stats) in a temporary folder."""
    from regkg.build import build

    out = tmp_path_factory.mktemp("build") / "build"
    return build(out, use_cache=False, cache=corpus_cache)


@pytest.fixture(scope="session")
def store(built):
    from regkg.store import open_store

    return open_store(built.out)
