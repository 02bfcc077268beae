"""District-precision places for names the gazetteer lacks.

News locates events in neighbourhoods, villages and facilities that no offline gazetteer of
populated places lists: "in the Zafaraniyah district of Baghdad", "at her Reshimbagh
residence", "the village of Sharifah", "clashes in Damboa town". Without a place record
for them an event can only be linked to the town around them, or to nothing. This module
turns such proper nouns into ``rp_places`` records of precision "district": coordinates of
the gazetteer place that encloses them in the text ("..., Baghdad", "Karachi's ..."), else of
the article's focus, with a ``reason`` saying which.

Only names in a scene phrase count (after "in", "at", "near"..., after "<place noun> of", or
before a lower-case place noun): capitalised words elsewhere are mostly people, outlets and
organisations ("on Telegram", "told Reuters"), which a place list shown to users must not hold.
The rules are the event-location benchmark's candidate rules (reportedly.eval.event_location)
narrowed to scene prepositions; see docs/places.md.
"""

from __future__ import annotations

from typing import Iterator, Protocol

from spacy.tokens import Doc, Span

from .extensions import doc_text
from .gazetteer import Entry
from .linking import FACILITY_TAILS

# "on", "by", "over", "from", "to" are left out: "on Telegram", "by X", "from Reuters",
# "taken to Kenyatta Hospital" name a medium, an author or a destination, not a scene.
SCENE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout",
                         "within", "between", "into"})
# Nouns that make the phrase around a name a place ("the town of Jenin", "Damboa town").
PLACE_NOUNS = frozenset("""
town towns city cities village villages district districts province provinces region area areas
neighborhood neighbourhood suburb suburbs outskirts countryside governorate localities locality
camp camps street road highway square market marketplace mosque church temple hospital school
university residence home house compound base airport port border crossing checkpoint valley
mountain mountains hills hill junction bridge station prison jail embassy hotel palace island
islands settlement settlements outpost
""".split())
# Capitalised last words that make a name a place wherever it stands ("Manger Square"). Not
# "Hospital": news names hospitals where the wounded were taken ("taken to Kenyatta National
# Hospital"), not where the event happened, and the gold articles do not list them as places.
SCENE_TAILS = FACILITY_TAILS - {"hospital"}
# Entity labels that are never places, whatever phrase they stand in.
NOT_PLACES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP",
                        "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT", "EVENT"})
# Groups whose names end like a place's ("Islamic State" ends in "State", as "Borno State" does).
GROUP_NAMES = frozenset({"islamic state", "islamic state of iraq", "islamic state of iraq and syria",
                         "islamic state of iraq and the levant", "islamic state west africa province",
                         "islamic state in the greater sahara", "islamic state sahel province"})
# Words between a district and the place that encloses it ("the Washash district of Baghdad",
# "Lyari, Karachi", "Saddar area in Karachi").
BRIDGE_WORDS = frozenset({",", "of", "in", "the", "("}) | PLACE_NOUNS


class _Mention(Protocol):
    start: int
    end: int
    source: str
    chosen: Entry | None


def district_places(doc: Doc, mentions: list[_Mention], focus: Entry | None) -> list[dict]:
    """rp_places records (role "place", precision "district") for proper nouns in scene
    phrases that no mention covers; ``mentions`` are the resolved gazetteer mentions and
    ``focus`` the article's focus (places._focus), used when nothing in the text encloses
    the name."""
    taken = [(m.start, m.end) for m in mentions if m.start >= 0]
    out = []
    for span in _scene_names(doc):
        if any(s < span.end_char and span.start_char < e for s, e in taken):
            continue
        container, how = _enclosing(doc, span, mentions), "enclosing place"
        if container is None:
            container, how = focus, "article focus"
        out.append({
            "start": span.start_char, "end": span.end_char, "text": span.text, "name": span.text,
            "country": container.country if container else None,
            "admin1": (container.name if container.precision == "admin1" else container.admin1) if container else None,
            "lat": container.lat if container else None, "lon": container.lon if container else None,
            "geonameid": None, "precision": "district",
            # The first field is the source, a feature of the learned place scorer (linking.py):
            # "pn" is what it was trained on for these names.
            "reason": f"pn; district not in gazetteer; {how} {container.name}" if container
            else "pn; district not in gazetteer; no enclosing place",
            "role": "place",
        })
    return out


def _scene_names(doc: Doc) -> Iterator[Span]:
    """Capitalised proper-noun runs in a scene phrase."""
    for span in _proper_noun_runs(doc):
        if not (span[0].is_title or span[0].is_upper):
            continue
        head = span.root
        while head.dep_ in ("compound", "conj", "appos") and head.head.i != head.i:
            head = head.head  # "the towns of Khan Touman, Aleis and Alzorba": the first conjunct decides
        if head.ent_type_ in NOT_PLACES or any(t.ent_type_ in NOT_PLACES for t in span):
            continue
        if span.text.lower() in GROUP_NAMES:
            continue
        # A scene phrase of a clause ("clashed in ...", "was killed at ..."), not one that
        # describes a person ("doctors at Kenyatta National Hospital", "a worker at ...").
        governed = head.dep_ == "pobj" and head.head.lower_ in SCENE_PREPS and \
            head.head.head.pos_ in ("VERB", "AUX")
        after_of = (head.dep_ == "pobj" and head.head.lower_ == "of"
                    and head.head.head.lemma_.lower() in PLACE_NOUNS)
        before_noun = span.end < len(doc) and doc[span.end].is_lower and doc[span.end].lower_ in PLACE_NOUNS
        # The small model calls many place names PERSON ("in Sheikh Sa'eed"); inside a place
        # phrase they stay, elsewhere a PERSON before "home"/"house" is a person's.
        person = any(t.ent_type_ == "PERSON" for t in span)
        # "stormed Manger Square", "to capture the Al-Mahsaa Mountains": a name of two or more
        # words ending in a capitalised place noun names a place wherever it stands.
        facility = len(span) > 1 and span[-1].is_title and span[-1].lower_ in SCENE_TAILS
        if governed or after_of or (before_noun and not person) or facility:
            yield span


def _proper_noun_runs(doc: Doc) -> Iterator[Span]:
    """Maximal runs of PROPN tokens (with "-" and "'" inside), not ending in "-"."""
    i = 0
    while i < len(doc):
        if doc[i].pos_ != "PROPN":
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and (doc[j + 1].pos_ == "PROPN" or doc[j + 1].text in ("-", "'")):
            j += 1
        while j > i and doc[j].text in ("-", "'"):
            j -= 1
        yield doc[i:j + 1]
        i = j + 1


def _enclosing(doc: Doc, span: Span, mentions: list[_Mention]) -> Entry | None:
    """The resolved place written around the name: a possessor right before it ("Karachi's
    Lyari") or a place after it over bridge words only ("Lyari, Karachi", "the Washash
    district of Baghdad")."""
    sent = span.sent
    text = doc_text(doc)
    for m in mentions:
        if m.chosen is None or m.source == "demonym" or m.start < sent.start_char or m.end > sent.end_char:
            continue
        if m.end <= span.start_char:
            between = text[m.end:span.start_char].strip().lower()
            if between in ("'s", "\u2019s"):
                return m.chosen
        elif m.start >= span.end_char:
            gap = doc.char_span(span.end_char, m.start, alignment_mode="expand")
            if gap is not None and len(gap) <= 4 and all(t.lower_ in BRIDGE_WORDS for t in gap):
                return m.chosen
    return None
