"""`reportedly bench` runs end to end and reports the agreed keys (speed itself is not asserted)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from reportedly import bench
from reportedly.cli import app


def test_bench_json_keys(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Title: A\nPublished: 2022-01-06\n\nPolice arrested 40 people in Lagos, officials said.")
    (tmp_path / "b.txt").write_text("Protesters burned tyres in Santiago late Saturday, witnesses said.")
    monkeypatch.setattr(bench, "QUICK_ARTICLES", 4)
    monkeypatch.setattr(bench, "WARMUP", 1)
    for extra in ([], ["--with-store"]):
        result = CliRunner().invoke(app, ["bench", "--quick", "--json", "--articles", str(tmp_path), *extra])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert {"ratio", "articles_per_s", "words_per_s"} <= data.keys()
        assert data["articles"] == 4 and data["failures"] == 0 and data["ratio"] > 0
        assert data["with_store"] == bool(extra)


def test_bench_without_articles_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["bench", "--quick", "--articles", str(tmp_path)])
    assert result.exit_code == 2
