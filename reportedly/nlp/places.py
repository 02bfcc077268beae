"""reportedly_places: toponyms and demonyms, resolved offline (first version: NER only)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import register_extensions


class PlacesComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        places = []
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC"):
                places.append({"start": ent.start_char, "end": ent.end_char, "text": ent.text,
                               "name": ent.text, "country": None, "admin1": None, "lat": None,
                               "lon": None, "geonameid": None, "precision": None,
                               "reason": "ner, unresolved", "role": "place"})
        doc._.rp_places = places
        return doc


@Language.factory("reportedly_places", assigns=["doc._.rp_places"])
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent(nlp, name)
