"""The PolNeAR evaluator: brat loading, trimming, the metric, and a run on the shared dev split."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.errors import UsageError
from reportedly.eval import polnear

# Invented article and annotation (not PolNeAR text).
TEXT = "“The bridge is closed,” the mayor said.\n\nPolice, he added, had sealed the road."


def _write_split(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "demo_2016-01-01_bridge.txt").write_text(TEXT, encoding="utf-8")
    content2_a, content2_b = TEXT.index("Police"), TEXT.index("had sealed")
    ann = "\n".join([
        f"T1\tContent 0 23\t“The bridge is closed,”",  # quotes and comma are trimmed away
        f"T2\tSource 24 33\tthe mayor",
        f"T3\tCue 34 38\tsaid",
        f"T4\tContent {content2_a} {content2_a + 6};{content2_b} {len(TEXT) - 1}\tPolice had sealed the road",
        f"T5\tSource {TEXT.index('he added')} {TEXT.index('he added') + 2}\the",
        f"T6\tCue {TEXT.index('added')} {TEXT.index('added') + 5}\tadded",
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2",
    ])
    # Two annotators: the first by sorted name is used; the second would add nothing.
    (root / "attributions" / "demo_2016-01-01_bridge_aaaa.ann").write_text(ann, encoding="utf-8")
    (root / "attributions" / "demo_2016-01-01_bridge_zzzz.ann").write_text("", encoding="utf-8")
    return root


def test_trim_strips_quotes_punctuation_space():
    assert polnear.trim(TEXT, 0, 23) == (1, 21)
    assert TEXT[1:21] == "The bridge is closed"


def test_load_first_annotator_and_outer_extent(tmp_path):
    articles = polnear.load(_write_split(tmp_path))
    assert len(articles) == 1
    art = articles[0]
    assert {TEXT[s:e] for s, e in art.spans["cue"]} == {"said", "added"}
    # the discontinuous content counts as its outer extent, trimmed of the final period
    assert "Police, he added, had sealed the road" in {TEXT[s:e] for s, e in art.spans["content"]}
    assert art.relations and art.relations[0]["source"] == (24, 33)


def test_load_rejects_a_folder_in_another_format(tmp_path):
    with pytest.raises(UsageError, match="PolNeAR"):
        polnear.load(tmp_path)


def test_score_exact_and_overlap():
    gold = {"source": {(0, 5)}, "cue": {(6, 10)}, "content": {(11, 40), (50, 60)}}
    pred = {"source": {(0, 5)}, "cue": {(6, 9)}, "content": {(11, 40), (52, 58), (70, 80)}}
    r = polnear.score([(gold, pred)])
    assert r["source"]["f1"] == 1.0
    assert r["cue"]["p"] == 0.0 and r["cue"]["r"] == 0.0
    assert r["content"]["p"] == pytest.approx(1 / 3, abs=1e-3) and r["content"]["r"] == 0.5
    assert r["overlap"]["p"] == pytest.approx(2 / 3, abs=1e-3) and r["overlap"]["r"] == 1.0
    assert r["n"] == 1


def test_evaluate_on_an_invented_split(tmp_path):
    r = polnear.evaluate(_write_split(tmp_path))
    assert set(r) >= {"source", "cue", "content", "overlap", "n"}
    assert r["cue"]["correct"] >= 1  # "said" at least


def test_nested_statements_are_not_scored():
    sts = [
        {"source_span": None, "cue": {"start": 0, "end": 4}, "content": {"start": 5, "end": 30}, "nested": False},
        {"source_span": None, "cue": {"start": 10, "end": 14}, "content": {"start": 15, "end": 30}, "nested": True},
    ]
    pred = polnear.predicted_spans("x" * 40, sts)
    assert pred["cue"] == {(0, 4)}


def test_dev_split_floors(shared_data):
    """A few dev articles: guards against regressions, far below the full-split figures."""
    dev = shared_data / "polnear" / "dev"
    if not dev.is_dir():
        pytest.skip("polnear/dev is absent")
    r = polnear.evaluate(dev, limit=6)
    assert r["n"] == 6
    assert r["source"]["f1"] >= 0.5
    assert r["cue"]["f1"] >= 0.5
    assert r["overlap"]["f1"] >= 0.6
