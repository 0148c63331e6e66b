"""Fetch the sources named in the manifest into the cache, verifying each file's sha256.

The cache is ``$REGKG_CACHE`` (default ``$XDG_CACHE_HOME/regkg`` or ``~/.cache/regkg``); files land in
``<cache>/sources/<instrument>/<name>``. With a mirror (``--mirror DIR`` or ``$REGKG_MIRROR``) files are copied
from ``DIR/<mirror path>`` instead of downloaded. A file is written to a temporary name and moved into place
only after its hash matched, so a failed fetch leaves the cache as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import FetchError
from .sources import Manifest, SourceFile

CHUNK = 1 << 16
OFFLINE_HELP = (
    "regkg needs the source texts. Either connect to the internet and run `regkg fetch`, or point it at a "
    "local copy laid out as <id>/<file> with `regkg fetch --mirror DIR` (or set REGKG_MIRROR=DIR)."
)


def cache_dir() -> Path:
    if env := os.environ.get("REGKG_CACHE"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "regkg"


def default_mirror() -> Path | None:
    env = os.environ.get("REGKG_MIRROR")
    return Path(env) if env else None


def cached_path(f: SourceFile, cache: Path | None = None) -> Path:
    return (cache or cache_dir()) / "sources" / f.instrument / f.name


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class FetchResult:
    file: SourceFile
    path: Path
    action: str  # "cached" (already there), "copied" (from the mirror), "downloaded"


def _copy_from_mirror(f: SourceFile, mirror: Path, tmp: Path, progress: Callable[[int], None]) -> None:
    src = mirror / f.mirror
    if not src.is_file():
        raise FetchError(
            f"{src}: not in the mirror {mirror} (expected the file {f.mirror} for {f.instrument})"
        )
    with open(src, "rb") as inp, open(tmp, "wb") as out:
        while chunk := inp.read(CHUNK):
            out.write(chunk)
            progress(len(chunk))


def _download(f: SourceFile, tmp: Path, progress: Callable[[int], None], timeout: float) -> None:
    req = urllib.request.Request(f.url, headers={"User-Agent": "regkg-fetch"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp, open(tmp, "wb") as out:
            while chunk := resp.read(CHUNK):
                out.write(chunk)
                progress(len(chunk))
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(
            f"{f.instrument}/{f.name}: could not download {f.url} ({reason}). {OFFLINE_HELP}"
        ) from None


def fetch_file(
    f: SourceFile,
    *,
    cache: Path | None = None,
    mirror: Path | None = None,
    progress: Callable[[int], None] = lambda n: None,
    timeout: float = 60.0,
) -> FetchResult:
    """Make sure one file is in the cache with an accepted hash; return where it is."""
    dest = cached_path(f, cache)
    if dest.is_file() and sha256_file(dest) in f.accepted_hashes:
        return FetchResult(f, dest, "cached")
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{f.name}.", suffix=".part", dir=dest.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if mirror is not None:
            _copy_from_mirror(f, mirror, tmp, progress)
        else:
            _download(f, tmp, progress, timeout)
        actual = sha256_file(tmp)
        if actual not in f.accepted_hashes:
            origin = mirror / f.mirror if mirror is not None else f.url
            raise FetchError(
                f"{f.instrument}/{f.name}: sha256 mismatch for {origin}\n"
                f"  expected {f.sha256}\n  actual   {actual}\n"
                "The cache was left as it was. The source may have changed upstream: check the manifest entry."
            )
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return FetchResult(f, dest, "copied" if mirror is not None else "downloaded")


def select_files(manifest: Manifest, only: Iterable[str] | None = None) -> list[SourceFile]:
    ids = list(only) if only else manifest.ids
    files: list[SourceFile] = []
    for iid in ids:
        files.extend(manifest.get(iid).files)
    return files


def fetch_all(
    manifest: Manifest,
    *,
    only: Iterable[str] | None = None,
    cache: Path | None = None,
    mirror: Path | None = None,
    show_progress: bool = True,
) -> list[FetchResult]:
    """Fetch every file of the selected instruments; stop at the first error (earlier files stay cached)."""
    files = select_files(manifest, only)
    if mirror is not None and not Path(mirror).is_dir():
        raise FetchError(f"{mirror}: mirror folder not found. {OFFLINE_HELP}")
    results = []
    if not show_progress:
        return [fetch_file(f, cache=cache, mirror=mirror) for f in files]
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    total = sum(f.size or 0 for f in files) or None
    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), transient=False) as bar:
        task = bar.add_task("fetching sources", total=total)
        for f in files:
            bar.update(task, description=f"{f.instrument}/{f.name}")
            before = bar.tasks[0].completed
            res = fetch_file(f, cache=cache, mirror=mirror, progress=lambda n: bar.advance(task, n))
            if res.action == "cached" and f.size:
                bar.update(task, completed=before + f.size)
            results.append(res)
        bar.update(task, description="sources ready")
    return results


def source_path(f: SourceFile, cache: Path | None = None) -> Path:
    """The cached file, or a FetchError saying how to get it."""
    p = cached_path(f, cache)
    if not p.is_file():
        raise FetchError(
            f"{f.instrument}/{f.name} is not in the cache ({p}). Run `regkg fetch` first. {OFFLINE_HELP}"
        )
    return p


def ensure_fetched(manifest: Manifest, only: Iterable[str] | None = None, cache: Path | None = None) -> None:
    """Fetch missing files from the default mirror if one is set; otherwise leave it to source_path to complain."""
    mirror = default_mirror()
    missing = [f for f in select_files(manifest, only) if not cached_path(f, cache).is_file()]
    if missing and mirror is not None:
        for f in missing:
            fetch_file(f, cache=cache, mirror=mirror)


def clear_cache(cache: Path | None = None) -> None:
    shutil.rmtree((cache or cache_dir()) / "sources", ignore_errors=True)
