"""Running the explorer's pages in Streamlit's AppTest, shared by the app test modules."""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "app"
sys.path.insert(0, str(APP))  # what `streamlit run app/Home.py` does for the pages' shared modules
PAGES = sorted(f"pages/{p.name}" for p in (APP / "pages").glob("*.py"))  # every page, as the app has them


def open_page(monkeypatch, build: Path, page: str | None = None, **params) -> AppTest:
    """Run ``page`` (Home when None) over ``build`` with URL ``params``; fails on any exception in the page."""
    monkeypatch.setenv("REGKG_BUILD", str(build))
    at = AppTest.from_file(str(APP / "Home.py"), default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
