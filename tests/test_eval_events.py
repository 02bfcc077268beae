"""The ipe, case2021 and plover-gsr evaluators: formats, label rules, and real-data smoke runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportedly.errors import UsageError
from reportedly.eval import case2021, ipe, plover_gsr

TESTS = Path(__file__).resolve().parent


def test_ipe_repair_keeps_sentence_offsets():
    sents = ["police fired at the mob\u00e2\u20ac\u009d.", " 12 were arrested."]
    text, spans = ipe.repair("".join(sents), sents)
    assert "\u00e2" not in text
    assert text[spans[1][0]:spans[1][1]] == " 12 were arrested."
    assert spans[0][0] == 0


def _event(typ, mode, sector, modality="asserted", trigger="fired", start=0):
    actors = [{"role": "source", "start": 0, "end": 6, "text": "police", "name": "police",
               "sector": sector, "country": None}] if sector else []
    span = {"start": start, "end": start + len(trigger), "text": trigger}
    return {"type": typ, "mode": mode, "actors": actors, "modality": modality, "trigger": span,
            "mentions": [span], "quantities": []}


def test_ipe_labels_from_events():
    sentence = "police fired and killed two rioters."
    kill = _event("ASSAULT", "firearms", "police", trigger="killed", start=17)
    assert ipe.labels_for([kill], [], sentence, 0, len(sentence)) == {"KILL", "FORCE", "ANY_ACTION"}
    arrest = _event("COERCE", "arrest", None, trigger="arrested", start=3)
    assert ipe.labels_for([arrest], [], "12 arrested.", 0, 12) == {"ARREST", "ANY_ACTION"}
    inaction = _event("MOBILIZE", "police", "police", modality="negated", trigger="stood by", start=7)
    assert ipe.labels_for([inaction], [], "police stood by.", 0, 16) == {"FAIL"}
    rebels = _event("ASSAULT", "firearms", "rebels")
    assert ipe.labels_for([rebels], [], "rebels fired.", 0, 13) == set()
    outside = _event("ASSAULT", "firearms", "police", start=40)
    assert ipe.labels_for([outside], [], "police fired.", 0, 13) == set()


def test_case2021_reads_header_tsv_and_sample_folder(tmp_path):
    tsv = tmp_path / "snips.tsv"
    tsv.write_text("id\tEventSnippet\tSubType\n1\tPolice arrested a man in Lusaka.\tARREST\n", encoding="utf-8")
    assert case2021.load(tsv) == [{"id": "1", "text": "Police arrested a man in Lusaka.", "gold": "ARREST"}]
    folder = tmp_path / "sample"
    folder.mkdir()
    (folder / "sample_input.txt").write_text("7\tRebels shelled a town in Donetsk.\n", encoding="utf-8")
    (folder / "sample_output.txt").write_text("7\tART_MISS_ATTACK\n", encoding="utf-8")
    assert case2021.load(folder)[0]["gold"] == "ART_MISS_ATTACK"
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\ttext\n1\tx\n", encoding="utf-8")
    with pytest.raises(UsageError, match="SubType"):
        case2021.load(bad)


def test_case2021_on_invented_snippets_floor():
    """Regression floor on our own invented snippets (not the held-out test set)."""
    result = case2021.evaluate(TESTS / "case2021_snippets.tsv")
    assert set(result) >= {"weighted_f1", "macro_f1", "micro_f1", "n"}
    assert result["n"] == 80
    assert result["weighted_f1"] >= 0.9


def test_plover_05_names_map_to_todays_types():
    assert [plover_gsr.gold_type(t) for t in ("DEMAND", "FIGHT", "DISAPPROVE", "INVESTIGATE", "AGREE")] == \
        ["REQUEST", "ASSAULT", "ACCUSE", "ACCUSE", "AGREE"]


def test_plover_count_match():
    q = [{"text": "at least 156", "low": 156.0, "high": None}, {"text": "Tens of thousands", "low": 20000.0,
                                                                "high": 90000.0}]
    assert plover_gsr._count_match("156", q)
    assert plover_gsr._count_match("Tens of thousands", q)
    assert not plover_gsr._count_match("12", q)


def test_plover_gsr_reads_a_small_invented_file(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([
        {"id": "doc", "event": "DOCUMENT"},
        {"id": "x1", "event": "FIGHT", "date": "2001-05-02", "text": "Rebels shelled the town of Goma on Tuesday.",
         "source": [{"actorText": "Rebels"}], "target": [{"actorText": "Goma"}]},
        {"id": "x2", "event": "DEMAND", "date": "2001-05-02",
         "text": "The opposition demanded the release of political prisoners.",
         "source": [{"actorText": "opposition"}], "target": ""},
    ]), encoding="utf-8")
    result = plover_gsr.evaluate(path)
    assert result["n"] == 2
    assert result["event_accuracy"] == 1.0
    assert result["source_accuracy"] == 1.0


def test_ipe_on_shared_dev_subset(shared_data):
    result = ipe.evaluate(shared_data / "indiapoliceevents" / "dev", limit=15)
    assert set(result) >= {"KILL", "ARREST", "FORCE", "FAIL", "ANY_ACTION", "macro_f1", "n"}
    assert result["n"] > 100
    assert result["ANY_ACTION"]["f1"] > 0.3


def test_case2021_shared_samples(shared_data):
    result = case2021.evaluate(shared_data / "case2021_task2" / "sample_data")
    assert result["n"] == 5
    assert result["weighted_f1"] >= 0.6


def test_plover_gsr_shared_subset(shared_data):
    result = plover_gsr.evaluate(shared_data / "plover_cameo" / "plover_gsr" / "PLOVER_GSR_CAMEO.json", limit=60)
    assert result["n"] == 60
    assert result["event_accuracy"] >= 0.5
