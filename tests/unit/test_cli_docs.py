"""Every CLI command and option is documented in the README (a command nobody can find does not exist)."""

import argparse
import re

from regkg.cli import build_parser
from regkg.sources import project_root


def _subparsers():
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


def test_every_command_is_in_the_readme_reference():
    readme = (project_root() / "README.md").read_text(encoding="utf-8")
    for name in _subparsers():
        assert re.search(rf"`regkg {name}\b", readme), f"regkg {name} is not documented in README.md"


def test_every_command_has_help():
    for name, sub in _subparsers().items():
        assert sub.description or sub.format_help(), name


def test_readme_first_screen_has_the_two_commands():
    head = (project_root() / "README.md").read_text(encoding="utf-8").split("---")[0]
    assert "bash scripts/start.sh" in head and "bash scripts/test.sh" in head
    ci = (project_root() / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci
