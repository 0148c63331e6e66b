"""The actor crosswalk: every role of the vocabulary mapped, with a note; targets exist in their vocabularies."""

from __future__ import annotations

import pytest

from regkg.compare.crosswalk import Crosswalk, load_crosswalk, role_iri, vocabulary_role_ids, vocabulary_term
from regkg.compare.data import CompareDataError


def test_every_role_of_the_vocabulary_has_a_noted_mapping():
    cw = load_crosswalk()
    roles = vocabulary_role_ids()
    assert roles, "the role vocabulary (src/regkg/data/roles.yaml) could not be loaded"
    missing = sorted(set(roles) - set(cw.roles))
    assert not missing, f"roles without a crosswalk entry in corpus/crosswalk.yaml: {missing}"
    for m in cw.mappings:
        assert len(m.note) >= 40, (m.role, m.target, "a note says why the mapping holds")


def test_canonical_mappings_and_directions():
    cw = load_crosswalk()
    rel = {(m.role, m.target): m.relation for m in cw.mappings}
    assert rel[("eu:user", "eu:deployer")] in ("exactMatch", "closeMatch")
    assert rel[("cn:personal-information-processor", "dpv:DataController")] == "closeMatch"
    assert rel[("cn:entrusted-party", "dpv:DataProcessor")] == "closeMatch"
    # the genai provider is a kind of AI service provider: the target is broader
    assert rel[("cn:genai-service-provider", "xj:ai-service-provider")] == "broadMatch"
    assert "xj:ai-service-provider" in cw.xj_roles("eu:provider")
    assert "xj:ai-deployer-or-user" in cw.xj_roles("eu:user")
    assert "xj:data-controller" in cw.xj_roles("cn:important-data-processor")  # through cn:data-processor


def test_external_targets_exist_in_their_vocabulary():
    cw = load_crosswalk()
    for m in cw.mappings:
        if not m.target.startswith(("xj:", "cn:", "eu:")):
            assert str(vocabulary_term(m.target)).startswith("https://w3id.org/"), m.target


def test_unknown_vocabulary_term_is_an_error(tmp_path):
    data = {
        "targets": [{"id": "xj:a", "label": {"zh": "甲", "en": "a"}}],
        "mappings": [
            {
                "role": "cn:x",
                "matches": [{"target": "dpv:NoSuchClass", "relation": "closeMatch", "note": "n"}],
            }
        ],
    }
    with pytest.raises(CompareDataError, match="not a term of that vocabulary"):
        Crosswalk.from_data(data, tmp_path / "crosswalk.yaml", roles=None)
    data["mappings"][0]["matches"][0] = {"target": "xj:a", "relation": "sameAs", "note": "n"}
    with pytest.raises(CompareDataError, match="relation must be one of"):
        Crosswalk.from_data(data, tmp_path / "crosswalk.yaml", roles=None)


def test_role_iris_are_the_vocabularys():
    assert (
        str(role_iri("cn:genai-service-provider")) == "https://w3id.org/regkg/role/cn/genai-service-provider"
    )
    assert str(role_iri("xj:ai-service-provider")) == "https://w3id.org/regkg/role/xj/ai-service-provider"
