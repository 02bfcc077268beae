"""Measure reportedly's reliability figures (what docs/reliability.md and the README quote).

    python scripts/reliability_report.py [--big-mb 50] [--kills 5] [--seed 8] [--json]

Three parts, all on generated or invented inputs in a temporary folder:

1. hostile corpus: scripts/hostile_corpus.py's files through one real `reportedly ingest`
   (a subprocess); every input must end as a report or a typed failure, the run must end.
2. extra hostile JSON Lines: inputs found by the hardening pass (lone surrogates, deep
   nesting, huge integers, odd field types), each in its own ingest next to a good article,
   so that one crash cannot hide another. In-process, through ``reportedly.corpus.ingest``.
3. kill and resume: a real `reportedly ingest` over ~30 invented articles plus the hostile
   corpus, SIGKILLed at seeded random points and re-run each time, then compared row by row
   with an uninterrupted run: records lost and duplicated.

A crash is a run that stops with a traceback (exit status other than 0 or 1).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "from reportedly.cli import app; app()"]
GOOD = "Police arrested 14 protesters in Lagos on Monday, a police spokesman said."
# Row identities per table: what "the same record" means when comparing two stores.
KEYS = {"articles": "id", "statements": "article_id, id", "events": "article_id, id",
        "quantities": "article_id, id", "places": "article_id, idx", "failures": "origin, reason"}
EXTRA = {  # name -> one JSON line (see tests/test_crash_safety.py for the ones that stopped runs)
    "lone-surrogate-text": '{"text": "' + GOOD + ' \\ud800 after"}',
    "lone-surrogate-title": '{"text": "' + GOOD + ' Again.", "title": "\\udc00"}',
    "deep-nesting": '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}",
    "huge-integer": '{"text": "' + GOOD + ' Still.", "published": ' + "9" * 5000 + "}",
    "nul-in-text": json.dumps({"text": GOOD + " \u0000 after a NUL."}),
    "number-date": json.dumps({"text": GOOD + " By number.", "published": 1700000000}),
    "list-date": json.dumps({"text": GOOD + " By list.", "published": [2024, 1, 1]}),
    "object-title": json.dumps({"text": GOOD + " Odd title.", "title": {"a": 1}, "url": ["x"]}),
    "boolean-text": json.dumps({"text": True}),
    "infinite-date": '{"text": "' + GOOD + ' Inf.", "published": 1e999}',
    "escape-controls": json.dumps({"text": GOOD + " \u0007\u001b[31m red \u001b[0m"}),
}


def load_generator():
    spec = importlib.util.spec_from_file_location("hostile_corpus", ROOT / "scripts" / "hostile_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_ingest(paths: list[Path], db: Path, batch_size: int = 64) -> subprocess.Popen:
    return subprocess.Popen(CLI + ["ingest", *map(str, paths), "--db", str(db), "--batch-size", str(batch_size)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def store_rows(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT {k} FROM {t} ORDER BY {k}").fetchall() for t, k in KEYS.items()}
    finally:
        con.close()


# ---- 1. the hostile corpus -----------------------------------------------------------------


def hostile_corpus(work: Path, big_mb: int) -> dict:
    paths = load_generator().write_corpus(work / "hostile", big_mb=big_mb)
    db = work / "hostile.duckdb"
    start = time.monotonic()
    proc = run_ingest([work / "hostile"], db)
    _, err = proc.communicate()
    crashed = proc.returncode not in (0, 1) or b"Traceback" in err
    out = {"files": len(paths), "exit_status": proc.returncode, "crashes": int(crashed),
           "seconds": round(time.monotonic() - start, 1)}
    if crashed:
        out["error"] = err.decode(errors="replace")[-1500:]
        return out
    con = duckdb.connect(str(db), read_only=True)
    try:
        n_inputs, n_written, n_skipped, n_failed = con.execute(
            "SELECT n_inputs, n_written, n_skipped, n_failed FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
        reasons = dict(con.execute("SELECT reason, count(*) FROM failures GROUP BY 1 ORDER BY 2 DESC").fetchall())
        reports = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        origins = [r[0] for r in con.execute(
            "SELECT origin FROM failures UNION ALL SELECT origin FROM articles").fetchall()]
    finally:
        con.close()
    seen = {Path(o.split(":")[0]).name for o in origins if o}
    # identical inputs (same text and metadata) are extracted once: "skipped", not lost
    out.update(inputs=n_inputs, reports=n_written, articles=reports, identical_skipped=n_skipped,
               typed_failures=n_failed, failures_by_reason=reasons,
               unaccounted=n_inputs - n_written - n_skipped - n_failed,
               # ids are content hashes: a file whose text another file also carries is that article
               same_article_as_another_file=sorted(p.name for p in paths if p.name not in seen))
    return out


# ---- 2. extra hostile JSON lines -------------------------------------------------------------


def extra_inputs(work: Path) -> dict:
    from reportedly import Extractor
    from reportedly.corpus.ingest import ingest
    from reportedly.ingest import read_inputs
    from reportedly.store import Store

    extractor = Extractor()
    results: dict[str, dict] = {}
    for name, line in EXTRA.items():
        folder = work / "extra" / name
        folder.mkdir(parents=True)
        (folder / "case.jsonl").write_text(line + "\n" + json.dumps({"text": GOOD, "title": "good"}) + "\n")
        try:
            with Store(folder / "s.duckdb") as store:
                res = ingest(read_inputs([folder]), store, extractor=extractor)
            results[name] = {"outcome": "ok", "written": res.n_written,
                             "failures": [f.reason for f in res.failures]}
        except Exception as e:  # noqa: BLE001 - the point is to count what escapes
            results[name] = {"outcome": "crash", "error": f"{type(e).__name__}: {str(e)[:160]}"}
    crashes = sorted(k for k, v in results.items() if v["outcome"] == "crash")
    return {"inputs": len(EXTRA), "crashes": len(crashes), "crashed": crashes, "cases": results}


# ---- 3. kill and resume ----------------------------------------------------------------------


def invented_corpus(folder: Path, n: int = 30) -> Path:
    folder.mkdir(parents=True)
    places = ["Goma", "Bamako", "Quetta", "Cusco", "Khulna", "Kisumu"]
    lines = []
    for i in range(n):
        city = places[i % len(places)]
        lines.append({"text": f"Soldiers clashed with armed men near {city} on Sunday, killing {4 + i} people, "
                              f"a local official said. A hospital worker said {10 + i} people were wounded.",
                      "title": f"Clash near {city} ({i})", "published": f"2023-08-{1 + i % 28:02d}"})
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    return folder


def kill_at(proc: subprocess.Popen, wal: Path, commits: int | None, seconds: float | None) -> bool:
    """SIGKILL after ``commits`` WAL growths or ``seconds``; False when the run ended first."""
    start, last, grown = time.monotonic(), 0, 0
    while proc.poll() is None:
        size = wal.stat().st_size if wal.exists() else 0
        grown += size > last
        last = size
        if (commits is not None and grown >= commits) or (seconds is not None and time.monotonic() - start >= seconds):
            os.kill(proc.pid, signal.SIGKILL)
            proc.communicate()
            return proc.returncode == -signal.SIGKILL
        time.sleep(0.003)
    proc.communicate()
    return False


def kill_and_resume(work: Path, kills: int, seed: int) -> dict:
    corpus = [invented_corpus(work / "invented"), work / "hostile-small"]
    load_generator().write_corpus(corpus[1], big_mb=0)
    whole = work / "whole.duckdb"
    proc = run_ingest(corpus, whole, batch_size=2)
    _, err = proc.communicate()
    if proc.returncode not in (0, 1):
        return {"error": "the uninterrupted run failed: " + err.decode(errors="replace")[-800:]}
    expected = store_rows(whole)

    rng = random.Random(seed)
    cut = work / "cut.duckdb"
    wal = Path(str(cut) + ".wal")
    killed, left_file, opened, over = 0, 0, 0, 0
    for k in range(kills):
        # the first kill lands during start-up, the others after a random number of commits
        commits = None if k == 0 else rng.randint(2, 14)
        seconds = rng.uniform(0.3, 2.0) if k == 0 else None
        killed += kill_at(run_ingest(corpus, cut, batch_size=2), wal, commits, seconds)
        if cut.exists():
            left_file += 1
            con = duckdb.connect(str(cut))  # must always open (replays the WAL); raises if not
            opened += 1
            tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            over += sum(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] > len(expected[t])
                        for t in KEYS if t in tables)
            con.close()
    proc = run_ingest(corpus, cut, batch_size=2)
    _, err = proc.communicate()
    got = store_rows(cut)
    lost = sum(len(set(expected[t]) - set(got[t])) for t in KEYS)
    duplicated = sum(len(got[t]) - len(set(got[t])) + len(set(got[t]) - set(expected[t])) for t in KEYS)
    return {"runs_killed": killed, "kill_points": kills, "files_after_kill": left_file, "opened_after_kill": opened,
            "counts_above_final": over, "final_exit_status": proc.returncode,
            "records_compared": sum(len(v) for v in expected.values()),
            "records_lost": lost, "records_duplicated": duplicated}


# ---- report ----------------------------------------------------------------------------------


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores (load {load:.1f}), "
            f"Python {platform.python_version()}")


def summary_table(r: dict) -> str:
    h, x, k = r["hostile"], r["extra"], r["kill_resume"]
    reasons = ", ".join(f"{n} {why}" for why, n in h.get("failures_by_reason", {}).items())
    rows = [
        ("Hostile inputs tried (generated corpus)", f"{h.get('inputs', '?')} from {h['files']} files"),
        ("Reports (distinct articles) / typed failures",
         f"{h.get('reports', '?')} ({h.get('articles', '?')}) / {h.get('typed_failures', '?')}: {reasons}"),
        ("Inputs without an outcome (neither report, failure nor identical-input skip)",
         str(h.get("unaccounted", "?"))),
        ("Crashes on the generated corpus", str(h["crashes"])),
        ("Extra hostile JSON lines tried / crashes", f"{x['inputs']} / {x['crashes']}"
         + (f" (open bugs: {', '.join(x['crashed'])})" if x["crashed"] else "")),
        ("Kill-and-resume runs (SIGKILL, seeded)",
         f"{k.get('runs_killed', '?')} killed of {k.get('kill_points', '?')}; the store opened after "
         f"{k.get('opened_after_kill', '?')} of {k.get('files_after_kill', '?')} kills that left a file"),
        ("Records lost / duplicated after resume", f"{k.get('records_lost', '?')} / {k.get('records_duplicated', '?')} "
                                                   f"of {k.get('records_compared', '?')} compared"),
    ]
    lines = ["| measure | result |", "|---|---|"] + [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big-mb", type=int, default=50, help="size of the huge text in the hostile corpus")
    parser.add_argument("--kills", type=int, default=5, help="SIGKILL points in the kill-and-resume part")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reportedly-reliability-") as tmp:
        work = Path(tmp)
        report = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
                  "hostile": hostile_corpus(work, args.big_mb), "extra": extra_inputs(work),
                  "kill_resume": kill_and_resume(work, args.kills, args.seed)}
    if args.json:
        print(json.dumps(report, indent=2, default=str))
    else:
        print(f"reportedly reliability, {report['date']}, {report['machine']}\n")
        print(summary_table(report))
        print("\nfailures by reason:", json.dumps(report["hostile"].get("failures_by_reason", {})))
        for name, case in report["extra"]["cases"].items():
            print(f"  extra {name}: {case['outcome']} {case.get('error') or case.get('failures')}")
    crashes = report["hostile"]["crashes"] + report["extra"]["crashes"]
    lost = report["kill_resume"].get("records_lost", 1) + report["kill_resume"].get("records_duplicated", 1)
    return 1 if crashes or lost else 0


if __name__ == "__main__":
    sys.exit(main())
