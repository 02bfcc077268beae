"""``reportedly eval NAME --data PATH``: score the pipeline on a labelled dataset.

Each evaluator lives in its own module and exposes::

    evaluate(data: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL,
             track: Tracker = no_progress) -> dict

returning a JSON-safe dict with the metric keys documented in docs/metrics.md.
PATH may be any split in the same format as ../shared/data (held-out splits
included), so evaluators never hard-code file names beyond the format's own.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import UsageError
from .common import Tracker, no_progress

EVALUATORS = {
    "polnear": "reportedly.eval.polnear",
    "ipe": "reportedly.eval.ipe",
    "case2021": "reportedly.eval.case2021",
    "plover-gsr": "reportedly.eval.plover_gsr",
    "geo": "reportedly.eval.geo",
    "event-location": "reportedly.eval.event_location",
}


def run_eval(name: str, data: Path, *, limit: int | None = None, model: str | None = None,
             track: Tracker = no_progress, **options) -> dict:
    if name not in EVALUATORS:
        raise UsageError(f"unknown evaluation {name!r}; choose one of: {', '.join(EVALUATORS)}")
    if not Path(data).exists():
        raise UsageError(f"--data {data} does not exist; point it at a folder or file in the {name} format")
    module = importlib.import_module(EVALUATORS[name])
    kwargs = dict(limit=limit, track=track, **options)
    if model:
        kwargs["model"] = model
    return module.evaluate(Path(data), **kwargs)
