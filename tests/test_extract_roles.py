"""The role vocabulary (src/regkg/data/roles.yaml), `regkg roles`, and role mentions."""

from __future__ import annotations

import json

import pytest
from extract_helpers import article, facts

from regkg.cli import main
from regkg.extract.roles import RoleError, load_roles, parse_vocabulary, role_iri

CANONICAL = [
    "cn:genai-service-provider",
    "cn:genai-service-user",
    "cn:deep-synthesis-service-provider",
    "cn:technical-support-provider",
    "cn:deep-synthesis-service-user",
    "cn:algorithmic-recommendation-service-provider",
    "cn:user",
    "cn:personal-information-processor",
    "cn:entrusted-party",
    "cn:individual",
    "cn:network-operator",
    "cn:cii-operator",
    "cn:network-product-service-provider",
    "cn:data-processor",
    "cn:any-organisation-or-individual",
    "cn:industry-organisation",
    "cn:app-distribution-platform",
    "cn:national-cyberspace-administration",
    "cn:cyberspace-administration",
    "cn:telecom-authority",
    "cn:public-security-authority",
    "cn:market-regulation-authority",
    "cn:relevant-authorities",
    "cn:pi-protection-authority",
    "cn:state-council",
    "cn:national-data-security-coordination",
    "cn:state",
    "eu:provider",
    "eu:user",
    "eu:deployer",
    "eu:importer",
    "eu:distributor",
    "eu:authorised-representative",
    "eu:product-manufacturer",
    "eu:operator",
    "eu:affected-person",
    "eu:downstream-provider",
    "eu:notified-body",
    "eu:notifying-authority",
    "eu:national-competent-authority",
    "eu:market-surveillance-authority",
    "eu:national-supervisory-authority",
    "eu:board",
    "eu:commission",
    "eu:ai-office",
    "eu:member-states",
    "eu:edps",
    "eu:scientific-panel",
]


def test_vocabulary_has_the_canonical_ids():
    ids = {r.id for r in load_roles().roles}
    assert set(CANONICAL) <= ids
    for r in load_roles().roles:
        assert r.labels["zh"] and r.labels["en"]
        assert r.kind in ("role", "authority")


def test_glossary_labels_are_reused():
    from regkg.glossary import default_glossary

    g = default_glossary()
    for r in load_roles().roles:
        if r.jurisdiction == "CN" and (term := g.lookup(r.labels["zh"])):
            assert term.category in ("role", "authority"), r.id


def test_role_iri():
    assert role_iri("cn:genai-service-provider") == "https://w3id.org/regkg/role/cn/genai-service-provider"
    with pytest.raises(RoleError):
        role_iri("provider")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {
                "id": "xx:foo",
                "kind": "role",
                "jurisdiction": "CN",
                "labels": {"zh": "甲", "en": "a"},
                "forms": {"zh": ["甲"]},
            },
            "id must look like",
        ),
        (
            {
                "id": "cn:foo",
                "kind": "body",
                "jurisdiction": "CN",
                "labels": {"zh": "甲", "en": "a"},
                "forms": {"zh": ["甲"]},
            },
            "kind must be",
        ),
        (
            {
                "id": "cn:foo",
                "kind": "role",
                "jurisdiction": "EU",
                "labels": {"zh": "甲", "en": "a"},
                "forms": {"zh": ["甲"]},
            },
            "jurisdiction",
        ),
        (
            {
                "id": "cn:foo",
                "kind": "role",
                "jurisdiction": "CN",
                "labels": {"zh": "甲"},
                "forms": {"zh": ["甲"]},
            },
            "labels needs",
        ),
        (
            {
                "id": "cn:foo",
                "kind": "role",
                "jurisdiction": "CN",
                "labels": {"zh": "甲", "en": "a"},
                "forms": {"zh": [{"form": "甲", "bad": 1}]},
            },
            "unknown key",
        ),
    ],
)
def test_malformed_vocabulary_names_the_entry(entry, message):
    with pytest.raises(RoleError, match=message) as err:
        parse_vocabulary({"roles": [entry]}, "roles.yaml")
    assert "roles.yaml: roles entry #1" in str(err.value)


def test_roles_cli_json(capsys):
    assert main(["roles", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    ids = [r["id"] for r in out]
    assert set(CANONICAL) <= set(ids)
    provider = next(r for r in out if r["id"] == "cn:genai-service-provider")
    assert "提供者" in provider["forms"]["zh"]
    assert provider["labels"]["zh"] == "生成式人工智能服务提供者"
    assert "airo:AIProvider" in provider["match"]["closeMatch"]


def test_roles_cli_instrument_filter(capsys):
    assert main(["roles", "--json", "--instrument", "deep-synthesis-2022"]) == 0
    ids = {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert "cn:technical-support-provider" in ids
    assert "eu:provider" not in ids and "cn:genai-service-provider" not in ids


def test_roles_cli_table_and_unknown_instrument(capsys):
    assert main(["roles"]) == 0
    out = capsys.readouterr().out
    assert "cn:personal-information-processor" in out and "个人信息处理者" in out
    assert main(["roles", "--instrument", "no-such-law"]) == 2


def test_mentions_longest_match_and_scope():
    ex = facts(
        "deep-synthesis-2022", article("深度合成服务提供者和技术支持者应当配合网信部门和公安机关的检查。")
    )
    found = [(m.role, m.evidence.text) for m in ex.actors]
    assert found == [
        ("cn:deep-synthesis-service-provider", "深度合成服务提供者"),
        ("cn:technical-support-provider", "技术支持者"),
        ("cn:cyberspace-administration", "网信部门"),
        ("cn:public-security-authority", "公安机关"),
    ]


def test_mentions_context_rules():
    # 个人信息 is not the individual; 国家 is the state only when it acts
    ex = facts("pipl-2021", article("个人有权查阅其个人信息。", "国家支持研究，国家标准另行制定。"))
    assert [m.role for m in ex.actors] == ["cn:individual", "cn:state"]


def test_english_plural_and_case():
    ex = facts(
        "eu-ai-act-proposal-2021",
        article(
            "Notified bodies shall inform the Board and the Commission. The board of a company is not the Board.",
            lang="en",
        ),
        jurisdiction="EU",
    )
    assert [m.role for m in ex.actors] == ["eu:notified-body", "eu:board", "eu:commission", "eu:board"]
