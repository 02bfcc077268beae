"""The review UI: a local FastAPI app over one store file.

``create_app(db_path)`` builds it; ``reportedly serve`` runs it with uvicorn. Every page
has a ``.json`` twin carrying the same data (``/events`` and ``/events.json``), and
every error, HTML or JSON, has one shape: ``{"ok": false, "error": {"status", "message"}}``.

Safety: the store is opened read-only unless ``allow_writes``; Jinja autoescapes every
value (article text, titles, outlets, names are never marked safe); JSON handed to page
scripts goes through Jinja's ``tojson``, which escapes ``<``, ``>``, ``&`` and ``'``;
the Content-Security-Policy allows scripts only from /static (see security.py).
"""

from __future__ import annotations

import json
import logging
import threading
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs, urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..errors import ReportedlyError, UsageError
from ..records import CHANNELS, PLOVER_TYPES, QUANTITY_KINDS
from . import format as fmt
from . import queries
from .index import Index
from .highlight import annotations, segments, source_colours, who_says_what
from .security import MAX_BODY_BYTES, BodyLimit, BodyTooLarge, HostCheck, SecurityHeaders, cross_origin

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
MAX_ANALYSE_CHARS = 100_000


def _jinja_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # everything, not only *.html: no template may emit raw article text
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        count=fmt.count, number=fmt.number, daterange=fmt.date_range, label=fmt.label,
        colour=fmt.type_colour, country=queries.country_name,
    )
    env.globals.update(PLOVER_TYPES=PLOVER_TYPES, CHANNELS=CHANNELS, QUANTITY_KINDS=QUANTITY_KINDS,
                       TYPE_COLOURS=fmt.TYPE_COLOURS)
    return env


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (set, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _json_response(payload: dict, status: int = 200) -> Response:
    body = json.dumps(payload, default=_json_default, ensure_ascii=False)
    return Response(body, status_code=status, media_type="application/json")


def _wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


class _Analyser:
    """The extraction pipeline, loaded on first use and shared (spaCy isn't thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def __call__(self, **article: Any):
        from ..pipeline import extract

        with self._lock:
            return extract(**article)


def create_app(db_path: str | Path, allow_writes: bool = False, tile_url: str | None = None, *,
               allowed_hosts: list[str] | None = None, max_body: int = MAX_BODY_BYTES) -> FastAPI:
    """The review app over ``db_path``. ``allowed_hosts`` guards against DNS rebinding."""
    index = Index(db_path, allow_writes=allow_writes)
    analyse = _Analyser()
    templates = Jinja2Templates(env=_jinja_env())
    app = FastAPI(title="reportedly", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.index = index
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    cursor = index.cursor

    # ---- rendering ---------------------------------------------------------------------

    def render(request: Request, template: str, data: dict, status: int = 200) -> Response:
        if _wants_json(request):
            return _json_response({"ok": True, **data}, status)
        context = {**data, "db_name": Path(db_path).name, "allow_writes": allow_writes,
                   "tile_url": tile_url, "path": request.url.path, "query": dict(request.query_params)}
        return templates.TemplateResponse(request, template, context, status_code=status)

    def error(request: Request, status: int, message: str) -> Response:
        payload = {"ok": False, "error": {"status": status, "message": message}}
        if _wants_json(request):
            return _json_response(payload, status)
        return templates.TemplateResponse(
            request, "error.html",
            {"error": payload["error"], "db_name": Path(db_path).name, "allow_writes": allow_writes,
             "path": request.url.path, "query": {}},
            status_code=status,
        )

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def _bad_request(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        return error(request, 400, f"{where}: {first.get('msg', 'invalid value')}")

    @app.exception_handler(BodyTooLarge)
    async def _too_large(request: Request, exc: BodyTooLarge) -> Response:
        return error(request, 413, str(exc))

    @app.exception_handler(ReportedlyError)
    async def _ours(request: Request, exc: ReportedlyError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error(request, 500, f"internal error ({type(exc).__name__}); see the server log")

    def twin(path: str) -> Callable:
        """Register one handler for ``path`` and its ``.json`` twin (JSON route first, so
        ``/events/{id}.json`` is not read as an id ending in .json)."""

        def decorate(fn: Callable) -> Callable:
            app.get(path + ".json", include_in_schema=False)(fn)
            app.get(path, include_in_schema=False, response_class=HTMLResponse)(fn)
            return fn

        return decorate

    # ---- pages -------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def home() -> Response:
        return RedirectResponse("/events", status_code=307)

    def filters_from(request: Request) -> queries.EventFilters:
        q = request.query_params
        f = queries.EventFilters(
            country=q.get("country") or None, type=q.get("type") or None,
            since=_iso_day(q.get("since"), "since"), until=_iso_day(q.get("until"), "until"),
            source=(q.get("source") or "").strip() or None,
            conflicts=q.get("conflicts") in ("1", "true", "on", "yes"),
            sort=q.get("sort") if q.get("sort") in queries.SORTS else "date",
            order="asc" if q.get("order") == "asc" else "desc",
            page=_int(q.get("page"), 1, "page"),
            per_page=min(_int(q.get("per_page"), queries.PER_PAGE, "per_page"), 500),
        )
        if f.type and f.type.upper() not in PLOVER_TYPES:
            raise UsageError(f"type: unknown event type {f.type!r}; use one of {', '.join(PLOVER_TYPES)}")
        return f

    @twin("/events")
    def events_page(request: Request) -> Response:
        f = filters_from(request)
        cur = cursor()
        data = queries.list_events(cur, f)
        data["filters"] = f.as_dict()
        if not _wants_json(request):
            data["facets"] = index.facets
            data["stats"] = index.stats
            data["pages"] = _pager(request, data["total"], f.page, f.per_page)
            data["sort_links"] = _sort_links(request, f)
        return render(request, "events.html", data)

    @twin("/events/{ident}")
    def event_page(request: Request, ident: str) -> Response:
        cur = cursor()
        cluster_id = queries.resolve_event(cur, ident)
        detail = queries.event_detail(cur, cluster_id) if cluster_id else None
        if detail is None:
            raise HTTPException(404, f"no event {ident!r} in this store")
        data: dict[str, Any] = {"event": detail}
        if not _wants_json(request):
            points = [{"lat": m["lat"], "lon": m["lon"], "type": m["type"], "label": m["place_name"],
                       "r": 5} for m in detail["members"]
                      # a country-level place sits at the country's centre: not where it happened
                      if m["lat"] is not None and m["place_precision"] != "country"]
            if detail["lat"] is not None:
                points.insert(0, {"lat": detail["lat"], "lon": detail["lon"], "type": detail["type"],
                                  "label": detail["place_name"], "r": 9, "primary": True})
            data["map_data"] = {**_map_base(tile_url), "points": points, "zoom": 6}
        return render(request, "event.html", data)

    @twin("/articles/{article_id}")
    def article_page(request: Request, article_id: str) -> Response:
        data = queries.article(cursor(), article_id)
        if data is None:
            raise HTTPException(404, f"no article {article_id!r} in this store")
        target = _span_param(request.query_params.get("span"))
        if _wants_json(request):
            return render(request, "article.html", data)
        return render(request, "article.html", {**data, **_article_view(data["report"], target)})

    @twin("/sources")
    def sources_page(request: Request) -> Response:
        q = request.query_params
        channel = q.get("channel") or None
        if channel and channel not in CHANNELS and channel != "unspecified":
            raise UsageError(f"channel: unknown channel {channel!r}; use one of {', '.join(CHANNELS)}")
        data = queries.sources(cursor(), name=(q.get("name") or "").strip() or None, channel=channel,
                               page=_int(q.get("page"), 1, "page"))
        data["filters"] = {"name": q.get("name") or "", "channel": channel or ""}
        if not _wants_json(request):
            data["pages"] = _pager(request, data["total"], data["page"], data["per_page"])
        return render(request, "sources.html", data)

    @twin("/map")
    def map_page(request: Request) -> Response:
        f = filters_from(request)
        cur = cursor()
        data: dict[str, Any] = {"points": queries.map_points(cur, f), "filters": f.as_dict(),
                                "limit": queries.MAP_LIMIT}
        if not _wants_json(request):
            data["facets"] = index.facets
            data["map_data"] = {**_map_base(tile_url), "points": data["points"], "sized": True}
        return render(request, "map.html", data)

    @twin("/timeline")
    def timeline_page(request: Request) -> Response:
        f = filters_from(request)
        cur = cursor()
        data = queries.timeline(cur, f)
        data["filters"] = f.as_dict()
        if not _wants_json(request):
            data["facets"] = index.facets
            data["chart"] = _timeline_chart(data)
        return render(request, "timeline.html", data)

    @twin("/analyse")
    def analyse_form(request: Request) -> Response:
        return render(request, "analyse.html", {"form": {}, "report": None})

    async def analyse_post(request: Request) -> Response:
        foreign = cross_origin(request.headers)
        if foreign:
            return error(request, 403, f"cross-origin POST refused (from {foreign}); use this server's own page")
        body = await request.body()
        form = _parse_body(body, request.headers.get("content-type", ""))
        text = str(form.get("text") or "").strip()
        article = {k: (str(form.get(k) or "").strip() or None) for k in ("published", "title", "outlet", "url")}
        want_store = str(form.get("store") or "").lower() in ("1", "true", "on", "yes")
        form_echo = {"text": text, "store": want_store, **{k: v or "" for k, v in article.items()}}
        try:
            if not text:
                raise UsageError("text: paste the article text")
            if len(text) > MAX_ANALYSE_CHARS:
                raise UsageError(f"text: {len(text):,} characters; the limit is {MAX_ANALYSE_CHARS:,}")
            if want_store and not allow_writes:
                return error(request, 403, "this server is read-only: restart it with "
                                           "`reportedly serve --allow-writes` to store")
            report = await run_in_threadpool(lambda: analyse(text=text, **article))
        except ReportedlyError as e:
            if _wants_json(request):
                raise
            # the form again, with the message and the pasted text kept
            return render(request, "analyse.html", {"form": form_echo, "report": None,
                                                    "problem": str(e)}, status=400)
        stored = False
        if want_store:
            await run_in_threadpool(_store_report, index, report)
            stored = True
        data = {"report": report.to_dict(), "stored": stored}
        if _wants_json(request):
            return _json_response({"ok": True, **data})
        return render(request, "analyse.html", {**data, "form": form_echo,
                                                **_article_view(data["report"], None)})

    app.post("/analyse.json", include_in_schema=False)(analyse_post)
    app.post("/analyse", include_in_schema=False)(analyse_post)

    # outermost first: size limit, then headers on every response (errors included)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    app.add_middleware(SecurityHeaders, tile_url=tile_url)
    if allowed_hosts:
        app.add_middleware(HostCheck, allowed_hosts=allowed_hosts)
    return app


def _map_base(tile_url: str | None) -> dict:
    return {"tile_url": tile_url, "colours": fmt.TYPE_COLOURS, "unknown": fmt.UNKNOWN_COLOUR,
            "outlines": "/static/vendor/natural-earth/countries-50m.geojson"}


def _store_report(index: Index, report: Any) -> None:
    """Write one analysed article and re-merge, as an ingest run would (so it joins events).

    Merging recomputes every cluster: seconds on a large store, fine for one pasted article.
    """
    from ..corpus.merge import merge_store
    from ..store import input_key

    art = report.article
    key = input_key(art.text, art.title, art.published, art.outlet, art.url)
    with index.lock:
        index.store.write_batch([(report, key, "<web analyse>")], [])
        merge_store(index.store)
        index.rebuild()


def _parse_body(body: bytes, content_type: str) -> dict:
    """A urlencoded form or a JSON object (no multipart: nothing here uploads files)."""
    if "application/json" in content_type:
        try:
            data = json.loads(body or b"{}")
        except ValueError as e:
            raise UsageError(f"body: not valid JSON ({e})") from e
        if not isinstance(data, dict):
            raise UsageError("body: send a JSON object {\"text\": ..., \"published\": ...}")
        return data
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError) as e:
        raise UsageError(f"body: not a UTF-8 form ({e})") from e
    return {k: v[-1] for k, v in parsed.items()}


def _article_view(report: dict, target: tuple[int, int] | None) -> dict:
    marks, records = annotations(report)
    return {
        "segments": segments(report["article"]["text"], marks, target),
        "records": records,
        "panel": who_says_what(report),
        "colours": source_colours(report),
        "target": target,
    }


def _iso_day(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError as e:
        raise UsageError(f"{name}: {value!r} is not a date; use YYYY-MM-DD") from e


def _int(value: str | None, default: int, name: str) -> int:
    if value in (None, ""):
        return default
    if not value.isdigit() or int(value) < 1:
        raise UsageError(f"{name}: {value!r} is not a positive whole number")
    return int(value)


def _span_param(value: str | None) -> tuple[int, int] | None:
    """``?span=120-164``: the evidence span a link points at."""
    if not value:
        return None
    start, _, end = value.partition("-")
    if not (start.isdigit() and end.isdigit()) or int(end) < int(start):
        raise UsageError(f"span: {value!r} is not START-END character offsets")
    return int(start), int(end)


def _with(request: Request, **changes: Any) -> str:
    params = {k: v for k, v in request.query_params.items()}
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = str(v)
    return f"{request.url.path}?{urlencode(params)}" if params else request.url.path


def _pager(request: Request, total: int, page: int, per_page: int) -> dict:
    last = max(1, -(-total // per_page))
    return {
        "page": page, "last": last, "total": total,
        "first_row": (page - 1) * per_page + 1 if total else 0,
        "last_row": min(total, page * per_page),
        "prev": _with(request, page=page - 1) if page > 1 else None,
        "next": _with(request, page=page + 1) if page < last else None,
    }


def _sort_links(request: Request, f: queries.EventFilters) -> dict[str, dict]:
    links = {}
    for key in queries.SORTS:
        active = f.sort == key
        order = ("asc" if f.order == "desc" else "desc") if active else ("asc" if key in ("type", "country", "place") else "desc")
        links[key] = {"href": _with(request, sort=key, order=order, page=None),
                      "active": active, "order": f.order if active else None}
    return links


def _periods(first: str, last: str, bucket: str) -> list[str]:
    """Every period from first to last, so quiet days show as gaps, not as nothing."""
    out: list[str] = []
    d, end = date.fromisoformat(first), date.fromisoformat(last)
    while d <= end and len(out) < 5000:
        out.append(d.isoformat())
        if bucket == "day":
            d = date.fromordinal(d.toordinal() + 1)
        elif bucket == "week":
            d = date.fromordinal(d.toordinal() + 7)
        else:
            d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return out


def _timeline_chart(data: dict, width: int = 960, height: int = 260) -> dict:
    """Stacked bars per period, laid out here so the template only draws rectangles."""
    seen = sorted({r["period"] for r in data["rows"]})
    if not seen:
        return {"bars": [], "width": width, "height": height, "max": 0, "ticks": []}
    periods = _periods(seen[0], seen[-1], data["bucket"])
    index = {p: i for i, p in enumerate(periods)}
    totals: dict[str, int] = {}
    for r in data["rows"]:
        totals[r["period"]] = totals.get(r["period"], 0) + r["n"]
    top = max(totals.values())
    pad_left, pad_bottom = 40, 24
    plot_w, plot_h = width - pad_left - 10, height - pad_bottom - 10
    step = plot_w / len(periods)
    bar_w = max(1.0, min(step * 0.8, 36.0))
    stack: dict[str, float] = {}
    bars = []
    for r in sorted(data["rows"], key=lambda r: (r["period"], r["type"])):
        i = index[r["period"]]
        h = plot_h * r["n"] / top
        y0 = stack.get(r["period"], 0.0)
        stack[r["period"]] = y0 + h
        bars.append({"x": round(pad_left + i * step + (step - bar_w) / 2, 1), "y": round(10 + plot_h - y0 - h, 1),
                     "w": round(bar_w, 1), "h": round(h, 1), "type": r["type"], "n": r["n"],
                     "period": r["period"], "colour": fmt.type_colour(r["type"])})
    every = max(1, len(periods) // 8)
    ticks = [{"x": round(pad_left + i * step + step / 2, 1), "label": p}
             for i, p in enumerate(periods) if i % every == 0]
    yticks = [{"y": round(10 + plot_h - plot_h * v / top, 1), "label": v}
              for v in sorted({0, top // 2, top})]
    return {"bars": bars, "width": width, "height": height, "max": top, "ticks": ticks,
            "yticks": yticks, "baseline": 10 + plot_h, "left": pad_left}
