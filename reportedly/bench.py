"""`reportedly bench`: our words/s against the bare spaCy pipeline, same texts, same processes.

Both pipelines load once, warm up on a few articles, then process the same sample
articles (repeated to a fixed count). ``ratio`` = our words/s ÷ bare spaCy words/s:
1.0 would mean our components, normalisation and record assembly cost nothing.
"""

from __future__ import annotations

import time
from pathlib import Path

from .errors import UsageError
from .ingest import ArticleInput, read_inputs

QUICK_ARTICLES, FULL_ARTICLES, WARMUP = 40, 300, 4


def default_articles_dir() -> Path:
    for base in (Path.cwd(), Path(__file__).resolve().parent.parent):
        candidate = base / "examples" / "articles"
        if candidate.is_dir():
            return candidate
    raise UsageError("no sample articles found; run from the repository root or pass --articles FOLDER")


def load_samples(folder: Path | None, count: int) -> list[ArticleInput]:
    folder = folder or default_articles_dir()
    samples = [x for x in read_inputs([folder]) if isinstance(x, ArticleInput)]
    if not samples:
        raise UsageError(f"no readable articles in {folder}")
    return [samples[i % len(samples)] for i in range(count)]


def run_bench(*, quick: bool = False, n_process: int = 1, model: str | None = None,
              articles: Path | None = None, with_store: bool = False) -> dict:
    from .nlp import DEFAULT_MODEL, load_spacy
    from .pipeline import Extractor

    model = model or DEFAULT_MODEL
    items = load_samples(articles, QUICK_ARTICLES if quick else FULL_ARTICLES)
    texts = [a.text for a in items]
    words = sum(len(t.split()) for t in texts)

    bare = load_spacy(model)
    list(bare.pipe(texts[:WARMUP]))
    t0 = time.perf_counter()
    for _ in bare.pipe(texts, n_process=n_process):
        pass
    bare_s = time.perf_counter() - t0

    ours = Extractor(model, n_process=n_process)
    list(ours.pipe(items[:WARMUP], on_error="yield"))
    if with_store:
        ours_s, failures = _time_ingest(ours, items, model, n_process)
    else:
        t0 = time.perf_counter()
        failures = sum(1 for r in ours.pipe(items, on_error="yield") if not hasattr(r, "events"))
        ours_s = time.perf_counter() - t0

    return {
        "ratio": round((words / ours_s) / (words / bare_s), 3),
        "articles_per_s": round(len(items) / ours_s, 2),
        "words_per_s": round(words / ours_s, 1),
        "bare_articles_per_s": round(len(items) / bare_s, 2),
        "bare_words_per_s": round(words / bare_s, 1),
        "articles": len(items), "words": words, "n_process": n_process, "model": model,
        "seconds": round(ours_s, 2), "bare_seconds": round(bare_s, 2), "failures": failures,
        "with_store": with_store,
    }


def _time_ingest(extractor, items: list[ArticleInput], model: str, n_process: int) -> tuple[float, int]:
    """Extraction + DuckDB writes + cross-article merge, as `reportedly ingest` does them."""
    import tempfile

    from .corpus.ingest import IngestOptions, ingest
    from .store import Store

    # Same texts as the bare run, but distinct URLs: each repeat is a new article to store,
    # not an input the store already has and would skip.
    unique = [a.model_copy(update={"url": f"{a.url or 'bench:'}#copy-{i}"}) for i, a in enumerate(items)]
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        t0 = time.perf_counter()
        result = ingest(unique, store, IngestOptions(model=model, n_process=n_process), extractor=extractor)
        return time.perf_counter() - t0, result.n_failed
