"""Shared fixtures. Unit tests build Docs by hand or with the small base model;
tests that need ../shared/data skip cleanly when it is absent."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_in_thread(app, timeout: float = 20.0):
    """Run an ASGI app on a real uvicorn server on loopback; yields the port."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail(f"uvicorn did not start within {timeout:.0f} s")
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)
