"""Event actors: who did it (source) and to whom (target), with sector and country.

Actors are read off the dependency parse around an event trigger (subject, passive
agent, object, "on/against X", "police firing"), then typed with two dict lookups:
the head noun's lemma gives the sector ("police", "militants", ...) and a demonym or
country name inside the phrase gives the ISO2 country ("Kazakh police" -> KZ). The sector
table is here; the demonyms are the places component's (``demonyms.py``), lower-cased so
they work on lower-cased text too.

A label a source uses inside a quotation ("terrorists" in the president's words) is
kept exactly as written; the record assembler attributes the event, and with it the
label, to the statement whose content contains it.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .attribution_spans import WIRE_DASHES, skip_dateline
from .demonyms import COUNTRY_SHORT_NAMES, DEMONYMS
from .event_lexicon import INSTRUMENTS

# Head-noun lemma -> sector. Lower-case keys; multi-word keys are matched on the
# phrase's last two tokens ("security forces", "air force").
SECTORS: dict[str, str] = {}
for _sector, _words in {
    "police": "police policeman policemen policewoman cop cops constable constabulary inspector "
              "sub-inspector si asi dsp sp acp dcp gendarme gendarmerie sheriff trooper khaki "
              "police_officer police_officers riot_police",
    "security forces": "security_forces security_personnel security_force paramilitary paramilitaries "
                       "crpf bsf rpf raf srp cisf itbp rangers rapid_action_force",
    "military": "army military soldier soldiers troop troops force forces navy marine marines "
                "paratrooper jawan jawans battalion brigade regiment air_force armed_forces airforce "
                "sailor officer commander general colonel junta",
    "government": "government minister ministry president premier cabinet administration authority "
                  "authorities official officials governor mayor parliament lawmaker legislator "
                  "senator congressman chancellor king queen prince emir sultan state kremlin "
                  "collector magistrate chief_minister prime_minister spokesman spokeswoman "
                  "spokesperson diplomat ambassador embassy envoy delegation regime council "
                  "secretary leader leaders mla mlas mp mps",
    "rebels": "rebel rebels insurgent insurgents guerrilla guerrillas guerilla separatist separatists "
              "fighter fighters maoist maoists naxal naxals naxalite naxalites",
    "militants": "militant militants terrorist terrorists extremist extremists jihadist jihadists "
                 "gunman gunmen bomber bombers assailant assailants attacker attackers kidnapper "
                 "kidnappers militia militiaman militiamen",
    "protesters": "protester protesters protestor protestors demonstrator demonstrators marcher "
                  "marchers striker strikers agitator agitators picketer procession rally "
                  "demonstration sit-in",
    "rioters": "rioter rioters mob mobs crowd crowds looter looters arsonist arsonists miscreant "
               "miscreants hooligan hooligans vandal vandals",
    "civilians": "civilian civilians resident residents villager villagers people person persons man "
                 "men woman women child children boy girl passenger passengers pedestrian refugee "
                 "refugees pilgrim pilgrims family families shopkeeper worshipper worshippers youth "
                 "youths victim victims migrant migrants farmer farmers",
    "students": "student students pupil pupils",
    "workers": "worker workers employee employees union unions labourer labourers laborer",
    "media": "journalist journalists reporter reporters photographer photographers newspaper media "
             "press broadcaster correspondent editor blogger",
    "international organization": "un united_nations nato eu european_union unhcr unicef imf "
                                  "world_bank african_union osce asean red_cross icrc "
                                  "peacekeeper peacekeepers",
    "ngo": "ngo ngos amnesty human_rights_watch charity",
    "judiciary": "court judge judges prosecutor prosecutors tribunal judiciary",
    "political party": "party parties opposition congress bjp vhp bajrang_dal faction factions "
                       "cadre cadres loyalist loyalists activist activists",
    "religious": "cleric clerics priest priests imam imams monk monks bishop",
    "criminals": "gang gangs criminal criminals smuggler smugglers robber robbers thief thieves "
                 "trafficker traffickers",
}.items():
    for _w in _words.split():
        SECTORS[_w.replace("_", " ")] = _sector

# Sectors that count as the state's security apparatus (IPE "police" questions use this).
SECURITY_SECTORS = frozenset({"police", "security forces"})
# The state's armed forces: who fires tear gas, disperses crowds, regains territory.
FORCE_SECTORS = SECURITY_SECTORS | {"military"}
STATE_SECTORS = frozenset({"police", "security forces", "military", "government", "judiciary"})

@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Lower-case country name, short name or demonym -> ISO2, built once per process."""
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names[value.lower()] = c.alpha_2
    # Lower-cased because actors are matched on lower-cased text too ("kazakh police").
    names.update((k.lower(), v) for k, v in {**DEMONYMS, **COUNTRY_SHORT_NAMES}.items())
    return names


def country_of(words: list[str]) -> str | None:
    """ISO2 of the first demonym/country name among ``words`` (single or two-word)."""
    table = _country_names()
    lowered = [w.lower() for w in words]
    for i, w in enumerate(lowered):
        if i + 1 < len(lowered) and f"{w} {lowered[i + 1]}" in table:
            return table[f"{w} {lowered[i + 1]}"]
        if w in table:
            return table[w]
    return None


# Civil titles that contain a military word.
_CIVIL_TITLES = frozenset({("secretary", "general"), ("general", "secretary"), ("attorney", "general"),
                           ("solicitor", "general"), ("surgeon", "general"), ("governor", "general"),
                           ("auditor", "general"), ("postmaster", "general")})


def sector_of(tokens: list[Token]) -> str | None:
    """Sector from the phrase's head (last noun) and its compounds ("riot police")."""
    if not tokens:
        return None
    words = [t.lower_ for t in tokens]
    lemmas = [t.lemma_.lower() for t in tokens]
    plain = [w for w in words if w != "-"]
    if any(pair in _CIVIL_TITLES for pair in zip(plain, plain[1:])):
        return "government"  # "secretary-general Dayal": a title with "general" in it, not an officer
    for n in (3, 2):
        if len(words) >= n:
            key = " ".join(words[-n:])
            if key in SECTORS:
                return SECTORS[key]
    for w, lem in zip(reversed(words), reversed(lemmas)):
        if w in SECTORS:
            return SECTORS[w]
        if lem in SECTORS:
            return SECTORS[lem]
    return None


_DROP_LEFT = {"det", "predet", "poss", "nummod", "quantmod", "punct", "cc", "advmod", "prep"}
_KEEP_CHILD = {"compound", "amod", "nmod", "det", "poss", "nummod", "quantmod", "appos", "flat"}


def _phrase(doc: Doc, head: Token) -> Span:
    """The actor phrase: the head noun with its left modifiers and "of" complement."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _KEEP_CHILD and child.i < start:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
            end = child.right_edge.i + 1
        elif child.dep_ in ("compound", "flat") and child.i == end:
            end = child.i + 1
    while start < head.i and (doc[start].dep_ in _DROP_LEFT or doc[start].is_punct
                              or doc[start].like_num):
        start += 1
    return doc[start:end]


_GROUP_NOUNS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "scores", "score",
                "group", "groups", "number", "lot", "lots", "band", "gang", "crowd", "mob", "batch",
                "members", "member", "supporters", "supporter", "section"}


def actor_dict(doc: Doc, head: Token, role: str, places: list[dict] | None = None) -> dict | None:
    """A JSON-safe actor for the phrase headed by ``head``; None for pronouns/numbers only."""
    # "thousands of students", "a mob of rioters", "supporters of the party": the
    # group noun counts, its "of" complement says who they are.
    if head.lower_ in _GROUP_NOUNS or head.like_num:
        of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None and (head.lower_ not in ("supporters", "supporter", "members", "member")
                                 or not sector_of([head])):
            inner = actor_dict(doc, pobj, role, places)
            if inner is not None and inner["sector"] is not None:
                return inner
    if head.pos_ == "PRON" and head.lower_ not in ("we", "they"):
        return None
    if head.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"):
        return None
    if head.like_num and not any(c.dep_ in ("prep",) for c in head.rights):
        return None
    span = _phrase(doc, head)
    tokens = list(span)
    sector = sector_of([t for t in tokens if t.i <= head.i] or tokens)
    if sector is None and head.ent_type_ in ("NORP", "GPE"):
        sector = "government" if head.ent_type_ == "GPE" else None
    country = _country_from_places(span, places) or country_of([t.text for t in tokens])
    if country and sector is None and len(tokens) == 1:
        sector = "government"  # "Russia said ..." stands for the state
    name = " ".join(t.text for t in tokens if t.dep_ not in ("det", "poss") or t.i == head.i)
    return {"role": role, "start": span.start_char, "end": span.end_char, "text": span.text,
            "name": name or span.text, "sector": sector, "country": country}


def _is_place(tok: Token, places: list[dict] | None) -> bool:
    """Whether the places component found a toponym (not a demonym) at this token."""
    return any(p["start"] <= tok.idx < p["end"] and p.get("role", "place") == "place" for p in places or ())


def _country_from_places(span: Span, places: list[dict] | None) -> str | None:
    for p in places or ():
        if span.start_char <= p["start"] and p["end"] <= span.end_char and p.get("country"):
            return p["country"]
    return None


# ---------------------------------------------------------------- who did what to whom

_SUBJ = {"nsubj", "csubj"}
_OBJ = {"dobj", "nsubjpass", "attr", "oprd"}
_TARGET_PREPS = {"on", "against", "at", "upon", "of"}


def _conj_root(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _first(children, deps: set[str]) -> Token | None:
    for c in children:
        if c.dep_ in deps:
            return c
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's subject, passing over a wire dateline the parse took for one ("GUSAU, Nigeria
    — Gunmen stormed …": GUSAU is where the report was filed, not who stormed)."""
    for c in verb.children:
        if c.dep_ in _SUBJ:
            doc = c.doc
            if any(t.text in WIRE_DASHES for t in doc[c.i + 1:c.i + 10]):  # cheap test first: Token.sent walks the Doc
                sent = c.sent
                if c.i < skip_dateline(doc, sent.start, sent.end - 1):
                    continue
            return c
    return None


_ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LOC"}
_RECIPIENT_PREPS = ("to", "with", "for", "against", "on", "from")


def _actor_like(tok: Token) -> bool:
    """A noun that can be a political actor: an entity, a proper noun or a sector word."""
    return tok.ent_type_ in _ACTOR_ENTS or tok.pos_ == "PROPN" or sector_of([tok]) is not None \
        or country_of([tok.text]) is not None


def _recipient(trigger: Token) -> Token | None:
    """Who a verbal act is directed at: "gave Tanzania a grant", "apologized to Brazil",
    "met with Obama", "support Turkey's efforts", "agreed to provide aid for Romania"."""
    for node in (trigger, *[c for c in trigger.children if c.dep_ in ("xcomp", "ccomp")]):
        dative = _first(node.children, {"dative"})
        if dative is not None:
            obj = _first(dative.children, {"pobj"}) if dative.pos_ == "ADP" else dative
            if obj is not None and _actor_like(obj):
                return obj
        dobj = _first(node.children, {"dobj"})
        if dobj is not None:
            poss = _first(dobj.children, {"poss"})
            if _actor_like(dobj):
                return dobj
            if poss is not None and _actor_like(poss):
                return poss
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ in _RECIPIENT_PREPS:
                obj = _first(prep.children, {"pobj"})
                if obj is not None and _actor_like(obj):
                    return obj
    return None


# Material acts keep their direct object as the target ("attacked the convoy").
_MATERIAL = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})


def find_actors(doc: Doc, trigger: Token, places: list[dict] | None = None,
                event_type: str | None = None) -> list[dict]:
    """Source and target actors of the event whose trigger is ``trigger``.

    For verbal and cooperative events (anything but ASSAULT, COERCE, PROTEST, MOBILIZE)
    the target is the recipient actor when there is one, not the thing given or said.
    """
    source: Token | None = None
    target: Token | None = None
    # A gerund in a noun slot ("in the police firing") is read as a noun.
    verbal = (trigger.pos_ in ("VERB", "AUX") or trigger.tag_.startswith("VB")) \
        and not (trigger.tag_ == "VBG" and trigger.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass"))
    if verbal:
        source = _subject(trigger)
        anchor = trigger
        # "police opened fire and killed two": the shared subject sits on the first verb;
        # "police were deployed to control": open complements inherit the subject.
        while source is None and anchor.dep_ in ("conj", "xcomp", "advcl", "pcomp") and anchor.head.i != anchor.i:
            if anchor.dep_ == "advcl" and _first(anchor.children, {"mark"}) is not None:
                break
            anchor = anchor.head
            source = _subject(anchor)
            if anchor.dep_ == "ROOT":
                break
        if source is None and trigger.dep_ in ("acl", "relcl") and trigger.tag_ == "VBN" and trigger.head.pos_ in ("NOUN", "PROPN"):
            target = trigger.head  # "the people killed in the firing"
        elif source is None and trigger.dep_ == "acl" and sector_of([trigger.head]):
            source = trigger.head  # "police firing" parsed as firing <acl- police
        if source is not None and source.lower_ in ("who", "which", "that") and trigger.dep_ == "relcl":
            source = trigger.head  # "farmers who had blocked the road"
        agent = _first(trigger.children, {"agent"})
        if agent is not None:
            source = _first(agent.children, {"pobj"})
            if source is not None and source.dep_ == "nsubjpass":
                source = None
        if source is not None and source.dep_ == "nsubjpass":
            target, source = source, None
        if source is not None and source.i == getattr(target, "i", -1):
            source = None
        target = target or _first(trigger.children, {"dobj", "nsubjpass"})
        if target is not None and target.lemma_.lower() in INSTRUMENTS:
            target = None  # "fired live ammunition at demonstrators"
        if target is None:  # "shot at demonstrators", "fired on the crowd"
            for prep in trigger.children:
                if prep.dep_ == "prep" and prep.lower_ in ("at", "on", "upon", "against"):
                    target = _first(prep.children, {"pobj"})
                    if target is not None and target.ent_type_ not in ("DATE", "TIME"):
                        break
                    target = None
        if source is not None and _first(trigger.children, {"auxpass"}) is not None and agent is None:
            target, source = source, None
    else:
        # Noun trigger: "police firing", "an attack by rebels on the camp", "staged a protest".
        comp = _first(trigger.children, {"compound", "amod", "poss", "nmod"})
        if comp is not None and comp.dep_ == "compound" and (
                comp.ent_type_ in ("GPE", "LOC", "FAC") or _is_place(comp, places)):
            comp = None  # "the Quetta bombing" happened in Quetta; Quetta did not bomb
        if comp is not None and (sector_of([comp]) or comp.ent_type_ in ("NORP", "ORG", "GPE")
                                 or country_of([comp.text])):
            source = comp
        for prep in trigger.children:
            if prep.dep_ != "prep":
                continue
            pobj = _first(prep.children, {"pobj"})
            if pobj is None:
                continue
            if prep.lower_ == "by" and source is None:
                source = pobj
            elif prep.lower_ in _TARGET_PREPS and target is None:
                target = pobj
        anchor = _conj_root(trigger)  # "used batons and water cannon": as the first conjunct
        head = anchor.head
        if source is None and anchor.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
            source = _first(head.children, _SUBJ)
        if source is None and trigger.dep_ == "pobj" and head.dep_ == "prep" \
                and head.head.pos_ == "VERB" and head.lower_ in ("to", "with"):
            source = _first(head.head.children, _SUBJ)  # "police resorted to lathi-charge"
        if source is None and trigger.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            source = head  # "police firing" parsed as firing <acl- police
        if source is None and trigger.dep_ == "pobj" and head.head.dep_ == "compound":
            source = None
    if source is not None and trigger.lemma_.lower() in ("die", "succumb", "perish"):
        target, source = source, None  # "people who died in the firing" are its victims
    if event_type is not None and event_type not in _MATERIAL and (target is None or not _actor_like(target)):
        target = _recipient(trigger) or target
    actors = []
    if source is not None and source.i != trigger.i:
        a = actor_dict(doc, _conj_root(source), "source", places)
        if a:
            actors.append(a)
    if target is not None and target.i != trigger.i and target is not source:
        a = actor_dict(doc, target, "target", places)
        if a:
            actors.append(a)
    return actors
