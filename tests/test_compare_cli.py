"""`regkg compare actors|topics|alignments|versions` in every format, on the real corpus."""

from __future__ import annotations

import csv
import io
import json

import pytest

from regkg.cli import main

pytestmark = pytest.mark.corpus


@pytest.fixture(autouse=True)
def _cache(corpus_cache, monkeypatch):
    monkeypatch.setenv("REGKG_CACHE", str(corpus_cache))


def _run(capsys, *argv: str) -> str:
    assert main(["compare", *argv]) == 0
    return capsys.readouterr().out


def test_topics_in_every_format(capsys):
    md = _run(capsys, "topics", "--format", "md")
    assert md.startswith("| topic | label |") and "| labelling | labelling of synthetic content |" in md
    row = next(line for line in md.splitlines() if line.startswith("| labelling |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[2] == "12" and cells[3].startswith("16–1")  # genai art. 12; deep synthesis arts. 16-18
    rows = list(csv.reader(io.StringIO(_run(capsys, "topics", "--format", "csv"))))
    assert rows[0][:2] == ["topic", "label"] and len(rows[0]) == 8 and len(rows) >= 21
    tex = _run(capsys, "topics", "--format", "latex")
    assert "\\begin{tabular}" in tex and "\\toprule" in tex and "\\bottomrule" in tex
    assert "\\midrule" in tex and "labelling of synthetic content &" in tex
    data = json.loads(_run(capsys, "topics", "--format", "json"))
    assert "12" in data["labelling"]["instruments"]["genai-measures-2023"]
    assert "labelling" in _run(capsys, "topics", "--format", "table")


def test_topics_for_chosen_instruments(capsys):
    rows = list(
        csv.reader(io.StringIO(_run(capsys, "topics", "csl-2025", "eu-ai-act-2024", "--format", "csv")))
    )
    assert rows[0] == ["topic", "label", "Cybersecurity Law (as amended 2025)", "AI Act"]


def test_actors(capsys):
    rows = list(csv.DictReader(io.StringIO(_run(capsys, "actors", "--format", "csv"))))
    user = next(r for r in rows if r["role"] == "eu:user" and r["target"] == "eu:deployer")
    assert user["relation"] in ("exactMatch", "closeMatch") and "deployer" in user["note"]
    assert all(r["note"] for r in rows)
    only = list(csv.DictReader(io.StringIO(_run(capsys, "actors", "pipl-2021", "--format", "csv"))))
    assert {r["role"] for r in only} >= {"cn:personal-information-processor", "cn:entrusted-party"}
    assert not any(r["role"].startswith("eu:") for r in only)


def test_alignments_by_topic(capsys, tmp_path):
    data = json.loads(_run(capsys, "alignments", "--topic", "labelling", "--format", "json"))
    assert data and all("labelling" in r["topics"] for r in data)
    statuses = {r["status"] for r in data}
    assert "confirmed" in statuses
    out = tmp_path / "alignments.md"
    _run(
        capsys,
        "alignments",
        "genai-measures-2023",
        "eu-ai-act-proposal-2021",
        "--format",
        "md",
        "--out",
        str(out),
    )
    text = out.read_text(encoding="utf-8")
    assert "genai-measures-2023 Article 12" in text and "eu-ai-act-proposal-2021 Article 52" in text


def test_versions_table_and_diff(capsys, tmp_path):
    text = _run(capsys, "versions", "csl-2016", "csl-2025", "--format", "json", "--out", str(tmp_path))
    data = json.loads(text)
    assert data["decision"] == "csl-amendment-2025" and data["counts"]["new"] >= 3
    assert any(r["old"] == "18" and r["new"] == "19" and r["status"] == "amended" for r in data["rows"])
    assert (tmp_path / "csl-2016--csl-2025.html").is_file() and (
        tmp_path / "csl-2016--csl-2025.diff"
    ).is_file()
    md = _run(
        capsys,
        "versions",
        "eu-ai-act-proposal-2021",
        "eu-ai-act-2024",
        "--format",
        "md",
        "--out",
        str(tmp_path),
    )
    assert "| 52 | 50 | amended |" in md


def test_errors_are_reported_not_raised(capsys):
    assert main(["compare", "versions", "csl-2016"]) == 2
    assert "two instrument ids" in capsys.readouterr().err
    assert main(["compare", "topics", "no-such-law"]) == 2
    assert main(["compare", "alignments", "--topic", "no-such-topic"]) == 2
