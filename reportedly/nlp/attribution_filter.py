"""The trained decisions on built statements: which to keep, and where an indirect content ends.

The cue scorer (``attribution_model.py``) sees one word and its parse neighbourhood. Whether a
word is really an attribution cue often shows only once the statement around it is built: is
there a speaker, and what kind of word heads it; is the content a quote, a clause, or a bare
noun phrase; how long is it; does a relay or a channel phrase go with it. So the component asks
the cue scorer for candidates generously (``candidate_threshold``, well under 0.5), builds every
statement, and a second logistic regression over features of the *built statement* decides
which to keep. Trained on PolNeAR train with the cue probabilities of cue models that did not
see the article (cross-fitting), so it learns how far to trust them on unseen text.

Where an indirect content ends is the other place the parse is least reliable: the clausal
complement often stops short of the sentence end ("said the plan would fail, which it did" —
PolNeAR sometimes keeps the aside, sometimes not; a mis-attached phrase cuts the clause). A
second small logistic regression (``end_weights``) looks at the tail between the parsed end and
the sentence end and says whether the content runs on to the sentence end.

The weights are JSON dicts shipped in ``attribution_model/statements.json``; scoring is a few
dict lookups per statement. ``reportedly train attribution`` rebuilds it together with the
cue scorer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .attribution_cues import SPEECH_LEMMAS
from .attribution_extent import ExtentWord
from .attribution_model import logistic, read_weights_file
from .speakers import speaker_kind

FILTER_FILE = "statements.json"
FORMAT = "reportedly-statements/1"
_LENGTH_BINS = (1, 3, 7, 15, 31)


def _length_bin(n: int) -> str:
    return str(next((b for b in _LENGTH_BINS if n <= b), "long"))


def statement_features(doc: Doc, tok: Token, p: float, src: Token | None, content: tuple[int, int],
                       *, kind: str, quoted: bool, from_quote: bool, relayed: bool,
                       cue_in_quote: bool, context: tuple[int, int, int] = (0, 1, 0)) -> list[str]:
    """Sparse binary features of one built statement (names key the weights: keep them stable)."""
    lemma = tok.lemma_.lower()
    has_src = src is not None
    lo, hi = content
    first = doc[lo]
    bucket = min(9, int(p * 10))
    feats = [
        "bias",
        f"p={bucket}",
        f"ps={bucket}|{has_src}",
        f"pq={bucket}|{quoted}",
        f"l={lemma}",
        f"ls={lemma}|{has_src}",
        f"lk={lemma}|{kind}",
        f"k={kind}",
        f"ks={kind}|{has_src}",
        f"d={tok.dep_}|{tok.pos_}",
        f"ds={tok.dep_}|{has_src}",
        f"fq={from_quote}",
        f"iq={cue_in_quote}|{quoted}",
        f"len={_length_bin(hi - lo + 1)}",
        f"lenk={_length_bin(hi - lo + 1)}|{kind}",
        f"side={'before' if hi < tok.i else 'after' if lo > tok.i else 'around'}",
        f"first={first.lower_ if first.pos_ in ('SCONJ', 'PART', 'ADP', 'DET', 'PRON') else first.pos_}",
        f"relay={relayed}",
        f"pass={any(c.dep_ in ('auxpass', 'nsubjpass') for c in tok.children)}",
    ]
    if has_src:
        feats.append(f"sp={src.pos_}|{src.ent_type_ or '-'}")
        feats.append(f"sdep={src.dep_}")
        if src.pos_ == "PRON":
            feats.append(f"spron={src.lower_}")
        else:
            feats.append(f"slem={src.lemma_.lower()}")
        feats.append(f"lsp={lemma}|{src.pos_}|{src.ent_type_ or '-'}")
    # How the content hangs on the cue: a clausal complement is a much surer sign of reporting
    # than a direct object ("supported the bill") or a prepositional phrase.
    root = next((t for t in doc[lo:hi + 1] if not lo <= t.head.i <= hi or t.head.i == t.i), first)
    link = root.dep_ if root.head.i == tok.i else "far"
    feats += [f"cdep={link}", f"lcdep={lemma}|{link}", f"scdep={has_src}|{link}|{kind}"]
    verbs = sum(1 for t in doc[lo:hi + 1] if t.pos_ in ("VERB", "AUX"))
    feats.append(f"verbs={min(verbs, 3)}")
    # The sentence around it: the most probable of several candidates is the likelier cue;
    # a content holding other candidates is a reported passage, not a stray verb's object.
    rank, count, inner = context
    feats += [f"rank={min(rank, 2)}|{min(count, 3)}", f"rankp={min(rank, 1)}|{bucket}", f"inner={min(inner, 2)}",
              f"speech={lemma in SPEECH_LEMMAS}", f"p20={int(p * 20)}"]
    if has_src:
        words = [t.text for t in doc[src.left_edge.i:src.i + 1]][-8:]
        skind = speaker_kind(words, src.ent_type_)
        feats += [f"skind={skind}", f"skk={skind}|{kind}", f"lskind={lemma}|{skind}"]
    return feats


def _word(t: Token) -> str:
    """A token as a feature value: function words and punctuation as written, others by POS."""
    return t.lower_ if t.is_punct or t.pos_ in _FUNCTION_POS else t.pos_


_FUNCTION_POS = frozenset({"SCONJ", "CCONJ", "PART", "ADP", "DET", "PRON", "AUX"})


def tail_range(doc: Doc, tok: Token, content: tuple[int, int], sent_end: int) -> tuple[int, int] | None:
    """The words between an indirect content's end and its sentence's last word (``sent_end``
    exclusive), when the content follows its cue; None when there is nothing to decide."""
    lo, hi = content
    if lo <= tok.i:
        return None
    last = sent_end - 1
    while last > hi and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last <= hi or any("\n" in t.text for t in doc[hi + 1:last + 1]):
        return None
    return hi + 1, last


def end_features(doc: Doc, tok: Token, content: tuple[int, int], tail: tuple[int, int], kind: str) -> list[str]:
    """Features of the tail after a content: should the content run on to the sentence end?"""
    a, b = tail
    first = doc[a]
    words = [t for t in doc[a:b + 1] if not t.is_punct]
    second = words[0] if first.is_punct and words else None
    feats = [
        "bias",
        f"k={kind}",
        f"len={_length_bin(b - a + 1)}",
        f"first={_word(first)}",
        f"firstdep={first.dep_}",
        f"fh={'content' if content[0] <= first.head.i <= content[1] else 'cue' if first.head.i == tok.i else 'other'}",
        f"l={tok.lemma_.lower()}",
        f"verbs={min(sum(1 for t in words if t.pos_ in ('VERB', 'AUX')), 2)}",
        f"quote={any(t.is_quote for t in doc[a:b + 1])}",
        f"last={_word(doc[content[1]])}",
    ]
    if second is not None:
        feats += [f"second={first.text}|{_word(second)}", f"seconddep={first.text}|{second.dep_}",
                  f"sh={second.head.dep_}|{'content' if content[0] <= second.head.i <= content[1] else 'out'}"]
    feats.append(f"flen={_word(first)}|{_length_bin(b - a + 1)}")
    return feats


def start_features(doc: Doc, tok: Token, content: tuple[int, int], which: str, phrase: Token, kind: str) -> list[str]:
    """Features of an alternative content start (``attribution_spans.alternative_start``)."""
    lemma = tok.lemma_.lower()
    skipped = abs(phrase.left_edge.i - content[0])
    obj = phrase.head if which in ("object-prep", "object-clause") else phrase
    feats = [
        "bias",
        f"w={which}",
        f"wl={which}|{lemma}",
        f"wk={which}|{kind}",
        f"len={which}|{_length_bin(skipped)}",
        f"obj={which}|{obj.lemma_.lower()}",
        f"objl={lemma}|{obj.lemma_.lower()}",
        f"objt={which}|{obj.pos_}|{obj.ent_type_ or '-'}",
    ]
    if which == "object-prep":
        feats.append(f"prep={phrase.head.lower_}|{lemma}")
        feats.append(f"prepw={phrase.head.lower_}")
    elif which == "inner":
        middle = phrase.head.head if phrase.head.dep_ == "prep" else phrase.head
        feats += [f"mid={middle.lemma_.lower()}", f"midl={lemma}|{middle.lemma_.lower()}",
                  f"innerdep={phrase.dep_}|{phrase.head.lower_ if phrase.head.dep_ == 'prep' else '-'}"]
    return feats


@dataclass
class Boundaries:
    """What the learned boundary decisions saw for one statement (the trainer reads it):
    features and token positions of the tail to the sentence end and of an alternative start."""
    end_feats: list[str] | None = None
    tail_end: int | None = None      # last token of the tail
    start_feats: list[str] | None = None
    start_at: int | None = None      # first token of the alternative start
    start_cue_end: int | None = None  # last cue token when the start moves past an object
    extent: list[ExtentWord] | None = None  # the words that may join the cue (attribution_extent)
    cue_word: int | None = None  # the cue's head word, which the extent grows from


class StatementModel:
    """Probability that a built statement is a real attribution (``weights``), and that its
    indirect content runs on to the sentence end (``end_weights``)."""

    def __init__(self, weights: dict[str, float], threshold: float = 0.5, candidate_threshold: float = 0.5,
                 end_weights: dict[str, float] | None = None, end_threshold: float = 0.5,
                 start_weights: dict[str, float] | None = None, extent_weights: dict[str, float] | None = None,
                 extent_threshold: float = 0.5):
        self.weights = weights
        self.threshold = threshold
        self.candidate_threshold = candidate_threshold
        self.end_weights = end_weights or {}
        self.end_threshold = end_threshold
        self.start_weights = start_weights or {}
        self.extent_weights = extent_weights or {}
        self.extent_threshold = extent_threshold

    def prob(self, feats: list[str]) -> float:
        return logistic(self.weights, feats)

    def runs_to_sentence_end(self, feats: list[str]) -> bool:
        return bool(self.end_weights) and logistic(self.end_weights, feats) >= self.end_threshold

    def starts_elsewhere(self, feats: list[str]) -> bool:
        return bool(self.start_weights) and logistic(self.start_weights, feats) >= 0.5

    def to_json(self) -> dict:
        return {"format": FORMAT, "threshold": self.threshold,
                "candidate_threshold": self.candidate_threshold, "weights": self.weights,
                "end_threshold": self.end_threshold, "end_weights": self.end_weights,
                "start_weights": self.start_weights, "extent_weights": self.extent_weights,
                "extent_threshold": self.extent_threshold}


@lru_cache(maxsize=4)
def load_filter(path: str | None = None) -> StatementModel | None:
    """The shipped statement filter, loaded once per process; None when none is shipped."""
    data = read_weights_file(path, FILTER_FILE, FORMAT, "statement filter")
    if data is None:
        return None
    return StatementModel(data["weights"], data.get("threshold", 0.5), data.get("candidate_threshold", 0.5),
                          data.get("end_weights"), data.get("end_threshold", 0.5), data.get("start_weights"),
                          data.get("extent_weights"), data.get("extent_threshold", 0.5))
