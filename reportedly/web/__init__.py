"""The review UI: ``reportedly serve --db FILE`` (see docs/web.md).

``create_app(db_path, allow_writes=False, tile_url=None)`` returns the FastAPI app, for
uvicorn or for tests with ``fastapi.testclient.TestClient``.
"""

from .app import create_app

__all__ = ["create_app"]
