"""A real `reportedly ingest` killed with SIGKILL mid-run resumes to the same store as an uninterrupted run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportedly.store import Store

pytestmark = pytest.mark.slow
CITIES = ["Goma", "Bamako", "Quetta", "Lima", "Dhaka", "Nairobi"]
N = 30
BATCH = 2


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """Invented, template-made reports (no real text)."""
    folder = tmp_path_factory.mktemp("articles")
    for i in range(N):
        city, n = CITIES[i % len(CITIES)], 3 + i
        (folder / f"a{i:03d}.txt").write_text(
            f"Title: Clash {i}\nPublished: 2024-05-{1 + i % 28:02d}\nOutlet: Outlet {i % 5}\n\n"
            f"Gunmen attacked a police post in {city} on Tuesday, killing {n} people, officials said. "
            f"Residents said {n + 2} people were injured.\n")
    (folder / "empty.txt").write_text("")  # a failure, recorded in every run
    return folder


def ingest(articles: Path, db: Path, **popen) -> subprocess.Popen:
    cmd = [sys.executable, "-c", "from reportedly.cli import app; app()", "ingest", str(articles),
           "--db", str(db), "--batch-size", str(BATCH)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def contents(db: Path) -> tuple[dict, list, list]:
    with Store(db, read_only=True) as s:
        ids = s.sql("SELECT id FROM articles ORDER BY id")
        members = s.sql("SELECT cluster_id, article_id, event_id FROM cluster_members "
                        "ORDER BY article_id, event_id")
        return s.stats(), ids, members


def test_sigkill_then_resume_gives_the_same_store(articles, tmp_path):
    whole = tmp_path / "whole.duckdb"
    p = ingest(articles, whole)
    p.communicate(timeout=240)
    assert p.returncode == 1  # the empty file failed; everything else went in
    expected = contents(whole)
    assert expected[0]["articles"] == N and expected[0]["failures"] == 1

    # Re-ingesting the same articles changes nothing.
    again = ingest(articles, whole)
    _, err = again.communicate(timeout=240)
    assert contents(whole) == expected and b"0 articles extracted" in err

    # Kill a second run once a few batches are committed (the WAL grows with each commit).
    cut = tmp_path / "cut.duckdb"
    wal = Path(str(cut) + ".wal")
    victim = ingest(articles, cut)
    deadline = time.monotonic() + 240
    while victim.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 60_000:
            os.kill(victim.pid, signal.SIGKILL)
            break
        time.sleep(0.005)
    victim.communicate(timeout=60)
    assert victim.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    with Store(cut, read_only=True) as s:
        partial = s.stats()["articles"]
    assert 0 < partial < N

    resumed = ingest(articles, cut)
    _, err = resumed.communicate(timeout=240)
    assert resumed.returncode == 1
    assert contents(cut) == expected
    assert f"{partial} already stored".encode() in err
