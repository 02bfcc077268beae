"""``reportedly serve``: the review web UI over a store file (a thin veneer over
reportedly.web.create_app; see docs/web.md)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Optional

import typer

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer, train_app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: Path = typer.Option(Path("reportedly.duckdb"), "--db", help="Store file written by `reportedly ingest`."),
        host: str = typer.Option("127.0.0.1", help="Interface to bind. The default is reachable from this machine only."),
        port: int = typer.Option(8000, help="TCP port."),
        allow_writes: bool = typer.Option(False, "--allow-writes",
                                          help="Open the store read-write so the Analyse page can store articles."),
        tile_url: Optional[str] = typer.Option(
            None, "--tile-url",
            help="Map tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
                 "(default: offline country outlines only)."),
    ) -> None:
        """Serve the review UI: events, disagreements, articles, sources, map, timeline."""
        import uvicorn

        from ..cli_support import cli_errors, stderr
        from ..errors import UsageError
        from ..web import create_app

        with cli_errors():
            if not db.exists():
                raise UsageError(f"no store at {db}: create it with `reportedly ingest PATH --db {db}`")
            if not 0 < port < 65536:
                raise UsageError(f"--port {port} is not a TCP port (1-65535)")
            # On loopback, refuse other Host headers: a hostile page cannot reach us by DNS rebinding.
            hosts = LOOPBACK_NAMES + [host] if _is_loopback(host) else None
            web = create_app(db, allow_writes=allow_writes, tile_url=tile_url, allowed_hosts=hosts)
            if not _is_loopback(host):
                stderr.print(f"[yellow]warning:[/yellow] serving on {host}: anyone who can reach this "
                             f"machine can read the store{' and write to it' if allow_writes else ''}")
            stderr.print(f"reportedly: serving {db} on http://{host}:{port}/ "
                         f"({'read-write' if allow_writes else 'read-only'}); Ctrl+C stops it", highlight=False)
        uvicorn.run(web, host=host, port=port, log_level="warning")
