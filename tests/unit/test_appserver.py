"""regkg.appserver: the command that serves the explorer, and the start-up checks of a served app."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import urllib.request

import pytest

from regkg.appserver import _wait_healthy, app_script, free_port, running_app, streamlit_command
from regkg.errors import RegkgError


def test_command_serves_the_script_with_this_python_and_no_usage_statistics():
    cmd = streamlit_command("app/Home.py", 8600, address="127.0.0.1", headless=False)
    assert cmd[:5] == [sys.executable, "-m", "streamlit", "run", "app/Home.py"]
    opts = dict(zip(cmd[5::2], cmd[6::2], strict=True))
    assert opts == {
        "--server.port": "8600",
        "--server.address": "127.0.0.1",
        "--server.headless": "false",
        "--browser.gatherUsageStats": "false",
    }


def test_the_app_script_is_the_projects_home_page():
    assert app_script().name == "Home.py" and (app_script().parent / "pages").is_dir()


def test_a_server_that_exits_is_reported_with_its_error_output():
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stderr.write('no such option: --frob'); sys.exit(2)"],
        stderr=subprocess.PIPE,
    )
    with tempfile.TemporaryFile() as err:
        proc.wait(10)
        err.write(proc.stderr.read())
        with pytest.raises(RegkgError, match=r"exited with status 2:\nno such option: --frob"):
            _wait_healthy(proc, free_port(), 5, err)


def test_a_server_that_never_answers_times_out():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with tempfile.TemporaryFile() as err, pytest.raises(RegkgError, match="did not answer on port"):
            _wait_healthy(proc, free_port(), 1, err)
    finally:
        proc.kill()
        proc.wait()


def test_running_app_serves_a_script_and_stops_it(tmp_path):
    script = tmp_path / "hello.py"
    script.write_text("import streamlit as st\nst.write('hello')\n", encoding="utf-8")
    with running_app(script=script) as base, urllib.request.urlopen(f"{base}/_stcore/health", timeout=5) as r:
        assert r.read() == b"ok"
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{base}/_stcore/health", timeout=2)


def test_docstring_example_runs():
    import doctest

    from regkg import appserver

    result = doctest.testmod(appserver)
    assert result.attempted > 0 and result.failed == 0
