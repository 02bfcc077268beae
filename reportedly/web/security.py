"""ASGI middleware that keeps the review UI a safe local tool.

- ``BodyLimit``: refuses request bodies over a limit (a pasted article is small; a
  multi-megabyte POST is a mistake or an attack), whether or not the client declares
  its length.
- ``SecurityHeaders``: a strict Content-Security-Policy (scripts and styles only from
  our own /static, so even an escaping bug could not run injected script), no
  sniffing, no framing, no referrer leaking to other sites.
- ``cross_origin``: a write (POST) must come from our own pages. A server on 127.0.0.1
  is reachable by any web page the analyst has open, so without this a hostile page
  could submit the analyse form with "store" ticked.
"""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable, MutableMapping
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES = 1_000_000  # ~150 pages of text: far more than any news article


class BodyTooLarge(Exception):
    """Raised from inside ``receive`` when a streamed body passes the limit."""

    def __init__(self, limit: int):
        super().__init__(f"request body is larger than {limit:,} bytes; paste a shorter article")
        self.limit = limit


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            # the app's BodyTooLarge handler renders the uniform error: trigger it on first read
            async def refuse() -> Message:
                raise BodyTooLarge(self.max_bytes)

            await self.app(scope, refuse, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counted, send)


class SecurityHeaders:
    def __init__(self, app: ASGIApp, tile_url: str | None = None):
        self.app = app
        img = "'self' data:"
        if tile_url:
            # allow the configured tile server's origin only (placeholders stripped)
            parts = urlsplit(tile_url.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"))
            if parts.scheme in ("http", "https") and parts.netloc:
                host = parts.netloc
                if tile_url.startswith(f"{parts.scheme}://{{s}}."):
                    host = "*." + host.split(".", 1)[1]
                img += f" {parts.scheme}://{host}"
        self.headers = [
            (b"content-security-policy",
             f"default-src 'none'; script-src 'self'; style-src 'self'; img-src {img}; "
             f"connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
             f"frame-ancestors 'none'".encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on our own
            # form posts, and cross_origin() could not tell them from a sandboxed attacker
            (b"referrer-policy", b"same-origin"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self.headers if k not in names
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


class HostCheck:
    """Refuse requests whose Host header is not ours (DNS rebinding: a hostile site's
    name resolving to 127.0.0.1 must not be able to read the store), in the one error shape."""

    def __init__(self, app: ASGIApp, allowed_hosts: list[str]):
        self.app = app
        self.allowed = {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = (_header(scope, b"host") or "").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.allowed:
                body = json.dumps({"ok": False, "error": {"status": 400, "message": (
                    f"host {host!r} is not served here; open http://127.0.0.1 (or the --host you started it with)")}})
                await send({"type": "http.response.start", "status": 400,
                            "headers": [(b"content-type", b"application/json")]})
                await send({"type": "http.response.body", "body": body.encode()})
                return
        await self.app(scope, receive, send)


def cross_origin(headers: Any) -> str | None:
    """The foreign origin of a write, or None when it comes from our own pages.

    No Origin/Referer at all means a script or curl, not a browser form posted from
    another site, so it is allowed.
    """
    host = headers.get("host")
    origin = headers.get("origin") or headers.get("referer")
    if origin and host and urlsplit(origin).netloc != host:
        return urlsplit(origin).netloc or origin
    return None


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None
