"""Ingest: articles in, store rows out, in committed batches; then merge into clusters.

    read_inputs -> skip inputs already stored -> extract (local spaCy or Ray Data)
        -> write each batch in one transaction -> merge_store (clusters + conflicts)

A run killed at any point resumes on the next call: each written batch is whole, and
inputs already stored are skipped before extraction (by their input key).
"""

from __future__ import annotations

import itertools
import logging
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal

from ..errors import UsageError
from ..ingest import ArticleInput, Failure
from ..ingest.readers import SUFFIXES, read_inputs
from ..nlp import DEFAULT_MODEL
from ..records import Report
from ..store import Store, input_key
from .merge import MergeConfig, merge_store

log = logging.getLogger(__name__)
Engine = Literal["local", "ray"]


@dataclass(frozen=True)
class IngestOptions:
    """Everything an ingest run can be told (stored with the run)."""

    model: str = DEFAULT_MODEL
    engine: Engine = "local"
    n_process: int = 1
    batch_size: int = 64                 # articles per committed transaction (and per Ray batch)
    ray_address: str | None = None       # None = start a local Ray cluster
    merge: MergeConfig = field(default_factory=MergeConfig)

    def __post_init__(self) -> None:
        if self.engine not in ("local", "ray"):
            raise UsageError(f"unknown engine {self.engine!r}: use --engine local or --engine ray")
        if self.n_process < 1 or self.batch_size < 1:
            raise UsageError("--n-process and --batch-size must be at least 1")


@dataclass
class IngestResult:
    run_id: str
    n_inputs: int = 0
    n_written: int = 0
    n_skipped: int = 0
    n_failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    merge: dict = field(default_factory=dict)
    stats: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.n_failed == 0


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """A cheap estimate of how many articles `read_inputs` will yield (for the ETA); None = unknown."""
    total = 0
    for p in paths:
        if str(p) == "-":
            return None
        path = Path(p)
        files = [c for c in path.rglob("*") if c.is_file() and c.suffix.lower() in SUFFIXES] if path.is_dir() \
            else [path]
        for f in files:
            kind = SUFFIXES.get(f.suffix.lower(), "txt")
            if kind in ("jsonl", "csv") and f.exists():
                with open(f, "rb") as fh:
                    lines = sum(1 for line in fh if line.strip())
                total += max(lines - (1 if kind == "csv" else 0), 0)
            else:
                total += 1
    return total


def ingest(items: Iterable[ArticleInput | Failure], store: Store, options: IngestOptions = IngestOptions(),
           *, extractor: object | None = None) -> IngestResult:
    """Extract and store every item; inputs already stored are skipped. Never raises for a bad article.

    ``extractor`` lets a caller reuse a loaded ``reportedly.Extractor`` (local engine only).
    """
    versions = _versions(options, extractor)
    run_id = store.start_run(engine=options.engine, model=options.model, versions=versions,
                             config=asdict(options))
    res = IngestResult(run_id=run_id)
    pending: deque[tuple[str, str]] = deque()   # (input key, origin) of items handed to the extractor
    reports: list[tuple[Report, str, str | None]] = []
    failures: list[Failure] = []

    def flush() -> None:
        if reports or failures:
            store.write_batch(reports, failures, run_id)
            res.n_written += len(reports)
            res.n_failed += len(failures)
            res.failures.extend(failures)
            reports.clear()
            failures.clear()

    def feed() -> Iterator[ArticleInput]:
        for chunk in _chunks(items, options.batch_size):
            articles = [x for x in chunk if isinstance(x, ArticleInput)]
            keys = [input_key(a.text, a.title, a.published, a.outlet, a.url) for a in articles]
            known = store.known_inputs(keys)
            for x in chunk:
                res.n_inputs += 1
                if isinstance(x, Failure):
                    failures.append(x)
            for a, k in zip(articles, keys):
                if k in known:
                    res.n_skipped += 1
                    continue
                known.add(k)  # the same input twice in one run is extracted once
                pending.append((k, a.origin))
                yield a

    for result in _extract(feed(), options, extractor):
        key, origin = pending.popleft()
        if isinstance(result, Failure):
            failures.append(result)
        else:
            reports.append((result, key, origin))
        if len(reports) + len(failures) >= options.batch_size:
            flush()
    flush()
    res.merge = merge_store(store, options.merge)
    store.finish_run(run_id, n_inputs=res.n_inputs, n_written=res.n_written, n_skipped=res.n_skipped,
                     n_failed=res.n_failed)
    res.stats = store.stats()
    return res


def ingest_paths(paths: Iterable[str | Path], db: str | Path, options: IngestOptions = IngestOptions()) -> IngestResult:
    """`reportedly ingest` as a function."""
    with Store(db) as store:
        return ingest(read_inputs(paths), store, options)


def _extract(items: Iterable[ArticleInput], options: IngestOptions,
             extractor: object | None) -> Iterator[Report | Failure]:
    """Results in input order; loads the model only when something needs extracting."""
    it = iter(items)
    try:
        first = next(it)
    except StopIteration:  # everything already stored (a re-run): no model to load
        return
    items = itertools.chain([first], it)
    if options.engine == "ray":
        from ..engines.ray_engine import ray_pipe

        yield from ray_pipe(items, model=options.model, batch_size=options.batch_size,
                            address=options.ray_address, concurrency=options.n_process)
        return
    if extractor is None:
        from ..pipeline import Extractor

        extractor = Extractor(options.model, n_process=options.n_process,
                              batch_size=min(options.batch_size, 64))
    yield from extractor.pipe(items, on_error="yield")  # type: ignore[attr-defined]


def _versions(options: IngestOptions, extractor: object | None) -> dict:
    version = getattr(extractor, "version", None)
    if version:
        return dict(version)
    try:
        import spacy.util

        meta = spacy.util.get_package_version(options.model)
    except Exception:  # only informative: a missing version never stops a run
        meta = None
    return {"model": options.model, "model_version": meta}


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for x in items:
        chunk.append(x)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
