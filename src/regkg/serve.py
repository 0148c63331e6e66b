"""``regkg serve``: a read-only SPARQL 1.1 Protocol endpoint over the built store (the Oxigraph server)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .errors import RegkgError
from .store import default_build_dir


def oxigraph_binary() -> str:
    """The ``oxigraph`` server binary installed by the ``oxigraph`` package."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise RegkgError("the `oxigraph` server binary is not installed: pip install oxigraph")
    return found


def server_command(
    location: Path, port: int, timeout: float | None = None, read_only: bool = True
) -> list[str]:
    cmd = [
        oxigraph_binary(),
        "serve-read-only" if read_only else "serve",
        "--location",
        str(location),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    if read_only:
        cmd.append("--union-default-graph")
    if timeout:
        cmd += ["--timeout-s", str(int(timeout))]
    return cmd


def wait_until_up(port: int, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RegkgError(f"the SPARQL server on 127.0.0.1:{port} did not come up within {seconds:.0f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    location: Path, port: int | None = None, timeout: float | None = 30, read_only: bool = True
) -> tuple[subprocess.Popen, int]:
    """Start a server in the background and wait until it answers; returns (process, port)."""
    port = port or free_port()
    proc = subprocess.Popen(
        server_command(location, port, timeout, read_only), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        wait_until_up(port)
    except RegkgError:
        proc.kill()
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise RegkgError(f"the SPARQL server did not start: {err.strip()[:500]}") from None
    return proc, port


def serve(build_dir: Path | None = None, port: int = 7878, timeout: float = 30) -> int:
    """Run the read-only endpoint in the foreground until interrupted."""
    location = (build_dir or default_build_dir()) / "store"
    if not location.is_dir():
        raise RegkgError(f"{location}: no built store. Run `regkg build` first.")
    print(f"SPARQL endpoint: http://127.0.0.1:{port}/query (read-only, {timeout:.0f} s query timeout)")
    return subprocess.call(server_command(location, port, timeout))
