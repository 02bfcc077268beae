"""``reportedly eval plover-gsr``: PLOVER gold-standard records (CAMEO manual sentences).

Data: PLOVER_GSR_CAMEO.json, a JSON list of records with ``text``, ``event``, ``source``
and ``target`` (lists of {actorText, code, sector}), and optionally ``dead``,
``injured`` and ``size``. The record of type DOCUMENT is file documentation: skipped.

Each sentence is one document; its *main event* (reportedly.nlp.events.main_event:
the trigger nearest the root of the first sentence that has events) is compared with
the gold event. The GSR uses PLOVER 0.5 names; we map them to today's 16 types:

    DEMAND -> REQUEST   FIGHT -> ASSAULT   DISAPPROVE -> ACCUSE   INVESTIGATE -> ACCUSE

Keys:
- event_accuracy: main event type == gold type, over all n records (no event = wrong).
- source_accuracy / target_accuracy: over records with a gold source/target, the main
  event has an actor of that role whose text shares a word (not a stop word) with a
  gold actorText.
- dead / injured / size: {accuracy, n} over records with that gold field: a quantity of
  kind killed / injured / participants (for size: any quantity linked to the main event)
  whose low or high equals the gold number, or whose text contains the gold words
  ("Thousands").
- per_type: {gold type: {n, correct}}; n.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import UsageError
from ..nlp import DEFAULT_MODEL, build_pipeline
from ..nlp.events import main_event
from .common import Tracker, limited, no_progress

PLOVER_05 = {"DEMAND": "REQUEST", "FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
_STOP = {"the", "of", "and", "a", "an", "in", "for", "to", "on", "'s"}
_COUNT_KIND = {"dead": "killed", "injured": "injured", "size": "participants"}


def load(data: Path) -> list[dict]:
    path = data if data.is_file() else data / "PLOVER_GSR_CAMEO.json"
    if not path.exists():
        raise UsageError(f"{path} is missing; --data must be PLOVER_GSR_CAMEO.json or its folder")
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]


def gold_type(event: str) -> str:
    return PLOVER_05.get(event, event)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def _actors(value) -> list[str]:
    if not isinstance(value, list):
        return []
    return [a.get("actorText", "") for a in value if isinstance(a, dict) and a.get("actorText")]


def _actor_match(pred: list[dict], gold: list[str]) -> bool:
    gold_words = set().union(*(_words(g) for g in gold)) if gold else set()
    return any(_words(a["text"]) & gold_words for a in pred)


def _count_match(gold: str, quantities: list[dict]) -> bool:
    gold = str(gold).strip().lower()
    number = float(gold.replace(",", "")) if re.fullmatch(r"[\d,.]+", gold) else None
    for q in quantities:
        if number is not None and number in (q.get("low"), q.get("high")):
            return True
        if number is None and gold in q.get("text", "").lower():
            return True
    return False


def evaluate(data: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL,
             track: Tracker = no_progress) -> dict:
    records = list(limited(load(Path(data)), limit))
    nlp = build_pipeline(model)
    prepared = []
    for r in records:
        doc = nlp.make_doc(r["text"])
        doc._.rp_published = r.get("date")
        prepared.append(doc)
    correct = 0
    roles = {"source": [0, 0], "target": [0, 0]}
    counts = {k: [0, 0] for k in _COUNT_KIND}
    per_type: dict[str, dict] = {}
    for r, doc in zip(records, track(nlp.pipe(prepared), len(records), "plover-gsr")):
        gold = gold_type(r["event"])
        event = main_event(doc)
        ok = event is not None and event["type"] == gold
        correct += ok
        slot = per_type.setdefault(gold, {"n": 0, "correct": 0})
        slot["n"] += 1
        slot["correct"] += ok
        for role in roles:
            gold_actors = _actors(r.get(role))
            if gold_actors:
                roles[role][1] += 1
                pred = [a for a in (event or {}).get("actors", []) if a["role"] == role]
                roles[role][0] += _actor_match(pred, gold_actors)
        quantities = doc._.rp_quantities or []
        for field, kind in _COUNT_KIND.items():
            if r.get(field) in (None, ""):
                continue
            counts[field][1] += 1
            linked = [quantities[i] for i in (event or {}).get("quantities", []) if i < len(quantities)]
            pool = [q for q in quantities if q.get("kind") == kind] + (linked if field == "size" else [])
            counts[field][0] += _count_match(r[field], pool)
    n = len(records)
    result: dict = {"event_accuracy": round(correct / n, 4) if n else 0.0, "n": n}
    for role, (c, total) in roles.items():
        result[f"{role}_accuracy"] = round(c / total, 4) if total else 0.0
        result[f"{role}_n"] = total
    for field, (c, total) in counts.items():
        result[field] = {"accuracy": round(c / total, 4) if total else 0.0, "n": total}
    result["per_type"] = per_type
    return result
