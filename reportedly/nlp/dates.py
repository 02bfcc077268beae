"""reportedly_dates: date expressions resolved against the publication date.

Minimal first version: registers the factory and writes an empty list.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import register_extensions


class DateComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.rp_dates = []
        return doc


@Language.factory("reportedly_dates", assigns=["doc._.rp_dates"])
def make_dates(nlp: Language, name: str) -> DateComponent:
    register_extensions()
    return DateComponent()
