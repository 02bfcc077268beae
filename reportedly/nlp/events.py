"""reportedly_events: event mentions (PLOVER type + mode) from trigger words.

Last component of the pipeline; writes ``doc._.rp_events`` (shape in extensions.py).
This first version maps a few trigger lemmas to PLOVER types; later versions add
actors, modality, ACLED types, quantity/place/date links and coreference.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import register_extensions, span_dict

# lemma -> (PLOVER type, mode)
_TRIGGERS: dict[str, tuple[str, str | None]] = {
    "kill": ("ASSAULT", None),
    "shoot": ("ASSAULT", "firearms"),
    "bomb": ("ASSAULT", "explosives"),
    "attack": ("ASSAULT", None),
    "arrest": ("COERCE", "arrest"),
    "detain": ("COERCE", "arrest"),
    "protest": ("PROTEST", "demonstration"),
    "riot": ("PROTEST", "riot"),
    "threaten": ("THREATEN", None),
    "accuse": ("ACCUSE", None),
    "demand": ("REQUEST", None),
}


class EventsComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        events = []
        for tok in doc:
            hit = _TRIGGERS.get(tok.lemma_.lower())
            if hit is None or tok.pos_ not in ("VERB", "NOUN"):
                continue
            trigger = span_dict(doc.text, tok.idx, tok.idx + len(tok.text))
            events.append({
                "type": hit[0], "mode": hit[1], "acled": None, "trigger": trigger,
                "mentions": [trigger], "actors": [], "place": None, "date": None,
                "modality": "asserted", "quantities": [], "confidence": 0.3,
            })
        doc._.rp_events = events
        return doc


@Language.factory("reportedly_events", assigns=["doc._.rp_events"])
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(nlp, name)
