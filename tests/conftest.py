"""Shared fixtures. Unit tests build Docs by hand or with the small base model;
tests that need ../shared/data skip cleanly when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("REPORTEDLY_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent (data-dependent test)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def nlp():
    """The base spaCy pipeline (no reportedly components), loaded once per test session."""
    from reportedly.nlp import load_spacy

    return load_spacy()


@pytest.fixture(scope="session")
def pipeline():
    """The full reportedly pipeline, loaded once per test session."""
    from reportedly.nlp import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def extractor():
    from reportedly import Extractor

    return Extractor()
