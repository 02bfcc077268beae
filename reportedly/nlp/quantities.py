"""reportedly_quantities: counts of people (killed, injured, arrested...) with bounds.

Minimal first version: registers the factory and writes an empty list.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import register_extensions


class QuantityComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.rp_quantities = []
        return doc


@Language.factory("reportedly_quantities", assigns=["doc._.rp_quantities"])
def make_quantities(nlp: Language, name: str) -> QuantityComponent:
    register_extensions()
    return QuantityComponent()
