"""The record contract ``reportedly/1``: typed models for one article's extraction.

Everything the pipeline produces ends up here, and everything downstream (store,
exports, web UI) reads only these models. Field names listed in docs/schema.md
as part of the contract are never renamed; new fields may be added.

Offsets are Python ``str`` offsets into ``Article.text`` (the normalised text),
and ``article.text[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "reportedly/1"

SourceKind = Literal["person", "organization", "government", "media", "group", "anonymous", "unknown"]
StatementKind = Literal["direct", "indirect", "mixed", "according_to"]
Channel = Literal[
    "social_media", "television", "radio", "statement", "interview",
    "press_conference", "news_report", "document",
]
PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
Modality = Literal["asserted", "negated", "hypothetical", "future", "demanded", "threatened", "alleged"]
QuantityKind = Literal["killed", "injured", "arrested", "missing", "displaced", "participants", "attackers", "other"]
Qualifier = Literal["exact", "at_least", "at_most", "over", "under", "about", "range", "vague"]
PlacePrecision = Literal["country", "admin1", "city", "district"]
DatePrecision = Literal["day", "part_of_day", "week", "month", "year", "approximate"]
ActorRole = Literal["source", "target"]

PLOVER_TYPES: tuple[str, ...] = PloverType.__args__  # type: ignore[attr-defined]
QUANTITY_KINDS: tuple[str, ...] = QuantityKind.__args__  # type: ignore[attr-defined]
CHANNELS: tuple[str, ...] = Channel.__args__  # type: ignore[attr-defined]


def content_id(prefix: str, *parts: object) -> str:
    """A short, stable id from content: re-running on the same input yields the same id."""
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return f"{prefix}_{hashlib.sha1(payload.encode('utf-8')).hexdigest()[:16]}"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """Evidence: a piece of the article text, by offsets."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        return self


class Article(Record):
    id: str
    title: str | None = None
    published: str | None = Field(None, description="ISO 8601 date or datetime of publication")
    outlet: str | None = None
    url: str | None = None
    language: str = "en"
    text: str


class Source(Record):
    """Someone who says things in the article: a person, body, outlet or an unnamed source."""

    id: str
    name: str
    kind: SourceKind
    description: str | None = Field(None, description="role words used for the source, e.g. 'the president'")
    aliases: list[str] = []
    mentions: list[tuple[int, int]] = Field([], description="[start, end] of every mention, pronouns included")


class Statement(Record):
    id: str
    source: str | None = Field(None, description="source id; null = the reporter's own voice")
    source_span: Span | None = None
    via: list[str] = Field([], description="source ids that relayed it, nearest first")
    kind: StatementKind
    cue: Span | None = None
    content: Span
    channel: Channel | None = None
    hedges: list[str] = []
    labels: list[Span] = Field([], description="scare-quoted labels: the source's words, not the reporter's")
    date: "DateValue | None" = Field(None, description="when it was said (not when the event happened)")


class Acled(Record):
    event_type: str
    sub_event_type: str


class Actor(Span):
    role: ActorRole
    name: str
    sector: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")


class Place(Span):
    name: str
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: PlacePrecision | None = None
    reason: str | None = Field(None, description="why this candidate was chosen (for debugging)")


class DateValue(Span):
    earliest: str = Field(description="inclusive ISO 8601 date or datetime")
    latest: str = Field(description="inclusive ISO 8601 date or datetime")
    precision: DatePrecision


class Event(Record):
    id: str
    type: PloverType
    mode: str | None = None
    acled: Acled | None = None
    trigger: Span
    mentions: list[Span] = Field([], description="every trigger that refers to this event (within-article coreference)")
    actors: list[Actor] = []
    place: Place | None = None
    date: DateValue | None = None
    modality: Modality = "asserted"
    statements: list[str] = Field([], description="ids of the statements that carry it")
    asserted_by: list[str] = Field([], description="source ids; empty = the reporter's own voice")
    confidence: float = Field(0.5, ge=0.0, le=1.0)


class Quantity(Span):
    id: str
    kind: QuantityKind
    counted: Span | None = None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier
    event: str | None = None
    statement: str | None = None
    asserted_by: list[str] = []


class Report(Record):
    """One article and everything extracted from it."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: Literal["reportedly/1"] = Field(SCHEMA_VERSION, alias="schema")
    article: Article
    sources: list[Source] = []
    statements: list[Statement] = []
    events: list[Event] = []
    quantities: list[Quantity] = []
    places: list[Place] = Field([], description="every place mentioned, resolved")
    dates: list[DateValue] = Field([], description="every date expression, resolved")

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, **kwargs) -> str:
        return self.model_dump_json(by_alias=True, **kwargs)

    @model_validator(mode="after")
    def _spans_index_text(self) -> "Report":
        """The contract's promise: every evidence span is a real slice of article.text."""
        text = self.article.text
        for span in iter_spans(self):
            if span.end > len(text) or text[span.start:span.end] != span.text:
                raise ValueError(
                    f"span {span.start}:{span.end} {span.text!r} does not match article text "
                    f"{text[span.start:span.end]!r}"
                )
        return self


def iter_spans(report: Report):
    """Every evidence span in a report (for validation and property tests)."""
    for st in report.statements:
        yield from (s for s in (st.source_span, st.cue, st.content, st.date) if s is not None)
        yield from st.labels
    for ev in report.events:
        yield ev.trigger
        yield from ev.mentions
        yield from ev.actors
        yield from (s for s in (ev.place, ev.date) if s is not None)
    for q in report.quantities:
        yield q
        if q.counted is not None:
            yield q.counted
    yield from report.places
    yield from report.dates


def json_schema() -> dict:
    return Report.model_json_schema(by_alias=True)
