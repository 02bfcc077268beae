"""The trained part of attribution: a linear scorer that says which words are cues.

PolNeAR's cues are a long tail ("said" is only a fifth of them; "called for", "is expected",
"endorsed" are cues too), so a hand-written verb list cannot reach them. A logistic-regression
model over features of the parse (lemma, dependency label, which complements the word has,
whether it sits inside quotation marks) scores every candidate word; the spans around a cue
(source, content) are then built by rules over the parse (``attribution_spans.py``).

The weights are a plain JSON dict (feature -> weight) shipped in
``attribution_model/cues.json``; scoring is a few dict lookups per candidate word, so the
component stays close to bare spaCy speed. ``reportedly train attribution`` rebuilds it.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_PUNCT, LEMMA, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc, Token

from ..errors import ModelError

MODEL_DIR = Path(__file__).with_name("attribution_model")
MODEL_FILE = "cues.json"
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ", "PROPN"})
_COMPLEMENTS = ("ccomp", "xcomp", "dobj", "prep", "nsubj", "nsubjpass", "agent", "advcl", "attr")


def quote_mask(doc: Doc, texts: list[str] | None = None) -> list[bool]:
    """For each token: is it between quotation marks (straight or curly) in its paragraph?
    ``texts``: the tokens' texts, when the caller has them (``DocView.text``)."""
    inside = False
    mask: list[bool] = []
    for t in (texts if texts is not None else [tok.text for tok in doc]):
        if "\n" in t:  # a paragraph break closes any quote left open
            inside = False
        if t in ("“", "”", '"', "``", "''"):
            if t == "“" or t == "``":
                inside = True
            elif t == "”":
                inside = False
            else:  # '"' and "''" (which some outlets use to open quotes too) toggle
                inside = not inside
            mask.append(False)
            continue
        mask.append(inside)
    return mask


class DocView:
    """The token attributes ``features`` reads, for a whole Doc in plain lists: one pass over
    the tokens instead of Cython attribute lookups per candidate (the scorer's main cost)."""

    def __init__(self, doc: Doc):
        # One C-level array read, then string lookups: no Token objects are made.
        arr = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, IS_PUNCT])
        strings = doc.vocab.strings
        cols = arr.T.tolist() if len(doc) else [[] for _ in range(9)]
        orths, lowers, lemmas, poses, tags, deps, ents, heads, puncts = cols
        self.text = [strings[x] for x in orths]
        self.lower = [strings[x] for x in lowers]
        self.lemma = [strings[x].lower() for x in lemmas]
        self.pos = [strings[x] for x in poses]
        self.tag = [strings[x] for x in tags]
        self.dep = [strings[x] for x in deps]
        self.ent = [strings[x] for x in ents]
        # HEAD is stored as an offset from the token (negative offsets wrap around in uint64).
        self.head = [i + (h - 2 ** 64 if h >= 2 ** 63 else h) for i, h in enumerate(heads)]
        self.punct = [bool(x) for x in puncts]
        self.kids: list[list[int]] = [[] for _ in self.head]
        for i, h in enumerate(self.head):
            if h != i:
                self.kids[h].append(i)

    def candidate(self, i: int) -> bool:
        return self.pos[i] in CANDIDATE_POS and not self.punct[i]

    def features(self, i: int, in_quote: bool) -> list[str]:
        """Sparse binary features of candidate word ``i`` (names are stable: they key the weights)."""
        lemma, dep, pos = self.lemma[i], self.dep[i], self.pos[i]
        kids = self.kids[i]
        deps = {self.dep[k] for k in kids}
        comp = "".join("1" if d in deps else "0" for d in _COMPLEMENTS)
        feats = [
            "bias",
            f"l={lemma}",
            f"lp={lemma}|{pos}",
            f"ld={lemma}|{dep}",
            f"lc={lemma}|{comp}",
            f"t={self.tag[i]}",
            f"d={dep}",
            f"c={comp}",
            f"pd={pos}|{dep}",
            f"hl={self.lemma[self.head[i]]}|{dep}",
            f"q={in_quote}",
            f"lq={lemma}|{in_quote}",
        ]
        for k in kids:
            kd = self.dep[k]
            if kd == "prep":
                feats.append(f"lprep={lemma}|{self.lower[k]}")
            elif kd in ("nsubj", "nsubjpass"):
                feats.append(f"subj={self.pos[k]}|{self.ent[k] or '-'}")
            elif kd == "prt":
                feats.append(f"lprt={lemma}|{self.lower[k]}")
            elif kd == "acomp":
                feats.append(f"acomp={self.lemma[k]}")
        if i > 0:
            feats.append(f"prev={self.lower[i - 1]}")
        if i + 1 < len(self.lower):
            feats.append(f"next={self.lower[i + 1]}")
        return feats


def logistic(weights: dict[str, float], feats: list[str]) -> float:
    """A linear model's probability: the sigmoid of the summed weights of the present features."""
    z = sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def read_weights_file(path: str | None, default: str, fmt: str, what: str) -> dict | None:
    """A shipped model file (``MODEL_DIR/default``, or ``path``) checked for its format; None
    when the default file is not shipped. Errors name the command that rebuilds it."""
    file = Path(path) if path else MODEL_DIR / default
    if not file.exists():
        if path:
            raise ModelError(f"{what} {file} not found; rebuild it with "
                             f"`reportedly train attribution --data ../shared/data/polnear/train`")
        return None
    data = json.loads(file.read_text(encoding="utf-8"))
    if data.get("format") != fmt:
        raise ModelError(f"{file} is not a reportedly {what}; rebuild it with `reportedly train attribution`")
    return data


class CueModel:
    """Scores candidate words: probability that the word heads an attribution cue."""

    def __init__(self, weights: dict[str, float], threshold: float = 0.5):
        self.weights = weights
        self.threshold = threshold

    def prob(self, feats: list[str]) -> float:
        return logistic(self.weights, feats)

    def cues(self, doc: Doc, threshold: float | None = None, view: DocView | None = None) -> list[tuple[Token, float]]:
        """Candidate words scored at least ``threshold`` (default: the model's own)."""
        threshold = self.threshold if threshold is None else threshold
        view = view or DocView(doc)
        mask = quote_mask(doc, view.text)
        out = []
        for i in range(len(doc)):
            if view.candidate(i):
                p = self.prob(view.features(i, mask[i]))
                if p >= threshold:
                    out.append((doc[i], p))
        return out

    def to_json(self) -> dict:
        return {"format": "reportedly-cues/1", "threshold": self.threshold, "weights": self.weights}


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> CueModel | None:
    """The shipped cue model, loaded once per process; None when no model file is shipped."""
    data = read_weights_file(path, MODEL_FILE, "reportedly-cues/1", "cue model")
    return None if data is None else CueModel(data["weights"], data.get("threshold", 0.5))
