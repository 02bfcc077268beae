"""Extraction on a Ray cluster with Ray Data (``reportedly ingest --engine ray``).

Articles go to a pool of actors; each actor loads the Extractor once (model and
gazetteers) and extracts whole batches with ``map_batches``. Results come back as
contract JSON, in input order, and the caller writes them to the store as in a local
run, so the records are the same whichever engine made them.

The input is cut into chunks of ``chunk_size`` articles, one Ray dataset each: the
driver never holds more than a chunk, and actor start-up (model loading) is paid
once per chunk and actor. Multi-node runs: docs/scale.md.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Iterable, Iterator

from ..errors import UsageError
from ..ingest import ArticleInput, Failure
from ..records import Report

log = logging.getLogger(__name__)
DEFAULT_CHUNK = 4096


def _ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as e:
        raise UsageError('--engine ray needs Ray Data: pip install "reportedly[ray]" (or "ray[data]")') from e
    return ray


class ExtractActor:
    """One Ray actor: an Extractor loaded once, called on batches of serialised ArticleInputs."""

    def __init__(self, model: str, batch_size: int):
        from ..pipeline import Extractor

        self.extractor = Extractor(model, batch_size=batch_size)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        items = [ArticleInput.model_validate_json(s) for s in batch["item"]]
        out, ok = [], []
        for result in self.extractor.pipe(items, on_error="yield"):
            ok.append(not isinstance(result, Failure))
            out.append(result.model_dump_json() if isinstance(result, Failure) else result.to_json())
        return {"seq": list(batch["seq"]), "ok": ok, "result": out}


def init_ray(address: str | None = None, num_cpus: int | None = None) -> None:
    """Connect to ``address`` (e.g. ``ray://head:10001`` or ``auto``) or start a local Ray."""
    ray = _ray()
    if ray.is_initialized():
        return
    # Quiet: the library never prints, and Ray's INFO lines would bury the CLI's own output.
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "ignore_reinit_error": True,
                              "logging_level": logging.WARNING}
    if address:
        kwargs["address"] = address
    elif num_cpus:
        kwargs["num_cpus"] = num_cpus
    try:
        ray.init(**kwargs)
    except ConnectionError as e:
        raise UsageError(f"cannot reach the Ray cluster at {address}: {e}. Check --ray-address "
                         f"(e.g. ray://HEAD:10001) or leave it out to start a local Ray") from e


def ray_pipe(items: Iterable[ArticleInput], *, model: str, batch_size: int = 64, address: str | None = None,
             concurrency: int = 1, chunk_size: int = DEFAULT_CHUNK) -> Iterator[Report | Failure]:
    """Reports (or Failures) in input order, extracted by Ray Data actors."""
    ray = _ray()
    init_ray(address, num_cpus=max(concurrency, 1) + 1 if not address else None)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False  # the CLI draws its own progress on stderr
    chunk: list[dict] = []
    seq = 0
    for item in items:
        chunk.append({"seq": seq, "item": item.model_dump_json()})
        seq += 1
        if len(chunk) >= chunk_size:
            yield from _run_chunk(ray, chunk, model, batch_size, concurrency)
            chunk = []
    if chunk:
        yield from _run_chunk(ray, chunk, model, batch_size, concurrency)


def _run_chunk(ray, rows: list[dict], model: str, batch_size: int, concurrency: int) -> Iterator[Report | Failure]:
    ds = ray.data.from_items(rows)
    out = ds.map_batches(
        ExtractActor, fn_constructor_kwargs={"model": model, "batch_size": min(batch_size, 64)},
        batch_size=batch_size, compute=ray.data.ActorPoolStrategy(size=max(concurrency, 1)),
        batch_format="numpy", num_cpus=1,
    )
    results = sorted(out.iter_rows(), key=lambda r: int(r["seq"]))  # order is promised; do not trust it blindly
    if len(results) != len(rows):
        raise RuntimeError(f"Ray returned {len(results)} results for {len(rows)} articles")
    for r in results:
        raw = str(r["result"])
        if bool(r["ok"]):
            yield Report.model_validate_json(raw)
        else:
            yield Failure(**json.loads(raw))
