"""Exports of the event dataset: one row per real-world event (cluster).

- ``jsonl``: the flat row plus every report and every source's figure, nested;
- ``csv``: ACLED-style columns (event_date, event_type, ... fatalities) plus our
  provenance (asserted_by, channel, low, high, conflict); ``acled=True`` puts the
  ACLED columns first, in ACLED's order;
- ``parquet``: the same columns, typed (pyarrow);
- ``geojson``: a FeatureCollection of points (events with coordinates), the row as properties.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO, Any, Iterator, Literal

from .corpus.query import EventFilter, columns, flat_rows
from .errors import UsageError
from .store import Store

Format = Literal["jsonl", "csv", "parquet", "geojson"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "geojson")


def export(store: Store, format: str, output: str | Path | None = None, *, acled: bool = False,
           flt: EventFilter = EventFilter()) -> int:
    """Write the dataset; ``output`` None = stdout (not for parquet). Returns the number of events."""
    if format not in FORMATS:
        raise UsageError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")
    if format == "parquet":
        if output is None:
            raise UsageError("parquet is binary: pass --output FILE.parquet")
        return _parquet(store, Path(output), acled, flt)
    if output is None:
        return _write(store, format, sys.stdout, acled, flt)
    with open(output, "w", encoding="utf-8", newline="") as fh:
        return _write(store, format, fh, acled, flt)


def _write(store: Store, format: str, fh: IO[str], acled: bool, flt: EventFilter) -> int:
    cols = columns(acled)
    n = 0
    if format == "csv":
        writer = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        for row in flat_rows(store, flt):
            writer.writerow({k: _spreadsheet_safe(v) for k, v in row.items()})
            n += 1
    elif format == "jsonl":
        for row in flat_rows(store, flt, with_figures=True):
            ordered = {c: row.get(c) for c in cols} | {"reports": row["reports"], "quantities": row["quantities"]}
            fh.write(json.dumps(ordered, ensure_ascii=False) + "\n")
            n += 1
    else:
        fh.write('{"type": "FeatureCollection", "features": [\n')
        for feature in _features(store, flt, cols):
            fh.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
        fh.write("\n]}\n")
    return n


def _spreadsheet_safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula (=, +, -, @) gets a leading quote.

    Outlet and source names come from untrusted articles; numbers stay numbers.
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _features(store: Store, flt: EventFilter, cols: list[str]) -> Iterator[dict[str, Any]]:
    for row in flat_rows(store, flt):
        if row["latitude"] is None or row["longitude"] is None:
            continue  # GeoJSON points need coordinates; the CSV keeps these events
        yield {"type": "Feature", "id": row["event_id"],
               "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
               "properties": {c: row.get(c) for c in cols}}


def _parquet(store: Store, path: Path, acled: bool, flt: EventFilter) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = columns(acled)
    types = {"latitude": pa.float64(), "longitude": pa.float64(), "fatalities": pa.int64(), "low": pa.float64(),
             "high": pa.float64(), "conflict": pa.bool_(), "n_reports": pa.int64(), "n_outlets": pa.int64(),
             "injured_low": pa.float64(), "injured_high": pa.float64(), "arrested_low": pa.float64(),
             "arrested_high": pa.float64()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in cols])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in flat_rows(store, flt):
            batch.append({c: row.get(c) for c in cols})
            if len(batch) >= 10000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
