"""Links from events to the quantities counted in them, with the quantity kind sharpened."""

from __future__ import annotations

from spacy.tokens import Doc

_KILL = {"kill", "murder", "slay", "massacre", "lynch", "assassinate", "execute", "behead",
         "killing", "death", "die", "dead"}
_INJURE = {"injure", "wound", "hurt", "maim", "injured"}
_KIND_BY_TYPE = {("COERCE", "arrest"): "arrested", ("PROTEST", None): "participants"}
# What a figure beside an event may count that is no one: "blocked highways at more than 40
# places" counts no participants, "torched 12 buses" no victims.
_NOT_PEOPLE = frozenset({"places", "locations", "sites", "points", "districts", "towns", "cities", "villages",
                         "highways", "roads", "vehicles", "cars", "buses", "trucks", "shops", "homes",
                         "houses", "buildings", "stations", "offices", "hours", "days", "kilometres",
                         "kilometers", "miles", "rounds", "shells", "rockets", "stones"})


def link_quantities(doc: Doc, events: list[dict], quantities: list[dict]) -> None:
    """Attach each quantity to its event and sharpen its kind from the event's trigger."""
    if not quantities or not events:
        return
    tok_event = {}
    for n, e in enumerate(events):
        for t in e["_tokens"]:
            tok_event[t] = n
    for qi, q in enumerate(quantities):
        head = q.get("head")
        n = None
        tok = None
        if head is not None:
            span = doc.char_span(head, head + 1, alignment_mode="expand")
            tok = span.root if span is not None else None
        if tok is not None:
            node = tok
            for _ in range(3):
                if node.i in tok_event:
                    n = tok_event[node.i]
                    break
                if node.head.i == node.i:
                    break
                node = node.head
        if n is None:
            n = nearest_event(doc, events, q)
            if n is not None and q.get("kind") in ("killed", "injured") and events[n]["type"] != "ASSAULT":
                # "put the toll at 21 dead and blamed the coalition": a toll belongs to the attack,
                # not to the accusation beside it
                attack = _first_of_type(events, "ASSAULT")
                n = attack if attack is not None else n
        if n is None and q.get("kind") in ("killed", "injured"):
            n = _first_of_type(events, "ASSAULT")  # "Human Rights Watch put the toll at 14": the article's attack
        if n is None and q.get("kind") == "participants":
            n = _first_of_type(events, "PROTEST")  # "Organisers said 180,000 took part": the article's protest
        if n is None:
            continue
        event = events[n]
        event["quantities"].append(qi)
        counted = (q.get("counted") or {}).get("text", "").lower().split()
        if q.get("kind") in (None, "other") and not (counted and counted[-1] in _NOT_PEOPLE):
            lemma = tok.lemma_.lower() if tok is not None else ""
            kind = _KIND_BY_TYPE.get((event["type"], event["mode"])) or _KIND_BY_TYPE.get((event["type"], None))
            if event["type"] == "ASSAULT":
                kind = "killed" if lemma in _KILL else "injured" if lemma in _INJURE else None
            if kind:
                q["kind"] = kind


def nearest_event(doc: Doc, events: list[dict], q: dict) -> int | None:
    span = doc.char_span(q["start"], q["end"], alignment_mode="expand")
    if span is None:
        return None
    sent = span.sent
    best = None
    for n, e in enumerate(events):
        t = e["trigger"]["start"]
        if sent.start_char <= t < sent.end_char:
            d = abs(t - q["start"])
            if best is None or d < best[0]:
                best = (d, n)
    return None if best is None else best[1]


def _first_of_type(events: list[dict], typ: str) -> int | None:
    """The first-reported event of a type (the article's main protest, for a turnout given apart)."""
    found = [(e["trigger"]["start"], n) for n, e in enumerate(events) if e["type"] == typ]
    return min(found)[1] if found else None
