"""`regkg resolve` on the real corpus, through the command line and on both backends (store and parsed model)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from regkg.cli import main
from regkg.resolver import resolve_parsed, resolve_store

pytestmark = pytest.mark.corpus


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["resolve", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_resolve_pipl_article_13_json(capsys, built, parsed):
    code, out, _ = run(capsys, "PIPL art. 13", "--json", "--build", str(built.out))
    assert code == 0
    r = json.loads(out)
    assert (r["instrument"], r["article"], r["paragraph"], r["point"]) == ("pipl-2021", "13", None, None)
    assert r["iri"] == "https://w3id.org/regkg/cn/pipl/2021/art_13"
    first = parsed["pipl-2021"].instrument.article("13").children[0].text.zh
    assert r["text"].startswith(first)
    assert r["texts"]["en"]  # the NPC translation comes along


def test_ai_act_means_the_final_act(capsys, built):
    code, out, _ = run(capsys, "AI Act Art. 50", "--json", "--build", str(built.out))
    assert code == 0 and json.loads(out)["instrument"] == "eu-ai-act-2024"


def test_csl_version_as_of_a_date(capsys, built):
    code, out, _ = run(
        capsys, "网络安全法第四十二条", "--as-of", "2024-01-01", "--json", "--build", str(built.out)
    )
    assert code == 0 and json.loads(out)["version"] == "csl-2016"
    code, out, _ = run(capsys, "网络安全法第四十二条", "--json", "--build", str(built.out))
    expected = "csl-2025" if dt.date.today() >= dt.date(2026, 1, 1) else "csl-2016"
    assert code == 0 and json.loads(out)["version"] == expected


def test_text_output_shows_label_iri_and_text(capsys, built):
    code, out, _ = run(capsys, "Art. 5(1)(d) AI Act proposal", "--build", str(built.out))
    assert code == 0
    assert out.splitlines()[0].startswith("Article 5(1)(d) — AI Act proposal")
    assert "IRI: https://w3id.org/regkg/eu/ai-act-proposal/2021/art_5/para_1/point_d" in out


@pytest.mark.parametrize(
    ("citation", "message"),
    [("PIPLX art. 13", "no instrument matches 'PIPLX'"), ("PIPL art. 99", "has no article 99")],
)
def test_unresolvable_citation_exits_1_and_says_why(capsys, built, citation, message):
    code, out, err = run(capsys, citation, "--build", str(built.out))
    assert code == 1 and out == "" and message in err


@pytest.mark.parametrize(
    "citation",
    [
        "Interim Measures, art. 9, para. 1",
        "《个人信息保护法》第十三条第一款第二项",
        "Article 6(2) AI Act",
        "Annex III AI Act",
        "Recital 12 AI Act",
        "Article 3(44) AI Act proposal",
        "DSL art. 21",
    ],
)
def test_store_and_parsed_model_agree(store, parsed, citation):
    day = dt.date(2026, 6, 1)
    a = resolve_store(store, citation, as_of=day)
    b = resolve_parsed(parsed, citation, as_of=day)
    keys = ("instrument", "version", "article", "paragraph", "point", "eid", "kind", "iri", "text", "texts")
    assert {k: a[k] for k in keys} == {k: b[k] for k in keys} and a["text"]
    assert a["labels"]["zh" if a["instrument"] != "eu-ai-act-2024" else "en"]
