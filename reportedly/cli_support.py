"""What every CLI command shares: error translation, exit codes, stderr progress."""

from __future__ import annotations

import contextlib
import sys
from typing import Iterable, Iterator, TypeVar

import typer
from rich.console import Console

from .errors import ReportedlyError, UsageError

T = TypeVar("T")
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
stderr = Console(stderr=True)
# Piped output gets a wide console so tables stay readable in files and pagers.
stdout = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 160)


@contextlib.contextmanager
def cli_errors() -> Iterator[None]:
    """Turn our exceptions into a one-line message and a distinct exit code."""
    try:
        yield
    except UsageError as e:
        stderr.print(f"[red]error:[/red] {e}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from e
    except ReportedlyError as e:
        stderr.print(f"[red]error:[/red] {e}", highlight=False)
        raise typer.Exit(EXIT_SOME_FAILED) from e


def track(items: Iterable[T], total: int | None = None, description: str = "") -> Iterator[T]:
    """A progress bar with ETA on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn()]
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task(description, total=total)
        for item in items:
            yield item
            progress.advance(task)
