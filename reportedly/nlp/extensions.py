"""The Doc attributes our spaCy components write, and their JSON-safe shapes.

Components talk to each other and to the record assembler only through these
attributes. Values are plain lists of dicts (str/int/float/bool/None/list/dict),
so Docs survive the msgpack round trip of ``nlp.pipe(n_process=2)``.
All offsets are character offsets into ``doc.text``.

doc._.rp_published  str | None  ISO date(time) of publication; set before the pipeline runs.
doc._.rp_url        str | None  the article's URL; set before the pipeline runs (the outlet's
                                domain is evidence for the article's place focus).

doc._.rp_dates      [{start, end, text, earliest, latest, precision}]
                    written by reportedly_dates; earliest/latest are inclusive ISO strings.

doc._.rp_places     [{start, end, text, name, country, admin1, lat, lon, geonameid,
                      precision, reason, role}]   role: "place" | "demonym"
                    written by reportedly_places (demonyms locate actors, not events).

doc._.rp_quantities [{start, end, text, low, high, qualifier, kind,
                      counted: {start, end, text} | None, head: int | None}]
                    written by reportedly_quantities; head = char offset of the
                    governing verb/noun used to link it to an event.

doc._.rp_sources    [{key, name, kind, description, aliases, mentions: [[s, e], ...]}]
doc._.rp_statements [{source: key | None, source_span: {start,end,text} | None,
                      via: [key, ...], kind, cue: {..} | None, content: {..},
                      channel, hedges: [str], labels: [{..}], date: int | None,
                      nested: bool}]  nested = inside another statement's content
                    written by reportedly_attribution; keys are local to the doc;
                    statement["date"] indexes rp_dates.

doc._.rp_events     [{type, mode, acled: {event_type, sub_event_type} | None,
                      trigger: {..}, mentions: [{..}], actors: [{role, start, end, text,
                      name, sector, country}], place: int | None, date: int | None,
                      modality, quantities: [int], confidence}]
                    written by reportedly_events; place/date/quantities index the lists above.
"""

from __future__ import annotations

from spacy.tokens import Doc

ATTRIBUTES = (
    "rp_published",
    "rp_url",
    "rp_dates",
    "rp_places",
    "rp_quantities",
    "rp_sources",
    "rp_statements",
    "rp_events",
)


def register_extensions() -> None:
    """Idempotent: safe to call from every component factory and worker process."""
    for name in ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


_TEXT_KEY = ("reportedly", "text")


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc and kept in ``doc.user_data``: spaCy rebuilds it from
    every token on each access, and with each stage reading it that was ~10% of our time."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None or (len(doc) and len(text) != doc[-1].idx + len(doc[-1].text_with_ws)):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def span_dict(text: str, start: int, end: int) -> dict:
    """A JSON-safe evidence span of the Doc's ``text``; trims surrounding whitespace so
    offsets stay exact."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return {"start": start, "end": end, "text": text[start:end]}


register_extensions()
