"""The quality gate: per-metric floors over the hand-annotated gold set.

Rules and annotation guidelines: tests/gold/README.md. The pipeline runs once for all
metrics (module-scoped fixture); the matcher itself is unit-tested on hand-built Reports.
"""

from __future__ import annotations

import json
import shutil

import pytest

import quality_gate as qg

BASELINE = json.loads(qg.BASELINE.read_text(encoding="utf-8"))
FLOORS: dict[str, float] = BASELINE["floors"]


# --------------------------------------------------------------------------- the gold set itself

def test_gold_set_is_sound():
    articles = qg.load_gold()
    assert len(articles) >= 8
    assert qg.validate_gold(articles) == []


def test_fingerprint_covers_gold_files_and_floors():
    assert qg.fingerprint(FLOORS) == BASELINE["gold_sha256"], (
        "tests/gold changed (an article, an annotation or a floor) without re-measuring: run "
        "`python tests/quality_gate.py --write-baseline` and commit tests/gold/baseline.json")


def test_lowering_a_floor_changes_the_fingerprint(tmp_path):
    gold = tmp_path / "gold"
    shutil.copytree(qg.GOLD_DIR, gold)
    lowered = {k: round(v - 0.05, 2) for k, v in FLOORS.items()}
    assert qg.fingerprint(FLOORS, gold) == BASELINE["gold_sha256"]
    assert qg.fingerprint(lowered, gold) != BASELINE["gold_sha256"]
    (gold / "g01-nairobi-finance-bill.txt").write_text("edited", encoding="utf-8")
    assert qg.fingerprint(FLOORS, gold) != BASELINE["gold_sha256"]


def test_floors_are_real_and_below_the_measurement():
    measured = BASELINE["measured"]["scores"]
    assert FLOORS, "a gate without floors guards nothing"
    for metric, floor in FLOORS.items():
        assert 0 < floor <= 1, metric
        assert floor <= qg.metric_value(measured, metric), metric
    for field in qg.FIELDS:
        assert f"{field}.f1" in FLOORS or qg.metric_value(measured, f"{field}.f1") == 0, field


# --------------------------------------------------------------------------- the matcher

def test_names_match_rules():
    assert qg.names_match(["President Kairat Serikbayev"], ["Kairat Serikbayev"])
    assert qg.names_match(["the Interior Ministry's"], ["Interior Ministry"])
    assert qg.names_match(["@SamOtienoKE"], ["Samuel Otieno", "@SamOtienoKE"])
    assert qg.names_match(["the police spokeswoman, Grace Wanjiru,"], ["Grace Wanjiru"])
    assert not qg.names_match(["She"], ["Grace Wanjiru"])
    assert not qg.names_match(["Iraqi"], ["Iraqi security officials"])
    assert not qg.names_match(["Interior Ministry"], ["Defence Ministry"])
    assert not qg.names_match([], ["police"])


def test_locate_requires_a_unique_span():
    text = "Police said 5 were killed. Officials said 7 were hurt."
    span = qg.locate(text, {"text": "said", "in": "Officials said"})
    assert text[span.start:span.end] == "said" and span.start == text.index("Officials said") + 10
    with pytest.raises(qg.GoldError, match="occurs 2 times"):
        qg.locate(text, "said")
    with pytest.raises(qg.GoldError, match="occurs 0 times"):
        qg.locate(text, "arrested")


def test_floor_rounding():
    assert qg.floor_for(0.6789) == 0.65
    assert qg.floor_for(0.70) == 0.65
    assert qg.floor_for(1.0) == 0.95
    assert qg.floor_for(0.049) == 0.0


def _hand_report():
    """A Report built by hand (no model): one statement, one event, one quantity, one place, one date."""
    from reportedly.records import Article, DateValue, Event, Place, Quantity, Report, Source, Span, Statement

    text = "At least 12 people were killed in Maiduguri on Tuesday, the health ministry said."
    s = lambda sub: Span(text=sub, start=text.index(sub), end=text.index(sub) + len(sub))  # noqa: E731
    src = Source(id="src_1", name="the health ministry", kind="government")
    return Report(
        article=Article(id="a", text=text, published="2023-03-14"),
        sources=[src],
        statements=[Statement(id="st_1", source="src_1", kind="indirect", cue=s("said"),
                              content=s("At least 12 people were killed in Maiduguri on Tuesday"))],
        events=[Event(id="ev_1", type="ASSAULT", trigger=s("killed"), modality="asserted",
                      place=Place(**s("Maiduguri").model_dump(), name="Maiduguri", country="NG"),
                      date=DateValue(**s("Tuesday").model_dump(), earliest="2023-03-14",
                                     latest="2023-03-14", precision="day"))],
        quantities=[Quantity(**s("At least 12").model_dump(), id="q_1", kind="killed", low=12, high=None,
                             qualifier="at_least")],
        places=[Place(**s("Maiduguri").model_dump(), name="Maiduguri", country="NG")],
        dates=[DateValue(**s("Tuesday").model_dump(), earliest="2023-03-14", latest="2023-03-14",
                         precision="day")],
    )


def _gold_for(report, annotation):
    return qg.GoldArticle(name="hand", txt=qg.GOLD_DIR / "hand.txt", annotation=annotation,
                          body=report.article.text)


GOLD_HAND = {
    "statements": [{"source": "Health Ministry", "aliases": [], "source_kind": "government", "kind": "indirect",
                    "cue": "said", "content": "At least 12 people were killed", "via": [], "channel": None,
                    "hedges": []}],
    "events": [{"type": "ASSAULT", "trigger": "were killed", "modality": "asserted",
                "place": {"name": "Maiduguri", "country": "NG"},
                "date": {"earliest": "2023-03-14", "latest": "2023-03-14"}}],
    "quantities": [{"kind": "killed", "low": 12, "high": None, "qualifier": "at_least", "text": "At least 12"}],
    "places": [{"text": "Maiduguri", "name": "Maiduguri", "country": "NG"}],
    "dates": [{"text": "Tuesday", "earliest": "2023-03-14", "latest": "2023-03-14", "precision": "day"}],
}


def test_scoring_a_perfect_report():
    report = _hand_report()
    result = qg.evaluate([_gold_for(report, GOLD_HAND)], [report])["scores"]
    for field in qg.FIELDS:
        assert result[field]["f1"] == 1.0, field
    assert result["statements.source_kind"]["acc"] == 1.0
    assert result["events.date"]["acc"] == 1.0 and result["events.place"]["acc"] == 1.0
    assert result["dates.interval"]["acc"] == 1.0


def test_scoring_catches_wrong_values():
    report = _hand_report()
    gold = json.loads(json.dumps(GOLD_HAND))
    gold["quantities"][0]["low"] = 13                  # bounds differ: no match
    gold["statements"][0]["source"] = "police"         # another speaker: no match
    gold["events"][0]["modality"] = "negated"          # matched, attribute wrong
    gold["dates"][0]["earliest"] = "2023-03-13"        # matched, interval wrong
    gold["places"].append({"text": "Tuesday", "name": "Tuesday", "country": "NG"})  # a miss
    result = qg.evaluate([_gold_for(report, gold)], [report])["scores"]
    assert result["quantities"]["tp"] == 0 and result["statements"]["tp"] == 0
    assert result["events"]["f1"] == 1.0 and result["events.modality"]["acc"] == 0.0
    assert result["dates.interval"]["acc"] == 0.0
    assert result["places"]["r"] == 0.5 and result["places"]["p"] == 1.0


def test_optional_gold_items_are_not_scored():
    report = _hand_report()
    gold = json.loads(json.dumps(GOLD_HAND))
    gold["statements"][0]["optional"] = True           # matched: the prediction is not spurious
    gold["places"].append({"text": "Tuesday", "name": "Tuesday", "country": "NG", "optional": True})  # unmatched: no miss
    result = qg.evaluate([_gold_for(report, gold)], [report])["scores"]
    assert result["statements"]["gold"] == 0 and result["statements"]["pred"] == 0
    assert result["places"]["f1"] == 1.0 and result["places"]["gold"] == 1


def test_content_overlap_must_cover_half_of_each_span():
    report = _hand_report()
    gold = json.loads(json.dumps(GOLD_HAND))
    gold["statements"][0]["content"] = "At least 12"   # under half of the predicted content
    result = qg.evaluate([_gold_for(report, gold)], [report])["scores"]
    assert result["statements"]["tp"] == 0


def test_write_baseline_refuses_to_lower_a_floor(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"floors": {"events.f1": 0.9}}), encoding="utf-8")
    scores = {"scores": qg.summarise({}), "n_articles": 0}
    scores["scores"]["events"]["f1"] = 0.5
    with pytest.raises(SystemExit, match="under its floor"):
        qg.write_baseline(scores, path=path)
    written = qg.write_baseline(scores, path=path, allow_lower=True)
    assert written["floors"] == {"events.f1": 0.45}


# --------------------------------------------------------------------------- the gate

@pytest.fixture(scope="module")
def gate_scores(extractor):
    """One pipeline pass over the gold set, shared by every floor."""
    articles = qg.load_gold()
    return qg.evaluate(articles, qg.run_extractor(articles, extractor))["scores"]


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(gate_scores, metric):
    value = qg.metric_value(gate_scores, metric)
    assert value >= FLOORS[metric], (
        f"{metric} = {value:.4f} fell under its floor {FLOORS[metric]} on the gold set; "
        f"see `python tests/quality_gate.py --per-article` for where")
