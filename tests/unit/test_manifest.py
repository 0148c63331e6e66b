import pytest

from regkg.errors import ManifestError
from regkg.sources import load_manifest

CORE = [
    "genai-measures-2023",
    "deep-synthesis-2022",
    "algorithm-recommendation-2021",
    "pipl-2021",
    "csl-2016",
    "eu-ai-act-proposal-2021",
]
EXTRAS = ["csl-2025", "csl-amendment-2025", "dsl-2021", "eu-ai-act-2024"]


def test_manifest_lists_every_instrument_with_pinned_files():
    m = load_manifest()
    assert set(CORE + EXTRAS) == set(m.ids)
    for inst in m.instruments:
        assert inst.files_with("primary"), inst.id
        assert inst.official_url.startswith("http")
        assert inst.issuing_bodies
        assert inst.date, inst.id
        for f in inst.files:
            # pinned: a git commit in the URL (40 hex digits) or an official address
            assert "raw.githubusercontent.com" in f.url and len(f.url.split("/")[5]) == 40, f.url
            assert len(f.sha256) == 64
            assert f.terms, f"{inst.id}/{f.name} lacks terms of use"
            assert f.publisher, f"{inst.id}/{f.name} lacks a publisher"


def test_translations_named_in_the_manifest_exist():
    from regkg.sources import project_root

    m = load_manifest()
    own = [i for i in m.instruments if i.translation_en]
    assert {i.id for i in own} == {"deep-synthesis-2022", "algorithm-recommendation-2021", "csl-2016"}
    for i in own:
        assert (project_root() / i.translation_en).is_file()


def _write(tmp_path, text):
    p = tmp_path / "sources.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_bad_manifest_names_file_and_entry(tmp_path):
    p = _write(tmp_path, '[[instrument]]\nid = "x"\njurisdiction = "US"\n')
    with pytest.raises(ManifestError) as exc:
        load_manifest(p)
    assert str(p) in str(exc.value) and "instrument #1 (x)" in str(exc.value)


def test_invalid_toml_is_a_manifest_error(tmp_path):
    p = _write(tmp_path, "[[instrument]\n")
    with pytest.raises(ManifestError, match="not valid TOML"):
        load_manifest(p)


def test_short_hash_is_rejected(tmp_path):
    p = _write(
        tmp_path,
        """
[[instrument]]
id = "x"
jurisdiction = "CN"
kind = "law"
status = "in force"
iri_path = "cn/x/2020"
work = "x"
official_url = "https://example.org"
[[instrument.file]]
name = "zh.md"
mirror = "x/zh.md"
url = "https://example.org/zh.md"
sha256 = "abc"
format = "markdown"
lang = "zh"
role = "primary"
""",
    )
    with pytest.raises(ManifestError, match="sha256 must be 64"):
        load_manifest(p)
