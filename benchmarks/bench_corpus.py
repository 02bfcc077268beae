"""Corpus benchmark: store writes, merging and full ingest at growing sizes.

    python benchmarks/bench_corpus.py                       # store+merge at 10k and 100k, ingest at 1k and 10k
    python benchmarks/bench_corpus.py --sizes 1000 --ingest-sizes 200 --json

Two measurements per size, each in a fresh subprocess so peak memory (max RSS) is its own:
- ``store``: N synthetic Report records (made from templates, no spaCy) written to a new store
  in batches of 500, then ``merge_store`` over all of them: write time, merge time, peak RSS;
- ``ingest``: the whole ``reportedly ingest`` path (spaCy + our components + store + merge)
  on N synthetic articles: time, articles/s, peak RSS.
Scaling is reported as (time at the larger size / time at the smaller) / (size ratio):
1.0 is exactly linear.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_store(n: int, db: Path) -> dict:
    from reportedly.corpus.merge import merge_store
    from reportedly.corpus.synth import synth_reports
    from reportedly.store import Store

    with Store(db) as store:
        t0 = time.perf_counter()
        batch, slices, mark, tenth = [], [], t0, max(n // 10, 1)
        for i, r in enumerate(synth_reports(n, seed=0), 1):
            batch.append((r, "in_" + r.article.id, None))
            if len(batch) == 500:
                store.write_batch(batch, [], "bench")
                batch = []
            if i % tenth == 0:  # time per tenth of the corpus: flat = linear, whatever the machine's load
                now = time.perf_counter()
                slices.append(round(now - mark, 2))
                mark = now
        store.write_batch(batch, [], "bench")
        t1 = time.perf_counter()
        merged = merge_store(store)
        t2 = time.perf_counter()
        stats = store.stats()
    return {"phase": "store", "n": n, "write_s": round(t1 - t0, 2), "merge_s": round(t2 - t1, 2),
            "articles_per_s_written": round(n / (t1 - t0), 1), "write_tenths_s": slices, "events": merged["events"],
            "clusters": stats["clusters"], "peak_rss_mb": round(_peak_mb(), 1)}


def run_ingest(n: int, db: Path, n_process: int) -> dict:
    from reportedly.corpus.ingest import IngestOptions, ingest
    from reportedly.corpus.synth import synth_inputs
    from reportedly.store import Store

    with Store(db) as store:
        t0 = time.perf_counter()
        result = ingest(synth_inputs(n, seed=0), store, IngestOptions(n_process=n_process, batch_size=256))
        t1 = time.perf_counter()
    return {"phase": "ingest", "n": n, "n_process": n_process, "total_s": round(t1 - t0, 2),
            "articles_per_s": round(n / (t1 - t0), 1), "written": result.n_written, "failed": result.n_failed,
            "clusters": result.stats["clusters"], "peak_rss_mb": round(_peak_mb(), 1)}


def _child(phase: str, n: int, n_process: int) -> dict:
    with tempfile.TemporaryDirectory() as d:
        cmd = [sys.executable, __file__, "--child", phase, str(n), "--n-process", str(n_process), "--tmp", d]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True)
        return json.loads(out.stdout.strip().splitlines()[-1])


def _scaling(rows: list[dict], key: str) -> float | None:
    if len(rows) < 2:
        return None
    a, b = rows[0], rows[-1]
    return round((b[key] / a[key]) / (b["n"] / a["n"]), 3) if a[key] else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="reportedly corpus benchmark")
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="store+merge sizes")
    ap.add_argument("--ingest-sizes", type=int, nargs="*", default=[1_000, 10_000],
                    help="full ingest sizes (none: skip)")
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--child", nargs=2, metavar=("PHASE", "N"), help=argparse.SUPPRESS)
    ap.add_argument("--tmp", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        phase, n = args.child[0], int(args.child[1])
        db = Path(args.tmp) / "bench.duckdb"
        row = run_store(n, db) if phase == "store" else run_ingest(n, db, args.n_process)
        print(json.dumps(row))
        return 0
    store_rows = [_child("store", n, 1) for n in args.sizes]
    ingest_rows = [_child("ingest", n, args.n_process) for n in args.ingest_sizes]
    result = {"store": store_rows, "ingest": ingest_rows,
              "scaling": {"write": _scaling(store_rows, "write_s"), "merge": _scaling(store_rows, "merge_s"),
                          "ingest": _scaling(ingest_rows, "total_s")}}
    if args.json:
        print(json.dumps(result))
    else:
        for r in store_rows:
            print(f"store  {r['n']:>7,} articles: write {r['write_s']:>7.1f} s, merge {r['merge_s']:>6.1f} s "
                  f"({r['events']:,} events -> {r['clusters']:,} clusters), peak {r['peak_rss_mb']:,.0f} MB")
        for r in ingest_rows:
            print(f"ingest {r['n']:>7,} articles: {r['total_s']:>7.1f} s ({r['articles_per_s']:.0f}/s), "
                  f"peak {r['peak_rss_mb']:,.0f} MB")
        print(f"scaling (1.0 = linear): {result['scaling']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
