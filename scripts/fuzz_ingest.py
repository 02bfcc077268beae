"""Fuzz the ingest parsers with atheris for a fixed number of runs (not part of CI).

    pip install atheris
    python scripts/fuzz_ingest.py -runs=200000 -dict=scripts/fuzz_ingest.dict

Every input must end as ArticleInput or a typed Failure: any other exception is a bug.
The fuzzer picks the format from the first byte, so txt, jsonl, csv and html all get covered.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from reportedly.errors import IngestError
    from reportedly.ingest import normalize, readers
    from reportedly.store.rows import input_key

FORMATS = ("txt", "jsonl", "csv", "html")


def parse(data: bytes) -> list:
    if not data:
        return []
    kind, body = FORMATS[data[0] % len(FORMATS)], data[1:]
    try:
        text = normalize.decode_bytes(body, "<fuzz>")
    except IngestError:
        return []
    if kind == "jsonl":
        results = list(readers._from_jsonl(text, "<fuzz>"))
    elif kind == "csv":
        results = list(readers._from_csv(text, "<fuzz>"))
    elif kind == "html":
        results = list(readers._guard("<fuzz>", lambda: readers._from_html(text, "<fuzz>")))
    else:
        results = list(readers._guard("<fuzz>", lambda: readers._from_txt(text, "<fuzz>")))
    for item in results:
        if isinstance(item, readers.ArticleInput):
            # What the store does next: hash the input (lone surrogates once failed here).
            input_key(item.text, item.title, item.published, item.outlet, item.url)
            try:
                normalize.normalize_text(item.text, "<fuzz>")
            except IngestError:
                pass
    return results


def test_one_input(data: bytes) -> None:
    for item in parse(data):
        assert isinstance(item, (readers.ArticleInput, readers.Failure)), item


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
