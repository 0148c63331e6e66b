import hashlib
from pathlib import Path

import pytest

from regkg.errors import FetchError
from regkg.fetch import cached_path, fetch_all, fetch_file
from regkg.sources import SourceFile


def _file(tmp_path: Path, content: bytes, sha: str | None = None) -> SourceFile:
    mirror = tmp_path / "mirror" / "demo"
    mirror.mkdir(parents=True)
    (mirror / "zh.md").write_bytes(content)
    return SourceFile(
        instrument="demo",
        name="zh.md",
        mirror="demo/zh.md",
        url="http://127.0.0.1:9/zh.md",
        sha256=sha or hashlib.sha256(content).hexdigest(),
        format="markdown",
        lang="zh",
        role="primary",
    )


def test_copy_from_mirror_then_cached(tmp_path):
    f = _file(tmp_path, b"hello")
    cache = tmp_path / "cache"
    r1 = fetch_file(f, cache=cache, mirror=tmp_path / "mirror")
    assert r1.action == "copied" and r1.path.read_bytes() == b"hello"
    r2 = fetch_file(f, cache=cache, mirror=tmp_path / "mirror")
    assert r2.action == "cached"


def test_hash_mismatch_names_file_and_both_hashes_and_keeps_cache(tmp_path):
    good = b"the good text"
    f = _file(tmp_path, b"tampered text", sha=hashlib.sha256(good).hexdigest())
    cache = tmp_path / "cache"
    dest = cached_path(f, cache)
    dest.parent.mkdir(parents=True)
    dest.write_bytes(b"older cached copy")
    with pytest.raises(FetchError) as exc:
        fetch_file(f, cache=cache, mirror=tmp_path / "mirror")
    msg = str(exc.value)
    assert "demo/zh.md" in msg
    assert hashlib.sha256(good).hexdigest() in msg
    assert hashlib.sha256(b"tampered text").hexdigest() in msg
    assert dest.read_bytes() == b"older cached copy"  # untouched
    assert [p.name for p in dest.parent.iterdir()] == ["zh.md"]  # no temporary file left behind


def test_offline_without_mirror_says_how_to_get_sources(tmp_path):
    f = _file(tmp_path, b"x")
    with pytest.raises(FetchError) as exc:
        fetch_file(f, cache=tmp_path / "cache", mirror=None, timeout=2)
    assert "--mirror" in str(exc.value) and "REGKG_MIRROR" in str(exc.value)


def test_missing_mirror_folder(tmp_path):
    from regkg.sources import load_manifest

    with pytest.raises(FetchError, match="mirror folder not found"):
        fetch_all(load_manifest(), mirror=tmp_path / "nope", cache=tmp_path / "c", show_progress=False)


@pytest.mark.corpus
def test_fetch_whole_corpus_from_mirror(tmp_path, mirror):
    from regkg.sources import load_manifest

    results = fetch_all(load_manifest(), mirror=mirror, cache=tmp_path, show_progress=False)
    assert len(results) == 25 and all(r.action == "copied" for r in results)
