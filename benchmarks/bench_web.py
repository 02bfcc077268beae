"""Latency of the review UI's list pages on a large store.

Builds a synthetic store (default 100k events, i.e. clusters, with their member events,
articles, statements and figures) by inserting rows directly with SQL (seconds, no NLP),
then times in-process requests to the list pages, HTML rendering included, and prints
p50/p95 per page and overall. Target: p95 < 100 ms (issue 7).

    python benchmarks/bench_web.py                 # 100k events, temp store
    python benchmarks/bench_web.py --events 10000 --requests 100 --json
    python benchmarks/bench_web.py --db /tmp/big.duckdb --keep
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

COUNTRIES = ["NG", "PK", "IN", "SD", "MM", "CO", "KE", "FR", "CL", "KZ", "ML", "BF", "ET", "IQ", "SY", "UA"]
TYPES = ["ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN", "ACCUSE", "REQUEST", "AGREE"]
OUTLETS = [f"Outlet {i}" for i in range(60)]
SOURCES = ["police", "the army", "a hospital official", "residents", "a rights group", "the governor",
           "witnesses", "the interior ministry", "organisers", "a local official"]


def build_store(path: Path, n_events: int, seed: int = 0) -> float:
    """Synthetic rows straight into the schema; returns seconds taken."""
    from reportedly.store import Store

    t0 = time.perf_counter()
    n_articles = max(1, n_events // 2)
    params = {"n": n_events, "na": n_articles, "countries": COUNTRIES, "types": TYPES,
              "outlets": OUTLETS, "sources": SOURCES, "seed": seed / 1000}
    with Store(path) as store:
        con = store.con

        def run(sql: str, values: dict | None = None) -> None:
            # DuckDB wants exactly the named parameters a statement uses
            used = {k: v for k, v in (values or {}).items() if re.search(rf"\${k}\b", sql)}
            con.execute(sql, used)

        run("SELECT setseed($seed)", params)
        run("BEGIN")
        run("""
            INSERT INTO articles (id, origin, title, published, published_day, outlet, url,
                                  language, text, report, run_id, ingested_at)
            SELECT 'art_' || i, 'synthetic/' || i, 'Synthetic report ' || i,
                   strftime(DATE '2020-01-01' + CAST(i % 1800 AS INTEGER), '%Y-%m-%d') || 'T08:00:00',
                   DATE '2020-01-01' + CAST(i % 1800 AS INTEGER), $outlets[1 + i % 60], NULL, 'en',
                   'Police said 6 people were killed.', '{}', 'run_bench', now()
            FROM range($na) t(i)""", params)
        run("""
            INSERT INTO events (article_id, id, type, mode, acled_event_type, acled_sub_event_type, modality,
                                confidence, trigger, trigger_start, trigger_end, place_name, country, admin1,
                                lat, lon, place_precision, date_earliest, date_latest, date_precision,
                                event_day, actors, asserted_by, statements, record)
            SELECT 'art_' || (i % $na), 'ev_' || i, $types[1 + i % 8], NULL, 'Riots', 'Mob violence', 'asserted',
                   0.8, 'killed', 23, 29, 'Place ' || (i % 997), $countries[1 + i % 16], NULL,
                   -30 + random() * 70, -20 + random() * 120, 'city',
                   strftime(DATE '2020-01-01' + CAST(i % 1800 AS INTEGER), '%Y-%m-%d'),
                   strftime(DATE '2020-01-01' + CAST(i % 1800 AS INTEGER), '%Y-%m-%d'), 'day',
                   DATE '2020-01-01' + CAST(i % 1800 AS INTEGER), '[]', '["src_' || i || '"]',
                   '["st_' || i || '"]', '{}'
            FROM range($n) t(i)""", params)
        run("""
            INSERT INTO statements (article_id, id, source_id, source_name, via, via_names, kind, channel,
                                    hedges, cue, content, content_start, content_end, record)
            SELECT 'art_' || (i % $na), 'st_' || i, 'src_' || i, $sources[1 + i % 10], '[]', '[]', 'indirect',
                   'statement', '[]', 'said', '6 people were killed', 11, 31, '{}'
            FROM range($n) t(i)""", params)
        run("""
            INSERT INTO sources (article_id, id, name, kind, description, aliases, mentions)
            SELECT 'art_' || (i % $na), 'src_' || i, $sources[1 + i % 10], 'organization', NULL, '[]', '[]'
            FROM range($n) t(i)""", params)
        run("""
            INSERT INTO quantities (article_id, id, kind, low, high, qualifier, text, start, "end", counted,
                                    event_id, statement_id, asserted_by)
            SELECT 'art_' || (i % $na), 'q_' || i, 'killed', 1 + i % 40, 1 + i % 40, 'exact', '6', 11, 12,
                   'people', 'ev_' || i, 'st_' || i, '["src_' || i || '"]'
            FROM range($n) t(i)""", params)
        run("""
            INSERT INTO clusters (id, type, family, acled_event_type, acled_sub_event_type, place_name, country,
                                  admin1, lat, lon, date_earliest, date_latest, n_events, n_articles, n_outlets,
                                  conflict, summary, title)
            SELECT 'cl_' || e.id[4:], e.type, 'violence', 'Riots', 'Mob violence', e.place_name, e.country, NULL,
                   e.lat, e.lon, e.date_earliest, e.date_latest, 1, 1, 1, (hash(e.id) % 7 = 0),
                   json_object('killed', json_object('low', 1 + i % 40, 'high', 1 + i % 40 + (i % 3) * 5,
                                                     'open_ended', false, 'n_figures', 1, 'conflict', false)),
                   lower(e.type) || ' in ' || e.place_name || ' on ' || e.date_earliest
            FROM events e JOIN range($n) t(i) ON e.id = 'ev_' || i""", params)
        run("""
            INSERT INTO cluster_members (cluster_id, article_id, event_id, score)
            SELECT 'cl_' || id[4:], article_id, id, NULL FROM events""")
        run("COMMIT")
        run("CHECKPOINT")
    return time.perf_counter() - t0


QUERIES: dict[str, list[dict]] = {
    "events (default)": [{}],
    "events ?country": [{"country": c} for c in COUNTRIES[:6]],
    "events ?type": [{"type": t} for t in TYPES[:4]],
    "events ?since&until": [{"since": f"202{y}-03-01", "until": f"202{y}-06-30"} for y in range(4)],
    "events ?conflicts": [{"conflicts": "1"}],
    "events ?sort=killed": [{"sort": "killed"}, {"sort": "killed", "order": "asc"}],
    "events ?page=200": [{"page": "200"}, {"page": "1000"}],
    "events ?source": [{"source": "rights group"}, {"source": "Outlet 7"}],
    "events.json": [{}],
    "sources": [{}],
    "timeline": [{}],
}


def measure(db: Path, n_requests: int, seed: int = 0) -> dict:
    from reportedly.web import create_app

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient

    rng = random.Random(seed)
    plan = [(name, rng.choice(variants)) for name in QUERIES for variants in [QUERIES[name]]
            for _ in range(n_requests)]
    rng.shuffle(plan)
    times: dict[str, list[float]] = {name: [] for name in QUERIES}
    with TestClient(create_app(db)) as client:
        for name in QUERIES:  # warm-up: first query per shape compiles plans, fills caches
            client.get(_path(name), params=QUERIES[name][0])
        for name, params in plan:
            t0 = time.perf_counter()
            r = client.get(_path(name), params=params)
            times[name].append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                raise SystemExit(f"{name} {params}: HTTP {r.status_code} {r.text[:200]}")
    everything = [t for ts in times.values() for t in ts]
    return {
        "pages": {name: {"p50_ms": round(statistics.median(ts), 1), "p95_ms": round(_p95(ts), 1)}
                  for name, ts in times.items()},
        "overall": {"requests": len(everything), "p50_ms": round(statistics.median(everything), 1),
                    "p95_ms": round(_p95(everything), 1)},
    }


def _path(name: str) -> str:
    return "/" + name.split()[0]


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40, help="requests per page shape")
    parser.add_argument("--db", type=Path, help="where to build the store (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the store (with --db)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench_web.duckdb"
        if db.exists():
            db.unlink()
        built = build_store(db, args.events)
        result = {"events": args.events, "build_s": round(built, 1), **measure(db, args.requests)}
        if args.db and not args.keep:
            db.unlink()
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"store: {args.events:,} events, built in {result['build_s']} s")
        for name, r in result["pages"].items():
            print(f"  {name:<22} p50 {r['p50_ms']:>7.1f} ms   p95 {r['p95_ms']:>7.1f} ms")
        o = result["overall"]
        print(f"overall ({o['requests']} requests): p50 {o['p50_ms']} ms, p95 {o['p95_ms']} ms "
              f"({'meets' if o['p95_ms'] < 100 else 'misses'} the 100 ms target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
