"""Hostile inputs: every file ends as a Report or a typed Failure, and the batch goes on."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from reportedly import Failure, Report
from reportedly.ingest import ArticleInput, read_inputs
from reportedly.records import iter_spans

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "hostile_corpus.py"
KNOWN_REASONS = {"binary", "empty", "too_large", "bad_json", "bad_csv", "bad_date", "not_english",
                 "missing_file", "unreadable", "extraction_error"}


def _load_generator():
    spec = importlib.util.spec_from_file_location("hostile_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_hostile_input_ends_as_a_report_or_typed_failure(tmp_path, extractor):
    paths = _load_generator().write_corpus(tmp_path / "hostile", big_mb=12)
    inputs = list(read_inputs(paths))
    articles = [x for x in inputs if isinstance(x, ArticleInput)]
    failures = [x for x in inputs if isinstance(x, Failure)]
    results = list(extractor.pipe(articles, on_error="yield"))
    failures += [r for r in results if isinstance(r, Failure)]
    reports = [r for r in results if isinstance(r, Report)]

    assert {f.reason for f in failures} <= KNOWN_REASONS
    reasons = {Path(f.origin.split(":")[0]).name: f.reason for f in failures}
    assert reasons["binary.txt"] == "binary" and reasons["zip-renamed.txt"] == "binary"
    assert reasons["empty.txt"] == "empty" and reasons["whitespace.txt"] == "empty"
    assert reasons["huge.txt"] == "too_large" and reasons["french.txt"] == "not_english"
    assert reasons["year-zero.jsonl"] == "bad_date" and reasons["no-text-column.csv"] == "bad_csv"
    readable = {"utf16-bom.txt", "latin1.txt", "nested.html", "scripts.html", "absurd-numbers.txt",
                "rtl-zero-width.txt", "mojibake.txt", "invalid-utf8.txt"}
    produced = {Path(a.origin.split(":")[0]).name for a, r in zip(articles, results) if isinstance(r, Report)}
    assert readable <= produced, f"expected reports for {readable - produced}"
    for report in reports:
        assert "<script" not in report.article.text
        for span in iter_spans(report):
            assert report.article.text[span.start:span.end] == span.text
        for q in report.quantities:
            assert q.low is None or q.low < 1e16
