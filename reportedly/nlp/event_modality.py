"""Modality of an event mention: did it happen, or was it denied, threatened, demanded...

Read from the dependency parse around the trigger, nearest cue first:

- negated: a ``neg`` child ("did not fire"), a "no" determiner ("no arrests"), or the act
  under a denial or failure verb ("police denied firing", "failed to act").
- demanded: the act under a demand verb ("called for the release"): the act keeps its
  type (RETREAT) with modality demanded; the demand verb is a REQUEST event whose mode
  comes from the act (yield).
- threatened: the act under a threat verb ("threatened to arrest") or a first-person
  obligation/intention in speech ("we must kill them") -> a THREATEN event.
- future: "will"/"shall" or the act under a plan verb ("plans to march").
- hypothetical: "would/could/might/may", "if"/"unless", or "fear"/"try" above the act.
- alleged: "allegedly", "reportedly", or the act under "accuse"/"allege"/"claim".
- asserted: otherwise. Reported speech stays asserted *by its source*; provenance is the
  statement's business (the assembler links events to statements by offsets).
"""

from __future__ import annotations

from spacy.tokens import Token

from .event_lexicon import (ALLEGE, DEMAND, DENY, FAIL, FUTURE, FUTURE_AUX, HYPOTHETICAL,
                            HYPOTHETICAL_AUX, THREAT, THREAT_AUX)

_FAIL_NOUNS = {"lack", "absence", "failure"}
_CLAUSE_LINKS = {"xcomp", "ccomp", "pcomp", "pobj", "dobj", "advcl", "acl", "relcl", "nsubj",
                 "nsubjpass", "conj", "prep", "compound", "amod", "attr"}
_FIRST_PERSON = {"we", "i", "us"}


def _own_cues(tok: Token) -> str | None:
    """Modality cues attached to the trigger itself (or to the verb of a noun trigger).

    Negation wins over the auxiliaries next to it: "he would not step down" is negated.
    """
    if any(c.dep_ == "neg" for c in tok.children):
        return "negated"
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and low in ("no", "neither")):
            return "negated"
        if child.dep_ == "advmod" and low in ("never",):
            return "negated"
        if child.dep_ == "aux" and low in FUTURE_AUX:
            return "future"
        if child.dep_ == "aux" and low in HYPOTHETICAL_AUX:
            return "hypothetical"
        if child.dep_ == "mark" and low in ("if", "unless", "whether"):
            return "hypothetical"
        if child.dep_ == "advmod" and child.lemma_.lower() in ALLEGE:
            return "alleged"
    return None


def modality_of(tok: Token) -> tuple[str, Token | None]:
    """(modality, governing cue token or None) for the event whose trigger is ``tok``."""
    own = _own_cues(tok)
    # A noun trigger takes the modality of its light verb: "made no arrests", "will hold talks".
    if own is None and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass", "attr"):
        own = _own_cues(tok.head)
    if own == "negated":
        return "negated", None
    node = tok
    for _ in range(4):
        if node.dep_ not in _CLAUSE_LINKS or node.head.i == node.i:
            break
        link = node.dep_
        clause, node = node, node.head
        lemma = node.lemma_.lower()
        if node.pos_ not in ("VERB", "AUX", "NOUN", "ADJ", "ADP"):
            continue
        if node.pos_ == "ADP":
            if node.lower_ == "without":
                return "negated", None
            continue
        if lemma in DENY:
            return "negated", node
        if lemma in FAIL or lemma in _FAIL_NOUNS:
            return "negated", node
        if link in ("nsubj", "nsubjpass", "conj"):
            break
        if lemma in THREAT and link in ("xcomp", "ccomp", "dobj", "prep", "pobj"):
            return "threatened", node
        if lemma == "insist" and link == "ccomp" and reports_a_fact(clause):
            continue  # "insisted that troops had targeted only militants": a claim, not a demand
        if lemma in DEMAND and link in ("xcomp", "ccomp", "dobj", "pobj", "prep"):
            if lemma == "call" and not any(c.lower_ in ("for", "on", "upon") for c in node.children) \
                    and link != "ccomp":
                continue
            return "demanded", node
        if lemma in ALLEGE and link in ("xcomp", "ccomp", "pcomp", "pobj", "prep"):
            return "alleged", node
        if lemma in FUTURE and link in ("xcomp", "ccomp"):
            if lemma in ("announce", "decide") and link == "ccomp" and reports_a_fact(clause):
                continue  # "Authorities lifted the curfew, the prefecture announced": done, not planned
            return "future", node
        if lemma in HYPOTHETICAL and link in ("xcomp", "ccomp", "pcomp", "dobj", "advcl", "pobj", "prep"):
            return "hypothetical", node
        cue = _own_cues(node)
        if cue in ("negated",) and link in ("xcomp",):
            return "negated", node
        if cue in ("future", "hypothetical") and link in ("xcomp", "ccomp", "dobj"):
            return cue, None
        if cue == "alleged":
            return "alleged", None
    if own is not None:
        return own, None
    # "If the police fire on the crowd, ...": the parser often hangs "if" on the main
    # clause; an "if"/"unless" earlier in the sentence with no comma between still
    # makes the act conditional.
    doc = tok.doc
    for j in range(tok.i - 1, -1, -1):  # not tok.sent: that scans the whole doc each time
        t = doc[j]
        if t.text in (",", ";", ":") or t.dep_ == "cc":
            break
        if t.lower_ in ("if", "unless"):
            return "hypothetical", None
        if t.is_sent_start:
            break
    return "asserted", None


def is_spoken_threat(tok: Token) -> bool:
    """"we must kill them", "I will burn your houses": a first-person act of violence
    announced with an obligation or intention modal is a threat, not an act."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj",)), None)
    if subj is None or subj.lower_ not in _FIRST_PERSON:
        return False
    return any(c.dep_ == "aux" and c.lower_ in THREAT_AUX for c in tok.children)


_FACT_AUX = frozenset({"had", "has", "have", "was", "were", "is", "are", "did", "does"})


def reports_a_fact(clause: Token) -> bool:
    """A clause in the indicative past or perfect ("that troops had targeted", "that it was
    safe"): what "insist" reports then is a claim; "insisted that troops withdraw / should
    withdraw" is a demand."""
    return clause.tag_ in ("VBD", "VBZ") or any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FACT_AUX
                                               for c in clause.children)
