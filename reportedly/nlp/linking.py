"""Which place and which date belong to an event trigger.

First version: the nearest place/date in the trigger's sentence, else None.
"""

from __future__ import annotations

from spacy.tokens import Doc


def _nearest_in_sentence(doc: Doc, trigger: tuple[int, int], items: list[dict]) -> int | None:
    span = doc.char_span(trigger[0], trigger[1], alignment_mode="expand")
    if span is None or not items:
        return None
    sent = span.sent if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else doc[:]
    best: tuple[int, int] | None = None
    for i, item in enumerate(items):
        if sent.start_char <= item["start"] < sent.end_char:
            distance = abs(item["start"] - trigger[0])
            if best is None or distance < best[0]:
                best = (distance, i)
    return None if best is None else best[1]


def link_place(doc: Doc, trigger: tuple[int, int], places: list[dict]) -> int | None:
    """Index into ``places`` of the event's place (role "place" only), or None."""
    candidates = [p if p.get("role", "place") == "place" else {**p, "start": -10**9} for p in places]
    return _nearest_in_sentence(doc, trigger, candidates)


def link_date(doc: Doc, trigger: tuple[int, int], dates: list[dict]) -> int | None:
    """Index into ``dates`` of the event's date, or None."""
    return _nearest_in_sentence(doc, trigger, dates)
