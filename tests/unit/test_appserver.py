"""regkg.appserver: the command that serves the explorer, and the start-up checks of a served app."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import urllib.request

import pytest

from regkg.appserver import app_script, free_port, running_app, streamlit_command, wait_healthy
from regkg.errors import RegkgError


def test_command_serves_the_script_headless_with_this_python_and_no_usage_statistics():
    cmd = streamlit_command("app/Home.py", 8600, address="127.0.0.1")
    assert cmd[:5] == [sys.executable, "-m", "streamlit", "run", "app/Home.py"]
    opts = dict(zip(cmd[5::2], cmd[6::2], strict=True))
    assert opts == {
        "--server.port": "8600",
        "--server.address": "127.0.0.1",
        "--server.headless": "true",  # never the first-run e-mail prompt, which would block start.sh
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
            wait_healthy(proc, free_port(), 5, err)


def test_a_server_that_never_answers_times_out():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with tempfile.TemporaryFile() as err, pytest.raises(RegkgError, match="did not answer on port"):
            wait_healthy(proc, free_port(), 1, err)
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


def test_regkg_explore_serves_the_app_headless(monkeypatch, capsys):
    from regkg import cli

    calls = []
    monkeypatch.setattr("os.execv", lambda exe, cmd: calls.append((exe, cmd)))
    assert cli.main(["explore", "--port", "8642"]) == 0
    exe, cmd = calls[0]
    assert exe == sys.executable and cmd == streamlit_command(app_script(), 8642)
    assert "http://localhost:8642" in capsys.readouterr().out


def test_regkg_explore_open_waits_for_the_server_then_opens_the_browser(monkeypatch):
    from regkg import cli

    opened = []
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url))
    monkeypatch.setattr("regkg.appserver.wait_healthy", lambda proc, port: opened.append(f"up:{port}"))
    monkeypatch.setattr(
        "regkg.appserver.streamlit_command", lambda script, port: [sys.executable, "-c", "print()"]
    )
    assert cli.main(["explore", "--port", "8643", "--open"]) == 0
    assert opened == ["up:8643", "http://localhost:8643"]


def test_regkg_explore_open_on_a_server_without_a_display_opens_nothing(monkeypatch):
    from regkg import cli

    opened = []
    for var in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url))
    monkeypatch.setattr("regkg.appserver.wait_healthy", lambda proc, port: None)
    monkeypatch.setattr(
        "regkg.appserver.streamlit_command", lambda script, port: [sys.executable, "-c", "print()"]
    )
    assert cli.main(["explore", "--open"]) == 0 and opened == []
