"""``reportedly eval ipe``: IndiaPoliceEvents sentence labels from our events.

Data: a folder with ``docs.jsonl`` (doc_id, doc_text), ``sents.jsonl`` (doc_id, sent_id,
sent_text, sent_labels) and ``metadata.jsonl`` (doc_id, date). Whole documents are run
through the pipeline with their publication date; mojibake is repaired with ftfy piece
by piece so every gold sentence keeps known offsets in the repaired text. A gold
sentence gets a label when an event with a mention (trigger) inside it says so:

- a *police event* has a police, security-force or army source actor (or deploys
  them); a COERCE or MOBILIZE act with no source counts too (Times of India reports
  leave the police implicit: "40 were arrested", "curfew was imposed"), and so does a
  crowd-control act or a firing with no source when "police" is in the sentence.
- KILL: a police ASSAULT that killed (a kill/death trigger among its mentions, or a
  linked quantity of kind "killed"), asserted or alleged.
- ARREST: a police COERCE/arrest, asserted or alleged.
- FORCE: any police ASSAULT (firing, lathi-charge, tear gas, beating, killing).
- FAIL: a police MOBILIZE/COERCE event with modality "negated" (failed to act, stood
  by, inaction), unless the sentence is a denial.
- ANY_ACTION: any police event that is asserted, alleged, planned or threatened
  (not negated, demanded or hypothetical).

Keys: KILL, ARREST, FORCE, FAIL, ANY_ACTION (each {p, r, f1, ...}), macro_f1, n.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import UsageError
from ..nlp import DEFAULT_MODEL, build_pipeline
from ..nlp.actors import FORCE_SECTORS
from .common import Tracker, limited, no_progress, prf

LABELS = ("KILL", "ARREST", "FORCE", "FAIL", "ANY_ACTION")
_KILL_WORDS = ("kill", "murder", "death", "dead", "die", "shot dead", "massacre", "lynch", "slay",
               "slain", "encounter")
_POSITIVE = ("asserted", "alleged")


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        raise UsageError(f"{path} is missing; --data must be an IndiaPoliceEvents split folder "
                         f"with docs.jsonl, sents.jsonl and metadata.jsonl")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load(data: Path) -> list[dict]:
    """Documents with their gold sentences (sorted by sent_id) and publication date."""
    docs = _read_jsonl(data / "docs.jsonl")
    sents: dict = {}
    for s in _read_jsonl(data / "sents.jsonl"):
        sents.setdefault(s["doc_id"], []).append(s)
    dates = {}
    meta = data / "metadata.jsonl"
    if meta.exists():
        dates = {m["doc_id"]: m.get("date") for m in _read_jsonl(meta)}
    out = []
    for d in docs:
        out.append({"doc_id": d["doc_id"], "text": d["doc_text"], "date": dates.get(d["doc_id"]),
                    "sents": sorted(sents.get(d["doc_id"], []), key=lambda s: s["sent_id"])})
    return out


def repair(text: str, sentences: list[str]) -> tuple[str, list[tuple[int, int] | None]]:
    """ftfy-repaired text and each sentence's (start, end) in it (None if not found)."""
    import ftfy

    pieces: list[str] = []
    spans: list[tuple[int, int] | None] = []
    pos = out_len = 0
    for sent in sentences:
        i = text.find(sent, pos)
        if i < 0:
            spans.append(None)
            continue
        gap = ftfy.fix_text(text[pos:i], normalization="NFC") if i > pos else ""
        fixed = ftfy.fix_text(sent, normalization="NFC")
        pieces.append(gap)
        out_len += len(gap)
        spans.append((out_len, out_len + len(fixed)))
        pieces.append(fixed)
        out_len += len(fixed)
        pos = i + len(sent)
    pieces.append(ftfy.fix_text(text[pos:], normalization="NFC"))
    return "".join(pieces), spans


_DENIAL = ("deny", "denied", "denies", "refute", "dismissed")


def _police(e: dict, sentence: str) -> bool:
    sectors = {a.get("sector") for a in e["actors"] if a["role"] == "source"}
    if sectors & FORCE_SECTORS:
        return True
    if "government" in sectors and e["modality"] == "negated" and e["mode"] == "police":
        return True  # "the state government failed to protect lives": inaction of the state
    if sectors - {None}:
        return False
    if e["type"] == "MOBILIZE" and {a.get("sector") for a in e["actors"]} & FORCE_SECTORS:
        return True  # "security forces have been deployed"
    implicit = e["type"] in ("COERCE", "MOBILIZE") \
        or e["type"] == "ASSAULT" and e["mode"] in ("crowd-control", "firearms")
    return implicit and ("police" in sentence or e["type"] != "ASSAULT")


def labels_for(events: list[dict], quantities: list[dict], sentence: str, start: int, end: int) -> set[str]:
    """Gold-style labels for the sentence at [start, end) from the document's events."""
    out: set[str] = set()
    low = sentence.lower()
    for e in events:
        mentions = [m for m in e["mentions"] if start <= m["start"] < end]
        if not mentions or not _police(e, low):
            continue
        words = " ".join(m["text"].lower() for m in mentions)
        if e["modality"] == "negated":
            if e["type"] in ("MOBILIZE", "COERCE") and not any(w in low for w in _DENIAL):
                out.add("FAIL")  # inaction is not an action (gold: 34 of 146 train FAILs are)
            continue
        if e["modality"] in ("demanded", "hypothetical"):
            continue  # "demanded the arrest of", "if police fire": no action (yet)
        out.add("ANY_ACTION")  # planned and threatened police actions count as actions too
        if e["modality"] not in _POSITIVE:
            continue
        if e["type"] == "ASSAULT":
            out.add("FORCE")
            killed = any(quantities[q].get("kind") == "killed" for q in e["quantities"]
                         if q < len(quantities) and start <= quantities[q]["start"] < end)
            if killed or any(w in words for w in _KILL_WORDS):
                out.add("KILL")
        if e["type"] == "COERCE" and e["mode"] == "arrest":
            out.add("ARREST")
    return out


def evaluate(data: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL,
             track: Tracker = no_progress) -> dict:
    documents = list(limited(load(Path(data)), limit))
    nlp = build_pipeline(model)
    prepared = []
    for d in documents:
        text, spans = repair(d["text"], [s["sent_text"] for s in d["sents"]])
        doc = nlp.make_doc(text)
        doc._.rp_published = d["date"]
        prepared.append((d, spans, doc))
    counts = {lab: [0, 0, 0] for lab in LABELS}  # correct, predicted, gold
    n = 0
    docs = nlp.pipe(p[2] for p in prepared)
    for (d, spans, _), doc in zip(prepared, track(docs, len(prepared), "ipe")):
        events = doc._.rp_events or []
        quantities = doc._.rp_quantities or []
        for sent, span in zip(d["sents"], spans):
            gold = set(sent["sent_labels"]) & set(LABELS)
            pred = labels_for(events, quantities, doc.text[span[0]:span[1]], *span) if span else set()
            n += 1
            for lab in LABELS:
                counts[lab][0] += lab in gold and lab in pred
                counts[lab][1] += lab in pred
                counts[lab][2] += lab in gold
    result: dict = {lab: prf(*counts[lab]) for lab in LABELS}
    result["macro_f1"] = round(sum(result[lab]["f1"] for lab in LABELS) / len(LABELS), 4)
    result["n"] = n
    result["documents"] = len(documents)
    return result
