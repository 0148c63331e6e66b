"""The explorer as a running server, and the headless browser that drives it.

`regkg explore` starts ``streamlit run app/Home.py`` with :func:`streamlit_command`. The browser tests and the
explorer benchmark start it on a free local port with :func:`running_app` and drive Debian's chromium
(:data:`CHROMIUM`, never a downloaded one) through Playwright with :func:`launch_chromium`.

>>> streamlit_command("app/Home.py", 8501)[3:]
['run', 'app/Home.py', '--server.port', '8501', '--server.headless', 'true', '--browser.gatherUsageStats', 'false']
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import RegkgError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A JavaScript expression, true once a Streamlit page has finished its run and drawn everything: no status
# widget (the run is over), no element still marked stale from the previous run, no loading skeleton.
SETTLED_JS = (
    "!document.querySelector('[data-testid=\"stStatusWidget\"]')"
    " && document.querySelectorAll('[data-stale=\"true\"]').length === 0"
    " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0"
)


def app_script() -> Path:
    from .sources import project_root

    return project_root() / "app" / "Home.py"


def streamlit_command(script: str | Path, port: int, *, address: str | None = None) -> list[str]:
    """The command line that serves ``script`` with this Python's Streamlit: headless (Streamlit neither opens
    a browser nor asks for an e-mail address on a first run) and without usage statistics."""
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    if address:
        cmd += ["--server.address", address]
    return cmd + ["--server.headless", "true", "--browser.gatherUsageStats", "false"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(
    build: str | Path | None = None,
    *,
    script: str | Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60.0,
) -> Iterator[str]:
    """Serve the explorer (or ``script``) over ``build`` on a free local port; yields its base URL.

    Returns once Streamlit answers its health check; stops the server on exit. If Streamlit exits or does not
    answer within ``timeout`` seconds, raises :class:`RegkgError` with the end of its error output.
    """
    port = free_port()
    extra = dict(env or {})
    if build is not None:
        extra["REGKG_BUILD"] = str(build)
    cmd = streamlit_command(script or app_script(), port, address="127.0.0.1")
    cmd += ["--server.fileWatcherType", "none"]
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            cmd,
            env=os.environ | extra,
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=app_script().parents[1],  # the project folder, as `regkg explore` runs it
        )
        try:
            wait_healthy(proc, port, timeout, err)
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_healthy(proc: subprocess.Popen, port: int, timeout: float = 60.0, err=None) -> None:
    """Return once the Streamlit server ``proc`` answers on ``port``; raise if it exits or stays silent.

    ``err`` is the binary file its error output goes to, quoted when it exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = ""
            if err is not None:
                err.seek(0)
                tail = err.read().decode("utf-8", errors="replace")[-2000:]
            raise RegkgError(f"streamlit exited with status {proc.returncode}:\n{tail}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RegkgError(f"streamlit did not answer on port {port} within {timeout:.0f} s")


def launch_chromium(playwright):
    """Debian's headless chromium through a started ``sync_playwright()``; a clear error if it is missing."""
    if not Path(CHROMIUM).exists():
        raise RegkgError(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
