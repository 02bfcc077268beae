"""`reportedly train attribution` end to end on a tiny invented PolNeAR-format split, and the
statement filter's contract. (The shipped weights come from PolNeAR train: docs/attribution.md.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportedly.errors import ModelError
from reportedly.nlp.attribution_filter import StatementModel, load_filter

# Invented sentences (not PolNeAR text): one annotated attribution each, plus verbs that are not cues.
SENTENCES = [
    ("The mayor said that the bridge would reopen on Monday.", "The mayor", "said", "that the bridge would reopen on Monday"),
    ("Police officials told reporters the road was sealed after the flood.", "Police officials", "told reporters", "the road was sealed after the flood"),
    ("The governor claimed the budget had been balanced for years.", "The governor", "claimed", "the budget had been balanced for years"),
    ("Union leaders warned on Friday that a strike would begin next week.", "Union leaders", "warned", "that a strike would begin next week"),
    ("The minister insisted the election had been fair, and voters queued.", "The minister", "insisted", "the election had been fair"),
    ("Critics argued that the new law went too far.", "Critics", "argued", "that the new law went too far"),
]
# Not annotated: verbs the cue scorer may propose, so the filter sees statements to reject.
FILLER = ("The council met in the town hall. Residents hoped the river would not rise again. "
          "Workers repaired the road, and engineers expected the bridge to hold. "
          "A neighbour called the fire brigade. ")


def _write_split(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for k in range(10):
        sent, src, cue, content = SENTENCES[k % len(SENTENCES)]
        text = FILLER + sent + " " + FILLER
        ann = []
        for n, (label, span) in enumerate((("Source", src), ("Cue", cue), ("Content", content)), 1):
            start = text.index(span, len(FILLER))
            ann.append(f"T{n}\t{label} {start} {start + len(span)}\t{span}")
        ann.append("E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3")
        (root / "text" / f"demo_{k:02d}.txt").write_text(text, encoding="utf-8")
        (root / "attributions" / f"demo_{k:02d}_aaaa.ann").write_text("\n".join(ann), encoding="utf-8")
    return root


@pytest.mark.slow
def test_train_writes_both_models_and_the_component_uses_them(tmp_path):
    from reportedly.nlp import load_spacy
    from reportedly.train.attribution import train

    summary = train(_write_split(tmp_path / "split"), tmp_path / "model", seed=0)
    assert summary["positives"] >= 10 and summary["statements"] > 0
    cues = json.loads((tmp_path / "model" / "cues.json").read_text())
    statements = json.loads((tmp_path / "model" / "statements.json").read_text())
    assert cues["format"] == "reportedly-cues/1" and cues["weights"]["l=say"] > 0
    assert statements["format"] == "reportedly-statements/1"
    assert 0.2 <= statements["threshold"] <= 0.8 and statements["candidate_threshold"] < 0.5
    # the cue-extent decision learns from the window words: "told | reporters" is one gold cue,
    # "warned | on Friday" leaves the time out
    assert summary["extent_examples"] > summary["extent_positives"] > 0
    assert statements["extent_weights"]
    # Deterministic: a second run writes the same bytes.
    train(_write_split(tmp_path / "split2"), tmp_path / "model2", seed=0)
    assert (tmp_path / "model2" / "statements.json").read_bytes() == (tmp_path / "model" / "statements.json").read_bytes()

    nlp = load_spacy()
    nlp.add_pipe("reportedly_attribution", config={"model_path": str(tmp_path / "model" / "cues.json"),
                                                   "filter_path": str(tmp_path / "model" / "statements.json")})
    doc = nlp("The mayor said that the bridge would reopen on Monday.")
    assert [s["cue"]["text"] for s in doc._.rp_statements] == ["said"]


def test_filter_threshold_and_end_model():
    model = StatementModel({"bias": -1.0, "l=say": 3.0}, threshold=0.5, end_weights={"bias": 2.0})
    assert model.prob(["bias", "l=say"]) > 0.5 > model.prob(["bias", "l=win"])
    assert model.runs_to_sentence_end(["bias"])
    assert not StatementModel({"bias": 0.0}).runs_to_sentence_end(["bias"])  # no end model shipped


def test_a_missing_filter_file_names_the_fix(tmp_path):
    with pytest.raises(ModelError, match="reportedly train attribution"):
        load_filter(str(tmp_path / "nope.json"))


def test_shipped_filter_loads():
    model = load_filter()
    assert model is not None and model.weights and model.end_weights
    assert 0 < model.candidate_threshold < model.threshold < 1


def test_content_start_decision_moves_an_object_content(tmp_path):
    """The start model decides between PolNeAR's two conventions for object contents; with a
    model that always says "elsewhere" the addressee joins the content."""
    from reportedly.nlp import load_spacy
    from reportedly.nlp.attribution_filter import FORMAT

    shipped = load_filter()
    path = tmp_path / "statements.json"
    always = {"format": FORMAT, "threshold": 0.0, "candidate_threshold": shipped.candidate_threshold,
              "weights": {"bias": 5.0}, "end_weights": {}, "start_weights": {"bias": 5.0}}
    path.write_text(json.dumps(always), encoding="utf-8")
    nlp = load_spacy()
    nlp.add_pipe("reportedly_attribution", config={"filter_path": str(path)})
    doc = nlp("The governor urged the protesters to leave the square before nightfall.")
    urged = [s for s in doc._.rp_statements if s["cue"]["text"] == "urged"]
    assert urged and urged[0]["content"]["text"] == "the protesters to leave the square before nightfall"
    # The other convention: object and preposition go to the cue, which runs up to the content.
    doc = nlp("The senator expressed concern about the new curfew.")
    st = [s for s in doc._.rp_statements if s["cue"]["text"].startswith("expressed")]
    assert st and st[0]["cue"]["text"] == "expressed concern about"
    assert st[0]["content"]["text"] == "the new curfew"
    # The inner start: the verb of an infinitival content goes to the cue ("refused to comment on | X").
    doc = nlp("The mayor has refused to comment on the arrests.")
    st = [s for s in doc._.rp_statements if s["cue"]["text"].startswith("has refused")]
    assert st and st[0]["cue"]["text"] == "has refused to comment on"
    assert st[0]["content"]["text"] == "the arrests"
    # An object's that-clause, and a preposition on the verb after its object.
    doc = nlp("The governor expressed doubts that the curfew would hold.")
    st = [s for s in doc._.rp_statements if s["cue"]["text"].startswith("expressed")]
    assert st and (st[0]["cue"]["text"], st[0]["content"]["text"]) == ("expressed doubts", "that the curfew would hold")
    doc = nlp("Reporters asked the minister about the arrests.")
    st = [s for s in doc._.rp_statements if s["cue"]["text"].startswith("asked")]
    assert st and (st[0]["cue"]["text"], st[0]["content"]["text"]) == ("asked the minister about", "the arrests")
    # A passive cue's subject is judged, so the content may start at it (the cue inside).
    doc = nlp("Three city commissioners were charged with taking bribes.")
    st = [s for s in doc._.rp_statements if "charged" in s["cue"]["text"]]
    assert st and st[0]["content"]["text"] == "Three city commissioners were charged with taking bribes"
