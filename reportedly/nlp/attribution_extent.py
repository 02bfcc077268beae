"""The learned extent of a cue phrase: which words beside the cue word belong to the cue.

PolNeAR's cue is the whole predicate between speaker and content: "this week detailed",
"on Wednesday announced", "made it clear", "has accused his own party leadership of", but
"explained" (not "explained to CBS") and "said Sunday" (not "said Sunday in Madison"). The
parse rules of ``attribution_spans.cue_range`` get about nine in ten right; on PolNeAR train one
gold cue in ten that we find differs from ours only in its extent. So each word in a small
window either side of the cue word (bounded by the sentence, the speaker and the content) gets
a logistic decision "in the cue?", with the rules' own answer as one of its features; the cue
grows outwards from its word while the answer is yes.

The weights are ``extent_weights`` in ``attribution_model/statements.json``, trained with the
other statement decisions by ``reportedly train attribution``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .attribution_cues import PRESS, SOCIAL, STATEMENT_NOUNS, TV
from .attribution_model import logistic
from .attribution_spans import Range


WINDOW = 8  # words either side of the cue word at most
CHANNEL_WORDS = SOCIAL | TV | PRESS | STATEMENT_NOUNS | {"interview", "radio"}


@dataclass
class ExtentWord:
    """One word of the window: its position, which side of the cue word, and its features."""
    i: int
    side: str  # "L" or "R"
    feats: list[str]
    # The cue may stop here: not on punctuation, nor on a preposition before a channel or a
    # time ("posted on | Telegram", "said on | Friday"; but "called on" may end a cue).
    can_end: bool = True


def _relation(tok: Token, head: Token) -> str:
    """How a window word hangs on the cue word: the label of the cue word's child whose subtree
    holds it ("npadvmod" for "Sunday" in "said Sunday"), "up" when it governs the cue word."""
    t = tok
    while t.head.i != t.i:
        if t.head.i == head.i:
            return t.dep_
        t = t.head
    return "up" if any(a.i == tok.i for a in head.ancestors) else "other"


def extent_window(tok: Token, cue: Range, content: Range, source: Range | None, sent_start: int,
                  sent_end: int) -> list[ExtentWord]:
    """The words either side of cue word ``tok`` that may join its cue, nearest first on each
    side: up to the speaker, the content, the sentence edge or ``WINDOW`` words."""
    doc = tok.doc
    lo, hi = sent_start, sent_end - 1
    for a, b in [content] + ([source] if source is not None else []):
        if b < tok.i:
            lo = max(lo, b + 1)
        elif a > tok.i:
            hi = min(hi, a - 1)
    after = content[0] > tok.i
    out = []
    for side, rng in (("L", range(tok.i - 1, max(lo, tok.i - WINDOW) - 1, -1)),
                      ("R", range(tok.i + 1, min(hi, tok.i + WINDOW) + 1))):
        for i in rng:
            t = doc[i]
            if "\n" in t.text:
                break
            rel = _relation(t, tok)
            dist = abs(i - tok.i)
            next_to_content = (i + 1 == content[0]) if side == "R" else (i - 1 == content[1])
            feats = [
                "bias",
                f"s={side}",
                f"sd={side}|{min(dist, 5)}",
                f"rule={side}|{cue[0] <= i <= cue[1]}",
                f"rd={side}|{rel}|{cue[0] <= i <= cue[1]}",
                f"dep={side}|{t.dep_}",
                f"rel={side}|{rel}",
                f"tag={side}|{t.tag_}",
                f"w={side}|{t.lower_}",
                f"wr={side}|{t.lower_}|{rel}",
                f"ent={side}|{t.ent_type_ or '-'}",
                f"lr={tok.lemma_.lower()}|{side}|{rel}",
                f"after={after}|{side}|{rel}",
                f"adj={next_to_content}|{side}|{t.pos_}",
            ]
            dangling = side == "R" and t.pos_ == "ADP" and any(
                c.dep_ == "pobj" and (c.lower_ in CHANNEL_WORDS or c.ent_type_ in ("DATE", "TIME")) for c in t.children)
            out.append(ExtentWord(i, side, feats, not (t.is_punct or t.is_space or dangling)))
    return out


def decide_extent(weights: dict[str, float], head: int, window: list[ExtentWord], threshold: float = 0.5) -> Range:
    """The cue range grown outwards from word ``head`` while the decision says "in the cue"
    (probability at least ``threshold``, chosen out of fold by the trainer, which calls this
    too, on the same window, to score the decisions)."""
    first = last = head
    stopped = {"L": False, "R": False}
    for w in window:
        if stopped[w.side]:
            continue
        if logistic(weights, w.feats) >= threshold:
            if w.can_end:  # grow past punctuation and open prepositions, never end on them
                first, last = (w.i, last) if w.side == "L" else (first, w.i)
        else:
            stopped[w.side] = True
    return first, last
