"""Within-article event coreference: the same arrests mentioned twice are one event.

Two event mentions corefer when they have the same PLOVER type, compatible modes
(equal or one unknown), the same modality, compatible source sectors and countries,
and do not name different places or different dates. The earlier mention's trigger
stays the event's trigger; all triggers go to ``mentions``; quantities, actors and
links are unioned. Pairwise greedy, in text order: O(events^2) but events per article
are few (tens).

A second attack in another city on the same day stays separate (different place);
a rising toll for one attack is one event whose quantities keep each mention's figure.
"""

from __future__ import annotations

import re


def _sectors(e: dict, role: str) -> set[str]:
    return {a["sector"] for a in e["actors"] if a["role"] == role and a.get("sector")}


def _has_source(e: dict) -> bool:
    """Whether anyone is named as the doer ("they" counts; an agentless passive does not)."""
    return any(a["role"] == "source" for a in e["actors"])


_PRONOUNS = {"they", "he", "she", "it", "we", "i", "who", "them"}


def _source_keys(e: dict) -> set[str] | None:
    """What identifies the doers: their sectors, else their names; None for a pronoun
    ("they arrested ...") which may refer to anyone."""
    keys = set()
    for a in e["actors"]:
        if a["role"] != "source":
            continue
        if a["text"].lower() in _PRONOUNS:
            return None
        keys.add(a.get("sector") or a["name"].lower())
    return keys


def _countries(e: dict) -> set[str]:
    return {a["country"] for a in e["actors"] if a.get("country")}


def _place_key(p: int | None, places: list[dict]) -> str | None:
    if p is None or p >= len(places):
        return None
    place = places[p]
    return str(place.get("geonameid") or (place.get("name") or place.get("text") or "").lower())


def _date_key(d: int | None, dates: list[dict]) -> tuple | None:
    if d is None or d >= len(dates):
        return None
    return (dates[d].get("earliest"), dates[d].get("latest"))


def _same_word(a: dict, b: dict) -> bool:
    """Same trigger word (first five letters: "arrested"/"arrests")."""
    return a["trigger"]["text"].lower()[:5] == b["trigger"]["text"].lower()[:5]


def _stem(trigger: str) -> str:
    """Crude stem of a trigger's last word: "opened fire", "the firing", "fired" -> "fir"."""
    words = trigger.lower().split()
    word = words[-1] if words else ""
    return re.sub(r"(ing|ed|es|s|e)$", "", word)[:4]


def _where_when_ok(a: dict, b: dict, places: list[dict], dates: list[dict]) -> bool:
    pa, pb = _place_key(a["place"], places), _place_key(b["place"], places)
    da, db = _date_key(a["date"], dates), _date_key(b["date"], dates)
    return not (pa and pb and pa != pb) and not (da and db and da != db)


# Modes that can name one act: "the suicide bombing", "the blast", "the attack".
_FAMILIES = {"explosives": "blast", "suicide-attack": "blast", "grenade": "blast",
             "aerial": "air", "drone": "air", "heavy-weapons": "shelling",
             "firearms": "shooting", "clash": "shooting"}


def _same_family(m1: str | None, m2: str | None) -> bool:
    """Modes that can name one act; an unspecified mode ("the attack") fits any."""
    if m1 is None or m2 is None:
        return True
    return _FAMILIES.get(m1, m1) == _FAMILIES.get(m2, m2)


def _anchored(a: dict, b: dict, places: list[dict], dates: list[dict], both: bool = False) -> bool:
    """Both mentions name the same place or the same date (``both``: place and date):
    evidence they are one act. Joining a doer-less mention to an attributed one needs
    both, because one city often sees several incidents in a day's report."""
    pa, pb = _place_key(a["place"], places), _place_key(b["place"], places)
    da, db = _date_key(a["date"], dates), _date_key(b["date"], dates)
    same_place, same_date = bool(pa and pa == pb), bool(da and da == db)
    return same_place and same_date if both else same_place or same_date


def compatible(a: dict, b: dict, places: list[dict], dates: list[dict]) -> bool:
    if a["type"] != b["type"] or a["modality"] != b["modality"]:
        return False
    same_kind = bool(a["mode"] and a["mode"] == b["mode"]) or _same_word(a, b)
    if not same_kind and not (_same_family(a["mode"], b["mode"]) and _anchored(a, b, places, dates)):
        return False
    # Sources must agree, and an anonymous act never merges into an attributed one:
    # "police fired" and "shots were fired" in one article may be different incidents.
    if _has_source(a) != _has_source(b) and not _anchored(a, b, places, dates):
        return False
    ka, kb = _source_keys(a), _source_keys(b)
    if ka and kb and not ka & kb:
        return False
    ta, tb = _sectors(a, "target"), _sectors(b, "target")
    if ta and tb and not ta & tb:
        return False
    ca, cb = _countries(a), _countries(b)
    if ca and cb and not ca & cb:
        return False
    pa, pb = _place_key(a["place"], places), _place_key(b["place"], places)
    if pa and pb and pa != pb:
        return False
    da, db = _date_key(a["date"], dates), _date_key(b["date"], dates)
    if da and db and da != db:
        return False
    return True


def _word_before(e: dict, text: str | None) -> str | None:
    """The lower-case word right before the trigger, if the text is known."""
    if text is None:
        return None
    before = text[max(0, e["trigger"]["start"] - 12):e["trigger"]["start"]].lower().split()
    return before[-1] if before else None


def _definite_reference(e: dict, text: str | None) -> bool:
    """"the firing", "the attack" with no doer named: a reference back to a known event."""
    return not _has_source(e) and _word_before(e, text) in ("the", "this", "that")


_NEW_ACT_WORDS = frozenset({"other", "another", "further", "fresh", "new", "separate", "more"})


def _another_act(e: dict, text: str | None) -> bool:
    """"another attack", "fresh clashes", "no reports of any other violence": the words
    themselves say this is not an act already mentioned."""
    return _word_before(e, text) in _NEW_ACT_WORDS


def merge_coreferent(events: list[dict], places: list[dict], dates: list[dict],
                     text: str | None = None) -> list[dict]:
    """Events with coreferent mentions merged (input order kept).

    With the article ``text``, a definite mention with no doer ("one person was killed in
    the firing") also merges into the latest earlier event of the same trigger word, and a
    mention introduced as another act ("fresh clashes") merges into none.
    """
    merged: list[dict] = []
    for e in events:
        if _another_act(e, text):
            merged.append(e)
            continue
        if _definite_reference(e, text):
            earlier = [m for m in merged if m["type"] == e["type"]
                       and _stem(m["trigger"]["text"]) == _stem(e["trigger"]["text"])
                       and _same_family(m["mode"], e["mode"])
                       and m["modality"] == e["modality"] and _where_when_ok(m, e, places, dates)]
            if earlier:
                _absorb(earlier[-1], e)
                continue
        for m in merged:
            # Types that are usually distinct acts even in one article (statements,
            # meetings) are not merged: only physical acts and arrests corefer.
            if e["type"] not in ("ASSAULT", "COERCE", "PROTEST", "MOBILIZE"):
                continue
            if compatible(m, e, places, dates):
                _absorb(m, e)
                break
        else:
            merged.append(e)
    return merged


def _absorb(into: dict, other: dict) -> None:
    seen = {(s["start"], s["end"]) for s in into["mentions"]}
    into["mentions"] += [s for s in other["mentions"] if (s["start"], s["end"]) not in seen]
    into["mode"] = into["mode"] or other["mode"]
    have = {(a["role"], a["start"]) for a in into["actors"]}
    roles = {a["role"] for a in into["actors"]}
    into["actors"] += [a for a in other["actors"] if a["role"] not in roles and (a["role"], a["start"]) not in have]
    into["quantities"] = sorted(set(into["quantities"]) | set(other["quantities"]))
    if into["place"] is None:
        into["place"] = other["place"]
    if into["date"] is None:
        into["date"] = other["date"]
    if into["acled"] is None:
        into["acled"] = other["acled"]
    into["confidence"] = max(into["confidence"], other["confidence"])
