"""``reportedly eval case2021``: CASE 2021 task 2, fine-grained ACLED event classification.

Data, either
- a TSV file with a header row and columns ``id``, ``EventSnippet``, ``SubType``; or
- the shared sample folder: ``sample_input.txt`` (id<TAB>snippet) and
  ``sample_output.txt`` (id<TAB>label), no header (a path to either file works too).

Each snippet is run through the pipeline as one article; its label is the ACLED
sub-event type of its main event (reportedly.nlp.acled.main_acled over the snippet's
events, starting from events.main_event), mapped to the 25 CASE labels with
acled.CASE_LABELS; OTHER when no event has an ACLED type. No training: the mapping
is the documented one in docs/events.md.

Keys: weighted_f1 (scikit-learn, weighted by gold label support), macro_f1 and
micro_f1 (over the labels that occur in gold or predictions), n, and per_label.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import UsageError
from ..nlp import DEFAULT_MODEL, build_pipeline
from ..nlp.acled import CASE_LABELS, main_acled
from ..nlp.events import main_event
from .common import Tracker, limited, no_progress

OTHER = "OTHER"


def _read_pairs(path: Path) -> dict[str, str]:
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, value = line.split("\t", 1)
            pairs[key.strip()] = value.strip()
    return pairs


def load(data: Path) -> list[dict]:
    """[{id, text, gold}] from a header TSV or the sample_input/sample_output pair."""
    folder = data if data.is_dir() else data.parent
    sample_in, sample_out = folder / "sample_input.txt", folder / "sample_output.txt"
    if data.is_dir() or data.name in ("sample_input.txt", "sample_output.txt"):
        if not (sample_in.exists() and sample_out.exists()):
            raise UsageError(f"{folder} has no sample_input.txt/sample_output.txt; pass a TSV file "
                             f"with columns id, EventSnippet, SubType instead")
        texts, labels = _read_pairs(sample_in), _read_pairs(sample_out)
        return [{"id": k, "text": t, "gold": labels[k]} for k, t in texts.items() if k in labels]
    with data.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        missing = {"id", "EventSnippet", "SubType"} - set(reader.fieldnames or ())
        if missing:
            raise UsageError(f"{data} lacks the column(s) {', '.join(sorted(missing))}; the header "
                             f"row must name id, EventSnippet and SubType")
        return [{"id": r["id"], "text": r["EventSnippet"], "gold": r["SubType"].strip()} for r in reader]


def label_of(doc) -> str:
    """The CASE 2021 label of one processed snippet."""
    acled = main_acled(doc._.rp_events or [], doc._.rp_quantities or [], main_event(doc))
    return CASE_LABELS.get(acled["sub_event_type"], OTHER) if acled else OTHER


def evaluate(data: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL,
             track: Tracker = no_progress) -> dict:
    from sklearn.metrics import f1_score

    items = list(limited(load(Path(data)), limit))
    if not items:
        raise UsageError(f"{data} holds no labelled snippets")
    nlp = build_pipeline(model)
    gold, pred = [], []
    for item, doc in zip(items, track(nlp.pipe(i["text"] for i in items), len(items), "case2021")):
        gold.append(item["gold"])
        pred.append(label_of(doc))
    labels = sorted(set(gold) | set(pred))
    per_label = {}
    for lab in labels:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        per_label[lab] = {"gold": gold.count(lab), "predicted": pred.count(lab), "correct": tp}
    return {
        "weighted_f1": round(float(f1_score(gold, pred, average="weighted", zero_division=0)), 4),
        "macro_f1": round(float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)), 4),
        "micro_f1": round(float(f1_score(gold, pred, average="micro", zero_division=0)), 4),
        "n": len(items),
        "per_label": per_label,
    }
