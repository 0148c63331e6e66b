"""Provision alignment: scores and types on invented data; reviewed pairs win over computed ones on the corpus."""

from __future__ import annotations

import pytest

from regkg.compare.alignment import (
    AlignmentData,
    ReviewedPair,
    Settings,
    classify,
    compute_alignments,
    parse_alignment_data,
)
from regkg.compare.data import CompareDataError
from regkg.compare.topics import assign_topics
from regkg.sources import default_manifest


def test_classify_needs_close_texts_for_equivalent():
    s = Settings()
    assert classify(0.9, s, similarity=0.6) == "equivalent"
    assert classify(0.9, s, similarity=0.2) == "similar"
    assert classify(0.65, s) == "similar"
    assert classify(0.5, s) == "related"
    assert classify(0.2, s) is None


def test_reviewed_pairs_are_checked(tmp_path):
    ok = {
        "pairs": [
            {
                "a": "x-1/art_1",
                "b": "y-2/art_2__para_1",
                "status": "confirmed",
                "type": "similar",
                "note": "n",
            }
        ]
    }
    assert parse_alignment_data(ok).pairs[0].b == ("y-2", "art_2__para_1")
    for bad, message in (
        ({"a": "x-1/art_1", "b": "y-2/art_2", "status": "maybe", "note": "n"}, "status"),
        ({"a": "x-1/art_1", "b": "y-2/art_2", "status": "confirmed", "note": "n"}, "needs a type"),
        (
            {"a": "x-1 art_1", "b": "y-2/art_2", "status": "rejected", "note": "n"},
            "instrument-id/provision-path",
        ),
    ):
        with pytest.raises(CompareDataError, match=message):
            parse_alignment_data({"pairs": [bad]}, tmp_path / "alignments.yaml")


@pytest.fixture(scope="module")
def setting(parsed):
    manifest = default_manifest()
    instruments = [r.instrument for r in parsed.values()]
    topics = assign_topics(instruments)
    works = {e.id: e.work for e in manifest.instruments}
    titles = {e.id: e.title_zh or "" for e in manifest.instruments}
    return instruments, topics, works, titles


@pytest.mark.corpus
def test_computed_pairs_without_review(setting):
    instruments, topics, works, titles = setting
    computed = compute_alignments(
        instruments, topics, works, data=AlignmentData(Settings(), ()), titles=titles
    )
    assert all(al.status == "computed" for al in computed)
    keys = {(al.a, al.b) for al in computed}
    assert len(keys) == len(computed)
    # versions of one work are never paired, amendment decisions never aligned
    for al in computed:
        assert works[al.a[0]] != works[al.b[0]]
        assert "csl-amendment-2025" not in (al.a[0], al.b[0])
    # the labelling rules of the generative AI measures point to the deep synthesis labelling article
    pair = next(
        al
        for al in computed
        if al.a == ("genai-measures-2023", "chp_3__art_12")
        and al.b == ("deep-synthesis-2022", "chp_3__art_16")
    )
    assert "labelling" in pair.topics and pair.reference and pair.type in ("similar", "equivalent")
    assert pair.similarity is not None and 0 < pair.similarity <= 1


@pytest.mark.corpus
def test_reviewed_pairs_override_computed_ones(setting):
    instruments, topics, works, titles = setting
    base = compute_alignments(instruments, topics, works, data=AlignmentData(Settings(), ()), titles=titles)
    a = ("genai-measures-2023", "chp_2__art_7")
    b = ("eu-ai-act-proposal-2021", "title_I__art_3")
    computed = next((al for al in base if (al.a, al.b) == (a, b)), None)
    assert computed is not None and computed.status == "computed", (
        "the pair the seed data rejects should be computed"
    )
    review = AlignmentData(
        Settings(),
        (
            ReviewedPair(
                ("genai-measures-2023", "art_7"),
                ("eu-ai-act-proposal-2021", "art_3"),
                "rejected",
                None,
                ("training-data",),
                "not a duty",
            ),
            ReviewedPair(
                ("deep-synthesis-2022", "art_17"),
                ("eu-ai-act-proposal-2021", "art_52__para_3"),
                "confirmed",
                "equivalent",
                ("labelling",),
                "deep fakes",
            ),
        ),
    )
    merged = compute_alignments(instruments, topics, works, data=review, titles=titles)
    rejected = next(al for al in merged if (al.a, al.b) == (a, b))
    assert (
        rejected.status == "rejected" and rejected.score == computed.score
    )  # evidence kept, status replaced
    confirmed = [al for al in merged if al.b == ("eu-ai-act-proposal-2021", "title_IV__art_52__para_3")]
    assert len(confirmed) == 1 and confirmed[0].status == "confirmed" and confirmed[0].type == "equivalent"
    # the computed article-level pair of the same two articles is replaced, not kept beside it
    assert not [
        al
        for al in merged
        if al.a == ("deep-synthesis-2022", "chp_3__art_17")
        and al.b == ("eu-ai-act-proposal-2021", "title_IV__art_52")
    ]
    assert len(merged) == len(base)  # one replaced, one replaced: same count


@pytest.mark.corpus
def test_reviewed_pair_naming_a_missing_provision_is_an_error(setting):
    instruments, topics, works, titles = setting
    review = AlignmentData(
        Settings(),
        (ReviewedPair(("pipl-2021", "art_999"), ("eu-ai-act-2024", "art_1"), "rejected", None, (), "x"),),
    )
    with pytest.raises(CompareDataError, match="no provision art_999"):
        compute_alignments(instruments, topics, works, data=review, titles=titles)


@pytest.mark.corpus
def test_seed_data_is_in_the_alignments(setting):
    instruments, topics, works, titles = setting
    out = compute_alignments(instruments, topics, works, titles=titles)
    reviewed = [al for al in out if al.status != "computed"]
    assert {al.status for al in reviewed} == {"confirmed", "rejected"}
    assert all(al.note for al in reviewed)
    assert any(
        al.a[0] == "genai-measures-2023" and al.a[1].endswith("art_12") and al.b[1].endswith("art_52")
        for al in reviewed
    )
