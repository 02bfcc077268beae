"""Crash safety: a real `reportedly ingest` SIGKILLed at several seeded random points, re-run
after each kill, ends with the same store as one uninterrupted run; after every kill the
file opens and no count is above the final one (nothing half-written, nothing twice).

tests/test_ingest_resume.py kills once, mid-run, and resumes. This test chains kills on the
same file (so a resume is itself killed), at points spread over the run: before the first
commit (model loading), between batches, and past the last batch when the run gets that far
(the merge).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow
SEED = 20240519
N = 30
BATCH = 2
# Counts that only grow as articles arrive. Clusters are not among them: an article that
# arrives later can join two clusters into one, so a partial store may hold more clusters.
GROWING = ("articles", "statements", "events", "quantities", "failures")
CLI = [sys.executable, "-c", "from reportedly.cli import app; app()"]
PLACES = [("Goma", "Congolese"), ("Bamako", "Malian"), ("Quetta", "Pakistani"), ("Cusco", "Peruvian"),
          ("Khulna", "Bangladeshi"), ("Kisumu", "Kenyan")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """About 30 invented reports in three formats, one duplicate and one bad input."""
    folder = tmp_path_factory.mktemp("crash")
    lines = []
    for i in range(N - 6):
        city, adj = PLACES[i % len(PLACES)]
        text = (f"{adj} soldiers clashed with armed men near {city} on Sunday, killing {4 + i} people, "
                f"a local official said. A hospital worker said {10 + i} people were wounded.")
        lines.append({"text": text, "title": f"Clash near {city} ({i})", "published": f"2023-08-{1 + i:02d}",
                      "outlet": f"Wire {i % 4}"})
    lines.append(lines[3])  # the same article twice: stored once
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n")
    for i in range(6):
        city, _ = PLACES[i]
        (folder / f"local{i}.txt").write_text(
            f"Title: Protest in {city}\nPublished: 2023-09-{10 + i}\nOutlet: City Desk\n\n"
            f"Police arrested {20 + i} protesters in {city} on Friday, the interior ministry said. "
            f"Organisers said about {500 + 10 * i} people had marched.\n")
    return folder


def _ingest(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(CLI + ["ingest", str(corpus), "--db", str(db), "--batch-size", str(BATCH)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _stats_json(db: Path) -> dict:
    out = subprocess.run(CLI + ["stats", "--json", "--db", str(db)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _ids(db: Path) -> tuple[list, list, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return (con.execute("SELECT id FROM articles ORDER BY id").fetchall(),
                con.execute("SELECT article_id, id FROM events ORDER BY 1, 2").fetchall(),
                con.execute("SELECT origin, reason FROM failures ORDER BY 1").fetchall())
    finally:
        con.close()


def _counts_after_kill(db: Path) -> dict[str, int]:
    """Open the killed file as any analyst would (plain duckdb, read-write: replays the WAL)."""
    con = duckdb.connect(str(db))
    try:
        have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in GROWING if t in have}
        if "inputs" in have:  # every stored article has its input key, and no key is stored twice
            n_keys, n_distinct = con.execute("SELECT count(*), count(DISTINCT input_key) FROM inputs").fetchone()
            assert n_keys == n_distinct
        return counts
    finally:
        con.close()


def _kill_when(proc: subprocess.Popen, wal: Path, point: tuple[str, float]) -> bool:
    """SIGKILL ``proc`` at ``point``: ("seconds", t) after start, or ("commits", k) WAL growths.
    False when the run ended first."""
    kind, value = point
    start = time.monotonic()
    last, grown = 0, 0
    while proc.poll() is None:
        if time.monotonic() - start > 240:
            proc.kill()
            pytest.fail("ingest did not finish within 240 s")
        if kind == "seconds" and time.monotonic() - start >= value:
            break
        size = wal.stat().st_size if wal.exists() else 0
        if size > last:
            grown += 1
        last = size
        if kind == "commits" and grown >= value:
            break
        time.sleep(0.003)
    else:
        return False
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    return proc.returncode == -signal.SIGKILL


def test_random_sigkills_then_resume_lose_and_duplicate_nothing(corpus, tmp_path):
    whole = tmp_path / "whole.duckdb"
    p = _ingest(corpus, whole)
    _, err = p.communicate(timeout=240)
    assert p.returncode == 1, err.decode()[-2000:]  # the broken JSON line is a recorded failure
    expected = _stats_json(whole)
    assert expected["articles"] == N and expected["failures"] == 1
    expected_ids = _ids(whole)

    rng = random.Random(SEED)
    batches = N // BATCH
    points = [("seconds", rng.uniform(0.3, 2.0)),                  # importing, loading the model
              ("commits", rng.randint(2, batches // 3)),           # early batches
              ("commits", rng.randint(2, batches // 2)),           # a resumed run, killed again
              ("commits", rng.randint(3, 6)),
              ("commits", batches + 2)]                            # past the last batch: merging
    cut = tmp_path / "cut.duckdb"
    wal = Path(str(cut) + ".wal")
    killed, seen = 0, []
    for point in points:
        if _kill_when(_ingest(corpus, cut), wal, point):
            killed += 1
        if not cut.exists():
            continue  # killed before the file was created: nothing to open
        counts = _counts_after_kill(cut)  # always opens
        for table, n in counts.items():
            assert n <= expected[table], (point, table, n, expected[table])
        seen.append(counts.get("articles", 0))
    assert killed >= 3, f"only {killed} of {len(points)} runs were killed before they ended"
    assert any(0 < n < N for n in seen), f"no kill landed mid-run (articles after each kill: {seen})"

    final = _ingest(corpus, cut)
    _, err = final.communicate(timeout=240)
    assert final.returncode == 1, err.decode()[-2000:]
    assert _stats_json(cut) == expected
    assert _ids(cut) == expected_ids  # the same articles, events and failures: none lost, none twice


# A bad line must never stop a run. These JSON Lines did, when this file was written: each
# was a separate bug in reportedly/ingest/readers.py, fixed there; kept as regressions.
GOOD = "Police arrested 14 protesters in Lagos on Monday, a police spokesman said."
STOPPERS = {
    # json.loads turns "\ud800" into a lone surrogate; content_id() then cannot UTF-8-encode it
    "lone-surrogate-text": '{"text": "' + GOOD + ' \\ud800 after"}',
    "lone-surrogate-title": '{"text": "' + GOOD + ' Again.", "title": "\\udc00"}',
    # the C JSON decoder raises RecursionError, which _from_jsonl does not catch
    "deep-nesting": '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}",
    # int() refuses > 4300 digits with a plain ValueError, which has no .msg
    "huge-integer": '{"text": "' + GOOD + ' Still.", "published": ' + "9" * 5000 + "}",
}


@pytest.mark.parametrize("case", list(STOPPERS))
def test_a_hostile_json_line_never_stops_the_run(case, tmp_path, extractor):
    from reportedly.corpus.ingest import ingest
    from reportedly.ingest import read_inputs
    from reportedly.store import Store

    (tmp_path / "a.jsonl").write_text(STOPPERS[case] + "\n" + json.dumps({"text": GOOD, "title": "kept"}) + "\n")
    (tmp_path / "b.txt").write_text("Title: also kept\n\n"
                                    "Soldiers detained 9 traders in Kano on Friday, residents said.\n")
    with Store(tmp_path / "s.duckdb") as store:
        result = ingest(read_inputs([tmp_path]), store, extractor=extractor)
        titles = {r["title"] for r in store.sql("SELECT title FROM articles")}
    assert {"kept", "also kept"} <= titles
    assert result.n_written + result.n_failed == 3
