"""Rules the events component applies to trigger candidates (see events.py for the order).

Candidates are plain dicts: root (Token), start, end, type, mode, kind ("strong", "weak",
"inaction", "victim"), actors, and flags set here (drop, results).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .event_modality import reports_a_fact
from .actors import FORCE_SECTORS, actor_dict, sector_of
from .event_lexicon import (ACTOR_MODES, ANNOUNCE, COERCIVE, COOPERATIVE, MODE_MODIFIERS,
                            REQUEST_MODE, TERRITORY_WORDS, THREAT_MODE)

VERB = {"VERB", "AUX"}
NOUN = {"NOUN", "PROPN"}
_THIRD_MUST = {"must", "should"}
# Announcing in words (not planning): a future attack announced this way is a threat.
SPEECH = {"say", "warn", "announce", "declare", "vow", "tell", "state", "add", "threaten", "post", "write"}


def entry(entries: list[tuple[str, str | None, str]], tok: Token) -> tuple[str, str | None] | None:
    pos = "V" if tok.pos_ in VERB else "N" if tok.pos_ in NOUN else "?"
    if tok.lemma_.lower() == "insist" and any(c.dep_ == "ccomp" and reports_a_fact(c) for c in tok.children):
        return None  # "He insisted that troops had targeted militants": a claim, no request
    for typ, mode, p in entries:
        if p == "*" or p == pos:
            return typ, mode
    # Lower-cased text is often mis-tagged; a trigger word is still evidence.
    return (entries[0][0], entries[0][1]) if pos == "?" or tok.pos_ == "ADJ" else None


def strike(tok: Token) -> tuple[str, str | None] | None:
    """"air strike", "drone strikes" -> ASSAULT; "went on strike", "general strike" -> PROTEST."""
    for c in tok.children:
        hit = MODE_MODIFIERS.get(c.lemma_.lower())
        if c.dep_ in ("compound", "amod", "nmod") and hit:
            return hit
    if tok.lemma_.lower() == "raid":
        return "COERCE", "seize"
    if tok.lower_ == "fire":
        # "opened fire", "fire on the crowd" are shooting; "set on fire", "the fire" arson
        if tok.head.lemma_.lower() in ("open", "return", "exchange") or any(
                c.dep_ == "prep" and c.lower_ in ("on", "at", "upon") for c in tok.children) or any(
                c.dep_ in ("compound", "amod", "poss") and (sector_of([c]) or c.lower_ in ("cross", "gun", "sniper"))
                for c in tok.children):
            return "ASSAULT", "firearms"
        return "ASSAULT", "destroy"
    if tok.head.lemma_.lower() in ("carry", "launch", "conduct", "order", "claim", "deny") \
            and tok.dep_ in ("dobj", "pobj"):
        return "ASSAULT", None  # "carrying out the strike" is an attack, not a walkout
    if tok.pos_ in VERB:
        return "ASSAULT", None
    return "PROTEST", "strike"


def absorb_instruments(cands: list[dict], by_token: dict[int, dict]) -> None:
    """"fired tear gas", "hurled bombs", "lobbed grenades": one act whose mode is the
    instrument's."""
    for c in cands:
        if c.get("drop") or c["root"].pos_ not in VERB:
            continue
        if c["type"] == "COERCE" and c["mode"] == "seize":
            # "defused two IEDs", "seized grenades": weapons taken, not used.
            for child in c["root"].children:
                inner = by_token.get(child.i)
                if child.dep_ == "dobj" and inner is not None and inner["type"] == "ASSAULT":
                    inner["drop"] = True
            continue
        # "remanded in custody", "took them into detention": one act, two words.
        for prep in c["root"].children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "into", "under"):
                for obj in prep.children:
                    inner = by_token.get(obj.i)
                    if obj.dep_ == "pobj" and inner is not None and inner is not c \
                            and inner["type"] == c["type"] and not inner.get("drop"):
                        c.setdefault("results", []).append(inner)
                        inner["drop"] = True
        if c["type"] != "ASSAULT":
            continue
        for child in c["root"].children:
            inner = by_token.get(child.i)
            if child.dep_ == "dobj" and inner is not None and inner["type"] == "ASSAULT" \
                    and not inner.get("drop") and inner is not c:
                c["mode"] = inner["mode"] or c["mode"]
                c["actors"] = [a for a in c["actors"] if a["start"] != inner["start"]]
                inner["drop"] = True

def absorb_results(cands: list[dict], by_token: dict[int, dict]) -> None:
    """"killed in an air strike", "injured in police firing": the cause is the event,
    the killing/injuring is its result (victims become its targets)."""
    for c in cands:
        if c.get("drop") or c["type"] != "ASSAULT":
            continue
        tok = c["root"]
        cause = None
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "during", "by", "after", "to", "due",
                                                       "from", "following"):
                if prep.lower_ == "due":
                    prep = next((p for p in prep.children if p.lower_ == "to"), prep)
                obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
                if obj is not None and obj.i in by_token and by_token[obj.i]["type"] == "ASSAULT":
                    cause = by_token[obj.i]
                    break
                # "police firing" parsed as pobj "police" <- acl "firing"
                if obj is not None:
                    acl = next((a for a in obj.children if a.dep_ == "acl" and a.i in by_token), None)
                    if acl is not None and by_token[acl.i]["type"] == "ASSAULT":
                        cause = by_token[acl.i]
                        break
        # "the bombing killed 26 people": an event noun as the subject is the cause
        subj = next((ch for ch in tok.children if ch.dep_ == "nsubj"), None)
        if cause is None and subj is not None and subj.i in by_token and by_token[subj.i]["type"] == "ASSAULT":
            cause = by_token[subj.i]
            c["actors"] = [a for a in c["actors"] if a["role"] != "source"]
        # "police fired 40 rounds, killing two persons"
        if cause is None and tok.dep_ in ("advcl", "xcomp", "conj") and tok.tag_ == "VBG" \
                and tok.head.i in by_token and by_token[tok.head.i]["type"] == "ASSAULT":
            cause = by_token[tok.head.i]
        # "fired about 40 rounds, killing two": the participle hangs on the object
        if cause is None and tok.dep_ in ("acl", "advcl") and tok.tag_ == "VBG" \
                and tok.head.head.i in by_token and by_token[tok.head.head.i]["type"] == "ASSAULT":
            cause = by_token[tok.head.head.i]
        # "the police firing in which one person was killed"
        if cause is None and tok.dep_ in ("relcl", "acl") and tok.head.i in by_token \
                and by_token[tok.head.i]["type"] == "ASSAULT":
            cause = by_token[tok.head.i]
        if cause is None or cause is c or cause.get("drop"):
            continue
        cause.setdefault("results", []).append(c)
        cause["actors"] = cause["actors"] + [dict(a, role="target") for a in c["actors"]
                                             if a["role"] == "target"
                                             or (a["role"] == "source" and c["kind"] == "victim")]
        c["drop"] = True


def refine_by_actors(c: dict) -> None:
    """Modes the actors reveal: "warplanes bombed" (aerial), "a suicide bomber" (suicide
    attack); "seized the town" is a territorial event, not a seizure of goods."""
    if c["type"] == "ASSAULT" and c["mode"] not in ("sexual", "abduct", "destroy", "territory"):
        for a in c["actors"]:
            if a["role"] != "source":
                continue
            low = a["text"].lower()
            hit = next((mode for word, mode in ACTOR_MODES if word in low), None)
            if hit:
                c["mode"] = hit
                break
    sources = {a["sector"] for a in c["actors"] if a["role"] == "source"}
    if c["type"] == "PROTEST" and c["mode"] == "obstruct" and sources & FORCE_SECTORS:
        c["type"], c["mode"] = "COERCE", "restrict"  # "police blocked the road"
    if c["type"] in ("COERCE", "ASSAULT") and c["mode"] in ("seize", "territory", None):
        for a in c["actors"]:
            if a["role"] == "target" and set(a["text"].lower().split()) & TERRITORY_WORDS \
                    and c["root"].lemma_.lower() in ("seize", "capture", "take", "overrun", "occupy",
                                                     "retake", "recapture", "regain", "control"):
                c["type"], c["mode"] = "ASSAULT", "territory"


def verbal_type(tok: Token, typ: str, mode: str | None, modality: str,
                 governor: Token | None) -> tuple[str, str | None, str]:
    """PLOVER codes promises, refusals and announced coercion as verbal events:

    - a cooperative act announced for the future ("said it will release", "is ready to
      visit") -> AGREE (modality future: the act itself has not happened);
    - a coercive act announced for the future ("will extend the curfew", "would boycott")
      -> THREATEN (modality threatened);
    - a cooperative act refused or negated ("will not accept", "failed to reach
      agreement") -> REJECT (asserted: the rejection happened);
    - "X must hand over the suspects" in someone's words -> REQUEST (demanded).
    """
    announced = governor is not None and governor.lemma_.lower() in ANNOUNCE or any(
        a.lemma_.lower() in ANNOUNCE for a in list(tok.ancestors)[:2])
    if modality in ("future", "hypothetical") and announced:
        if typ in COOPERATIVE:
            return "AGREE", mode, "future"
        if typ in COERCIVE and typ != "ASSAULT" and not (typ == "PROTEST" and mode in ("demo", None)):
            return "THREATEN", THREAT_MODE.get(typ, mode), "threatened"
        spoken = governor is not None and governor.lemma_.lower() in SPEECH
        if typ == "ASSAULT" and (spoken or any(a.lemma_.lower() in SPEECH for a in list(tok.ancestors)[:2])):
            return "THREATEN", "violence", "threatened"  # "the group said it would attack"
    if modality == "negated" and typ in COOPERATIVE and typ != "AGREE" or (
            modality == "negated" and typ == "AGREE"):
        return "REJECT", mode, "asserted"
    if modality == "asserted" and any(c.dep_ == "aux" and c.lower_ in _THIRD_MUST for c in tok.children):
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lower_ not in ("we", "i") and tok.dep_ in ("ccomp", "xcomp"):
            return "REQUEST", REQUEST_MODE.get(typ, "change"), "demanded"
    return typ, mode, modality


def nearby_security(doc: Doc, tok: Token, places: list[dict]) -> list[dict]:
    """"inaction on the part of the police": the nearest police/army noun in the sentence."""
    sent = tok.sent
    best = None
    for t in sent:
        if t.pos_ in NOUN and sector_of([t]) in FORCE_SECTORS:
            if best is None or abs(t.i - tok.i) < abs(best.i - tok.i):
                best = t
    if best is None:
        return []
    actor = actor_dict(doc, best, "source", places)
    return [actor] if actor else []
