"""Synthetic corpora from templates, for benchmarks and tests (no real text anywhere).

Two products:
- ``synth_inputs``: article *texts* (ArticleInput) to benchmark the whole ingest;
- ``build_report`` / ``synth_reports``: ready-made ``Report`` records with exact spans,
  to test and benchmark the store, merging and exports without running spaCy.

Both are seeded and deterministic. Each real-world event is reported by several
outlets with different figures, so merging and the disagreement view have work to do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterator

from ..ingest import ArticleInput
from ..records import (
    Acled, Actor, Article, DateValue, Event, Place, Quantity, Report, Source, Span, Statement, content_id,
)


@dataclass
class PlaceSpec:
    name: str
    country: str
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str = "city"


@dataclass
class FigureSpec:
    kind: str
    low: float
    high: float | None = None           # None with qualifier at_least/over = unbounded
    qualifier: str = "exact"
    source: str | None = None           # None = the reporter's own voice
    channel: str | None = None
    via: list[str] = field(default_factory=list)
    update: bool = False                # phrase it as "the toll rose to N"


@dataclass
class EventSpec:
    type: str = "ASSAULT"
    trigger: str = "attacked"
    acled: tuple[str, str] | None = ("Violence against civilians", "Attack")
    place: PlaceSpec | None = None
    day: str | None = None              # ISO date of the event
    actors: list[tuple[str, str, str | None]] = field(default_factory=list)  # (role, name, sector)
    figures: list[FigureSpec] = field(default_factory=list)
    modality: str = "asserted"


_KIND_WORD = {"killed": "killed", "injured": "injured", "arrested": "arrested", "missing": "missing",
              "displaced": "displaced", "participants": "taking part", "attackers": "among the attackers",
              "other": "affected"}
_QUAL_WORD = {"exact": "", "at_least": "at least ", "over": "more than ", "about": "about ",
              "at_most": "at most ", "under": "fewer than ", "vague": "", "range": ""}


class _Text:
    """Appends text and hands back exact spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0

    def add(self, s: str) -> Span:
        span = Span(text=s, start=self.n, end=self.n + len(s))
        self.parts.append(s)
        self.n += len(s)
        return span

    @property
    def text(self) -> str:
        return "".join(self.parts)


def build_report(events: list[EventSpec], *, outlet: str, published: str, url: str | None = None,
                 title: str | None = None) -> Report:
    """A valid Report (spans index the text) for the given events, phrased from templates."""
    t = _Text()
    pending_sources: dict[str, list[tuple[int, int]]] = {}
    ev_parts: list[dict] = []
    for spec in events:
        actor_spans = []
        src = [a for a in spec.actors if a[0] == "source"]
        tgt = [a for a in spec.actors if a[0] == "target"]
        if src:
            actor_spans.append((src[0], t.add(src[0][1])))
            t.add(" ")
        else:
            t.add("Unidentified assailants ")
        trig = t.add(spec.trigger)
        if tgt:
            t.add(" ")
            actor_spans.append((tgt[0], t.add(tgt[0][1])))
        place_span = date_span = None
        if spec.place:
            t.add(" in ")
            place_span = t.add(spec.place.name)
        if spec.day:
            t.add(" on ")
            date_span = t.add(date.fromisoformat(spec.day).strftime("%d %B %Y").lstrip("0"))
        t.add(". ")
        figs = []
        for f in spec.figures:
            number = f"{int(f.low)}" if f.high == f.low or f.high is None else f"{int(f.low)} to {int(f.high)}"
            if f.update:
                start = t.n
                t.add("The number of people " + _KIND_WORD[f.kind] + " rose to ")
                qspan = t.add(number)
            else:
                start = t.n
                t.add(_QUAL_WORD.get(f.qualifier, "").capitalize() if _QUAL_WORD.get(f.qualifier) else "")
                qspan = t.add(number)
                t.add(f" people were {_KIND_WORD[f.kind]}")
            content = Span(text=t.text[start:t.n], start=start, end=t.n)
            src_span = via_spans = None
            if f.source:
                t.add(", ")
                src_span = t.add(f.source)
                pending_sources.setdefault(f.source, []).append((src_span.start, src_span.end))
                via_spans = []
                for v in f.via:
                    t.add(" told ")
                    vs = t.add(v)
                    pending_sources.setdefault(v, []).append((vs.start, vs.end))
                    via_spans.append(v)
                t.add(" said")
            t.add(". ")
            figs.append((f, qspan, content, src_span, via_spans))
        ev_parts.append({"spec": spec, "trigger": trig, "actors": actor_spans, "place": place_span,
                         "date": date_span, "figures": figs})
    text = t.text.rstrip()
    aid = content_id("art", text, url or "")
    art = Article(id=aid, title=title, published=published, outlet=outlet, url=url, text=text)
    sources = [Source(id=content_id("src", name, aid), name=name,
                      kind="organization" if name[:1].isupper() else "anonymous",
                      mentions=[list(m) for m in spans])  # type: ignore[misc]
               for name, spans in pending_sources.items()]
    sid = {s.name: s.id for s in sources}
    statements: list[Statement] = []
    out_events: list[Event] = []
    quantities: list[Quantity] = []
    places: list[Place] = []
    dates: list[DateValue] = []
    for part in ev_parts:
        spec: EventSpec = part["spec"]
        trig: Span = part["trigger"]
        eid = content_id("ev", aid, spec.type, trig.start, trig.end)
        place = None
        if part["place"] is not None and spec.place:
            p = spec.place
            place = Place(**part["place"].model_dump(), name=p.name, country=p.country, admin1=p.admin1,
                          lat=p.lat, lon=p.lon, geonameid=p.geonameid, precision=p.precision)  # type: ignore[arg-type]
            places.append(place)
        dv = None
        if part["date"] is not None and spec.day:
            dv = DateValue(**part["date"].model_dump(), earliest=spec.day, latest=spec.day, precision="day")
            dates.append(dv)
        ev_statements: list[str] = []
        asserted: list[str] = []
        for f, qspan, content, src_span, via in part["figures"]:
            st_id = None
            if f.source:
                st_id = content_id("st", aid, content.start, content.end, None)
                statements.append(Statement(id=st_id, source=sid[f.source], source_span=src_span, kind="indirect",
                                            content=content, channel=f.channel,  # type: ignore[arg-type]
                                            via=[sid[v] for v in via or []]))
                ev_statements.append(st_id)
                asserted.append(sid[f.source])
            quantities.append(Quantity(**qspan.model_dump(), id=content_id("q", aid, qspan.start, qspan.end),
                                       kind=f.kind, low=f.low, high=f.high, qualifier=f.qualifier,  # type: ignore[arg-type]
                                       event=eid, statement=st_id,
                                       asserted_by=[sid[f.source]] if f.source else []))
        out_events.append(Event(
            id=eid, type=spec.type, trigger=trig, mentions=[trig],  # type: ignore[arg-type]
            acled=Acled(event_type=spec.acled[0], sub_event_type=spec.acled[1]) if spec.acled else None,
            actors=[Actor(**sp.model_dump(), role=a[0], name=a[1], sector=a[2],  # type: ignore[arg-type]
                          country=spec.place.country if spec.place else None) for a, sp in part["actors"]],
            place=place, date=dv, modality=spec.modality,  # type: ignore[arg-type]
            statements=ev_statements, asserted_by=sorted(set(asserted)), confidence=0.8,
        ))
    return Report(article=art, sources=sources, statements=statements, events=out_events,
                  quantities=quantities, places=places, dates=dates)


# -- random corpora ---------------------------------------------------------------------------

_CITIES = [  # invented-event locations: real cities (name, country, admin1, lat, lon, geonameid)
    ("Kabul", "AF", "Kabul", 34.528, 69.172, 1138958), ("Lagos", "NG", "Lagos", 6.454, 3.394, 2332459),
    ("Maiduguri", "NG", "Borno", 11.846, 13.160, 2331447), ("Bamako", "ML", "Bamako", 12.650, -8.000, 2460596),
    ("Mogadishu", "SO", "Banaadir", 2.037, 45.344, 53654), ("Karachi", "PK", "Sindh", 24.861, 67.010, 1174872),
    ("Peshawar", "PK", "Khyber Pakhtunkhwa", 34.008, 71.578, 1168197), ("Goma", "CD", "North Kivu", -1.679, 29.228, 216281),
    ("Khartoum", "SD", "Khartoum", 15.552, 32.532, 379252), ("Almaty", "KZ", "Almaty", 43.250, 76.917, 1526384),
    ("Lima", "PE", "Lima", -12.043, -77.028, 3936456), ("Dhaka", "BD", "Dhaka", 23.710, 90.407, 1185241),
    ("Nairobi", "KE", "Nairobi", -1.283, 36.817, 184745), ("Caracas", "VE", "Capital", 10.488, -66.879, 3646738),
    ("Quetta", "PK", "Balochistan", 30.187, 67.013, 1167528), ("Ouagadougou", "BF", "Centre", 12.365, -1.534, 2357048),
]
_TEMPLATES = [  # (PLOVER type, trigger, ACLED type, ACLED sub-type, figure kinds)
    ("ASSAULT", "attacked a market", "Violence against civilians", "Attack", ("killed", "injured")),
    ("ASSAULT", "bombed a checkpoint", "Explosions/Remote violence", "Remote explosive/landmine/IED",
     ("killed", "injured")),
    ("PROTEST", "marched", "Protests", "Peaceful protest", ("participants",)),
    ("COERCE", "arrested protesters", "Strategic developments", "Arrests", ("arrested",)),
]
_ACTORS = [("gunmen", "rebels"), ("police", "police"), ("soldiers", "military"), ("militants", "rebels"),
           ("students", "civilians"), ("traders", "civilians")]
_OUTLETS = ["Daily Ledger", "Morning Wire", "Capital Times", "Frontier Post", "Evening Courier", "Radio Horizon"]
_SOURCES = [("police", None), ("a hospital official", None), ("the Interior Ministry", "statement"),
            ("residents", None), ("a militant spokesman", "social_media"), ("the Red Cross", "press_conference")]


def _world_events(n_events: int, seed: int) -> list[EventSpec]:
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    out = []
    for _ in range(n_events):
        city = _CITIES[rng.randrange(len(_CITIES))]
        typ, trig, at, sub, kinds = _TEMPLATES[rng.randrange(len(_TEMPLATES))]
        actor = _ACTORS[rng.randrange(len(_ACTORS))]
        day = (start + timedelta(days=rng.randrange(3650))).isoformat()  # sparse enough that few collide
        base = rng.randint(2, 60)
        out.append(EventSpec(
            type=typ, trigger=trig, acled=(at, sub), day=day,
            place=PlaceSpec(name=city[0], country=city[1], admin1=city[2], lat=city[3], lon=city[4],
                            geonameid=city[5]),
            actors=[("source", actor[0].capitalize(), actor[1])],
            figures=[FigureSpec(kind=k, low=float(base), high=float(base)) for k in kinds],
        ))
    return out


def _report_specs(n_articles: int, seed: int) -> Iterator[tuple[EventSpec, str, str, str]]:
    """(event as this outlet tells it, outlet, published day, url): ~3 outlets per event."""
    rng = random.Random(seed + 1)
    world = _world_events(max(1, n_articles // 3), seed)
    for i in range(n_articles):
        ev = world[i // 3] if i // 3 < len(world) else world[rng.randrange(len(world))]
        outlet = _OUTLETS[(i + rng.randrange(2)) % len(_OUTLETS)]
        src, channel = _SOURCES[rng.randrange(len(_SOURCES))]
        figures = []
        for f in ev.figures:  # each outlet's source gives its own figure
            v = max(1.0, round(f.low * rng.choice((1.0, 1.0, 0.8, 1.3, 2.5))))
            figures.append(FigureSpec(kind=f.kind, low=v, high=v, source=src, channel=channel,
                                      qualifier=rng.choice(("exact", "exact", "at_least"))))
            if figures[-1].qualifier == "at_least":
                figures[-1].high = None
        told = EventSpec(type=ev.type, trigger=ev.trigger, acled=ev.acled, place=ev.place, day=ev.day,
                         actors=ev.actors, figures=figures)
        pub = (date.fromisoformat(ev.day or "2023-01-01") + timedelta(days=rng.randrange(2))).isoformat()
        yield told, outlet, pub, f"https://example.org/{outlet.split()[0].lower()}/{seed}/{i}"


def synth_reports(n_articles: int, seed: int = 0) -> Iterator[Report]:
    """Ready-made Reports (one event each, ~3 articles per real-world event)."""
    for spec, outlet, pub, url in _report_specs(n_articles, seed):
        yield build_report([spec], outlet=outlet, published=pub, url=url)


def synth_inputs(n_articles: int, seed: int = 0) -> Iterator[ArticleInput]:
    """Article texts phrased from the same templates, for benchmarking the full ingest."""
    for i, (spec, outlet, pub, url) in enumerate(_report_specs(n_articles, seed)):
        report = build_report([spec], outlet=outlet, published=pub, url=url)
        yield ArticleInput(text=report.article.text, title=f"{spec.type.title()} in {spec.place.name if spec.place else ''}",
                           published=pub, outlet=outlet, url=url, origin=f"synth:{seed}:{i}")
