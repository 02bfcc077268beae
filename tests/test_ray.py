"""--engine ray: Ray Data extraction gives the same records and store as a local run."""

from __future__ import annotations

import pytest

from reportedly.corpus.ingest import IngestOptions, ingest
from reportedly.ingest import ArticleInput, Failure
from reportedly.store import Store

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")
pytestmark = pytest.mark.slow

ARTICLES = [  # invented reports of one invented attack, plus one input that must fail
    ArticleInput(text="Gunmen attacked a bus station in Quetta on Monday, killing at least 9 people, police said.",
                 published="2024-09-03", outlet="Frontier Post", origin="mem:1"),
    ArticleInput(text="A hospital official in Quetta said 14 people were killed when gunmen attacked the bus "
                      "station on Monday. Residents said the attackers fled on motorbikes.",
                 published="2024-09-03", outlet="Evening Courier", origin="mem:2"),
    ArticleInput(text="Police in Karachi arrested 23 protesters on Sunday after a march against fuel prices, "
                      "a spokesman said.", published="2024-09-02", outlet="Morning Wire", origin="mem:3"),
    ArticleInput(text="  \n ", origin="mem:4"),  # empty: a Failure from either engine
]


def _run(tmp_path, name: str, options: IngestOptions):
    with Store(tmp_path / f"{name}.duckdb") as s:
        result = ingest(list(ARTICLES), s, options)
        return result, s.stats(), {r.article.id: r for r in s.reports()}, \
            s.sql("SELECT cluster_id, article_id, event_id FROM cluster_members ORDER BY 2, 3")


def test_ray_engine_matches_a_local_run(tmp_path):
    try:
        local = _run(tmp_path, "local", IngestOptions(batch_size=2))
        remote = _run(tmp_path, "ray", IngestOptions(engine="ray", batch_size=2, n_process=1))
    finally:
        ray.shutdown()
    assert remote[1] == local[1] and local[1]["articles"] == 3 and local[1]["failures"] == 1
    assert remote[2] == local[2]  # the very same records
    assert remote[3] == local[3]  # and the same clusters
    assert [f.reason for f in remote[0].failures] == [f.reason for f in local[0].failures] == ["empty"]
    assert all(isinstance(f, Failure) for f in remote[0].failures)
