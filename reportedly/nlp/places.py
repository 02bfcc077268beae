"""reportedly_places: find toponyms and demonyms and resolve them against the offline gazetteer.

Mentions come from spaCy NER (GPE/LOC/FAC, NORP for demonyms) and from gazetteer n-gram
lookups, which also work on lower-cased text where NER is blind. Each mention's candidates
are ranked by population, feature type, the article's country focus and the places around
it ("Paris, Texas"); see docs/places.md for the scoring.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from .attribution_cues import TWEET_EMBED
from .attribution_spans import WIRE_DASHES
from .districts import district_places
from .extensions import doc_text, register_extensions
from .gazetteer import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, KIND_NAMES, Entry, Gazetteer, get_gazetteer, normalise

NER_PLACE_LABELS = ("GPE", "LOC", "FAC")
MAX_NGRAM = 4
# Feature-type prior: a bare name usually means the bigger kind of place ("Georgia" the
# country in world news; the article focus below overrides it for US local news).
KIND_PRIOR = {CONTINENT: 2.5, COUNTRY: 3.0, ADMIN1: 1.0, ADMIN2: 0.3, CITY: 0.0}
BIG_CITY = 500_000      # "Washington", "Mexico City": a big city is the usual reading
BIG_CITY_BONUS = 1.0
CAPITAL_BONUS = 1.5    # national capitals are named far more than their size suggests
FOCUS_WEIGHT = 5.0      # times the share of the article's other places in that country
ADMIN1_FOCUS_WEIGHT = 4.0  # times the share of votes for that admin1 (US local news)
VERY_COMMON_ZIPF = 4.5  # "western", "capital", "rest": about once per 30k words or more
CONTAINER_BONUS = 8.0   # "Paris, Texas": the next place contains this candidate
ALT_NAME_PENALTY = 1.5  # matched only by a former/foreign name ("Salisbury" for Harare)
NAMESAKE_CITY_BONUS = 1.5  # "New York": the city that gives its name to its state
OUTLET_WEIGHT = 2.0     # focus votes of a place named by the outlet's domain ("gainesville.com")
REPEAT_WEIGHT = 0.3     # a name said again adds this share of its vote ("Franklin" x3)
OUTLET_MIN_LETTERS = 5  # shorter pieces of a domain name are initials or words, not towns
OUTLET_MIN_POPULATION = 10_000
# Country-code top-level domains that are not the ISO code of their country.
TLD_COUNTRY = {"uk": "GB"}
OUTLET_FILLERS = ("thisis", "online", "the", "my")
GENERIC_TLDS = frozenset({"com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "co", "tv", "io",
                          "news", "us"})  # .us: US local outlets mostly use .com; ".co" is Colombia's but generic
# Words that are also place names somewhere but are common English words or news vocabulary.
# Only consulted for gazetteer matches that NER did not find.
COMMON_WORDS = frozenset(STOP_WORDS) | frozenset("""
police army city state government university college school hospital court church street road
mobile reading nice bath march may june july august god hope union independence liberty victory
justice progress unity commerce enterprise friendship paradise eden bethlehem centre center north
south east west central new old great little upper lower lake river island islands mount fort port
man woman people day time year week news report media power home village town market camp border
police station office hall house park square bridge airport bank lincoln washington jackson
monday tuesday wednesday thursday friday saturday sunday january february april september october
november december spring summer winter fall sale worth best rock hill valley beach well wells
orange lima mesa alma mercy grace faith joy patience victoria laval split bar bat cork deal
ill miss wash mass del mo pa la ga me va md ky vt ore ok co ca ma al ar de oh hi id nd sd nc sc
""".split())
# Prepositions that make the next word a place even when it is an everyday word ("in Normal").
SCENE_PREPS = frozenset({"in", "at", "near", "outside", "across", "around", "toward", "towards", "into"})
INNER_PUNCT = frozenset({"-", "'", "."})
LOCATIVE = frozenset({"in", "at", "near", "from", "outside", "across", "to", "into", "of", "around", "toward", "towards"})
# Words that open a longer place name ("Port Harcourt", "Mount Elgon", "San Pedro"); the
# compass words are left out: "East Jerusalem" is still in Jerusalem.
NAME_PREFIXES = frozenset({"port", "fort", "ft", "mount", "mt", "lake", "san", "santa", "saint", "st", "cape",
                           "new", "el", "al", "glen", "point", "puerto", "porto", "bandar", "kota"})
CONNECTORS = frozenset({"of", "de", "del", "la", "le", "al", "el", "du", "des", "and", "upon", "on", "-"})


@dataclass
class Mention:
    start: int
    end: int
    text: str
    source: str              # "ner" | "gazetteer" | "given" (evaluation) | "demonym" | "outlet" | "capital"
    candidates: list[Entry] = field(default_factory=list)
    chosen: Entry | None = None
    reason: str = ""


def _is_lowercase_doc(doc: Doc) -> bool:
    """IndiaPoliceEvents-style input: (almost) no capitals, so casing tells nothing."""
    alpha = [t for t in doc[:400] if t.is_alpha]
    return bool(alpha) and sum(1 for t in alpha if t.is_lower) / len(alpha) > 0.97


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Toponym and demonym mentions, non-overlapping, in text order."""
    mentions: list[Mention] = []
    taken = [False] * len(doc)
    lowercase = _is_lowercase_doc(doc)
    # A tweet's signature line ("— Abiy Kedir (@AbiyKedir) November 28, 2026") names a person,
    # however much of it the gazetteer knows ("Abiy" is a village too).
    for m in TWEET_EMBED.finditer(doc.text):
        span = doc.char_span(m.start("name"), m.end("handle"), alignment_mode="expand")
        for i in range(span.start, span.end) if span is not None else ():
            taken[i] = True
    # "a UK-based war monitor", "a London-born activist": where someone is based, not a scene.
    for i in range(len(doc) - 2):
        if doc[i + 1].text == "-" and doc[i + 2].lower_ in ("based", "born", "headquartered"):
            j = i
            while j >= 0 and (j == i or doc[j + 1].ent_iob_ == "I" or doc[j + 1].is_title and doc[j].is_title):
                taken[j] = True
                j -= 1
    # A wire dateline's outlet tag ("BENTA, Nalovo (Meridian) - ", "(Reuters) —") names the
    # outlet, here and wherever else the article names it ("told Meridian by phone").
    outlets = {doc[a:b].text for a, b in _dateline_outlets(doc)}
    for i in range(len(doc)) if outlets else ():
        for size in (1, 2, 3):
            if doc[i:i + size].text in outlets:
                for j in range(i, i + size):
                    taken[j] = True
    # "the Congolese capital", "the Malian capital": the country's capital city.
    for i in range(len(doc) - 1):
        if doc[i + 1].lower_ == "capital" and not taken[i] and (doc[i].is_title or lowercase) \
                and doc[i + 1].dep_ not in ("compound", "amod") and (capital := gaz.capital_of(gaz.demonym(doc[i].text))):
            mentions.append(Mention(doc[i].idx, doc[i + 1].idx + len(doc[i + 1].text), doc[i:i + 2].text,
                                    "capital", [capital]))
            taken[i] = taken[i + 1] = True
    for ent in doc.ents:
        if taken[ent.start]:
            continue
        if ent.label_ in NER_PLACE_LABELS and gaz.demonym(ent.text) and not any(
                e.kind <= ADMIN1 for e in gaz.lookup_key(normalise(ent.text))):
            # NER often calls "Kazakh" in "Kazakh police" a GPE; it is a demonym.
            mentions.append(Mention(ent.start_char, ent.end_char, ent.text, "demonym"))
            for i in range(ent.start, ent.end):
                taken[i] = True
        elif ent.label_ in NER_PLACE_LABELS:
            start = ent.start
            if ent[0].lower_ == "the":  # "the West Bank": the article is not part of the name
                start += 1
            if start >= ent.end:
                continue
            end = ent.end
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1  # "ayodhya." in lower-case text: NER keeps the full stop
            if start >= end:
                continue
            span = doc[start:end]
            if lowercase:
                # NER guesses wildly without capitals ("opportunity", "the post"): keep only
                # what the gazetteer would accept on its own.
                found = gaz.lookup_key(normalise(span.text))
                if not found or not _plausible(span, found, True, len(span), gaz):
                    continue
            text = span.text.rstrip(" \t\r\n.,;:")  # a token may carry "ayodhya.\n\n"
            mentions.append(Mention(span.start_char, span.start_char + len(text), text, "ner"))
            for i in range(ent.start, ent.end):
                taken[i] = True
        elif ent.label_ == "NORP" and gaz.demonym_entry(ent.text):
            mentions.append(Mention(ent.start_char, ent.end_char, ent.text, "demonym"))
            for i in range(ent.start, ent.end):
                taken[i] = True
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if taken[i] or not tok.is_alpha or (not lowercase and not tok.is_title and not tok.is_upper):
            i += 1
            continue
        found = None
        for size in range(min(MAX_NGRAM, n - i), 0, -1):
            span = doc[i:i + size]
            if (any(taken[j] for j in range(i, i + size)) or span[-1].lower_ in CONNECTORS
                    or span[-1].is_punct or any(t.is_punct and t.text not in INNER_PUNCT for t in span)):
                continue
            key = normalise(span.text)
            if size == 1 and (key in COMMON_WORDS or gaz.demonym(key)):
                break  # a demonym ("Kazakh") is not the village that shares its name
            candidates = gaz.lookup_key(key)
            if candidates and _plausible(span, candidates, lowercase, size, gaz):
                found = (span, candidates)
                break
        if found is None:
            if tok.lower_ not in COMMON_WORDS and gaz.demonym_entry(tok.text) and (lowercase or tok.is_title):
                mentions.append(Mention(tok.idx, tok.idx + len(tok), tok.text, "demonym"))
            i += 1
            continue
        span, candidates = found
        mentions.append(Mention(span.start_char, span.end_char, span.text, "gazetteer", candidates))
        i = span.end
    mentions.sort(key=lambda m: m.start)
    return mentions




def _dateline_outlets(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of "(Outlet)" right before a dash in a paragraph's first 15 words."""
    out = []
    para_start = 0
    for i, tok in enumerate(doc):
        if "\n" in tok.text:
            para_start = i + 1
            continue
        if tok.text == ")" and i - para_start < 15 and i + 1 < len(doc) and doc[i + 1].text in WIRE_DASHES:
            opening = next((j for j in range(i - 1, max(para_start, i - 5) - 1, -1) if doc[j].text == "("), None)
            if opening is not None and opening + 1 < i:
                out.append((opening + 1, i))
    return out


def _plausible(span, candidates: list[Entry], lowercase: bool, size: int, gaz: Gazetteer) -> bool:
    """Keep gazetteer hits that are likely places here, not homographs of common words."""
    best = candidates[0]
    big = best.kind <= ADMIN1 or best.population >= 100_000
    key = normalise(span.text)
    doc = span.doc
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    # "rest", "western", "newton": everyday words need a famous place or a locative cue;
    # the most frequent ones ("western", "capital") a locative cue whatever the place.
    zipf = gaz.common.get(key, 0.0)
    famous = best.kind <= COUNTRY or best.population >= 1_000_000
    if zipf and prev not in SCENE_PREPS and (zipf >= VERY_COMMON_ZIPF or not famous):
        return False
    if lowercase:
        if size == 1 and len(span.text) < 4:  # "la", "pa", "ind": abbreviations need capitals
            return False
        if not any(normalise(c.name) == key for c in candidates) and best.population < 100_000:
            return False  # only a variant spelling of a small place ("kar", "nirmala")
        # Without capitals, only well-known places: countries, admin1, or cities of 50k+
        # (multi-word names are rarely accidental, so 5k+ for those).
        return best.kind <= ADMIN1 or best.population >= (5_000 if size > 1 else 50_000)
    if span.start > 0 and doc[span.start - 1].lower_ in NAME_PREFIXES and (
            (span[0].is_upper and doc[span.start - 1].is_upper) or (span[0].is_title and doc[span.start - 1].is_title)):
        # "PORT HARLAN —", "Fort Kessel": the end of a name the gazetteer lacks, not the
        # (elsewhere) place that shares its last word.
        return False
    ent_types = {t.ent_type_ for t in span} - {""}
    if ent_types & {"PERSON", "ORG"}:
        # The small model often tags cities as PERSON/ORG ("Lyon", "Alma-Ata"); trust the
        # gazetteer for well-known places, or after a locative preposition ("in Lyon").
        whole = span[0].ent_iob_ == "B" and (span.end == len(doc) or doc[span.end].ent_iob_ != "I")
        return whole and (big or prev in LOCATIVE)
    if size == 1:
        tok = span[0]
        if tok.is_sent_start and tok.pos_ != "PROPN":
            return False
        if tok.pos_ not in ("PROPN", "NOUN", "ADJ") or tok.ent_type_ in ("NORP", "DATE"):
            return False
        return best.kind <= ADMIN1 or best.population >= 1_000
    return True


def outlet_mentions(url: str | None, gaz: Gazetteer) -> list[Mention]:
    """Places the outlet's web address names: its country-code domain (".co.uk", ".ru") and
    towns spelled inside its host name ("gainesvilletimes.com", "onlineathens.com").

    Local news rarely says which Gainesville or Athens it is in; its masthead does. The
    mentions have no span (start = end = -1): they only vote for the article's focus. Towns
    found in a host name are never countries ("jordannews.com" is a local paper; national
    outlets show their country in the top-level domain) and need 10k+ people, 5+ letters and
    no everyday-word reading ("mercury", "herald"); see ``_outlet_town``.
    """
    if not url:
        return []
    host = url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    labels = [x for x in host.split(".") if x and x != "www"]
    if len(labels) < 2:
        return []
    out: list[Mention] = []
    tld = labels[-1]
    if tld.isalpha() and tld not in GENERIC_TLDS:
        entry = gaz.country(TLD_COUNTRY.get(tld, tld.upper()))
        if entry is not None:
            out.append(Mention(-1, -1, host, "outlet", [entry], entry, "outlet country domain"))
    name_labels = labels[:-1]
    if name_labels and name_labels[-1] in GENERIC_TLDS:  # "thisisoxfordshire.co.uk"
        name_labels = name_labels[:-1]
    for label in name_labels:
        for part in label.split("-"):
            mention = _outlet_town(part, gaz)
            if mention is not None:
                out.append(mention)
    return out


def _outlet_town(part: str, gaz: Gazetteer) -> Mention | None:
    """The longest town name that opens a host-name part, after a masthead word ("the",
    "online", "my", "thisis"): "dallasnews" -> Dallas, "lasvegassun" -> Las Vegas (a space
    may be missing anywhere in a name). Only the opening is read: names inside a run of
    words ("theintelligencer" -> "gence") are accidents."""
    for filler in OUTLET_FILLERS:
        if part.startswith(filler) and len(part) - len(filler) >= OUTLET_MIN_LETTERS:
            part = part[len(filler):]
            break
    for j in range(len(part), OUTLET_MIN_LETTERS - 1, -1):
        head = part[:j]
        for key in [head] + [head[:k] + " " + head[k:] for k in range(2, j - 1)]:
            if key in COMMON_WORDS or not gaz.has_name(key):
                continue
            # Own names only: a masthead spells its town, not a former or foreign name of
            # somewhere else ("theda" is not Tire, "augusta" not Augsburg).
            cands = [c for c in gaz.lookup_key(key) if c.kind >= ADMIN1 and normalise(c.name) == key
                     and (c.kind == ADMIN1 or c.population >= OUTLET_MIN_POPULATION)]
            if not cands:
                continue
            zipf = gaz.common.get(key, 0.0)
            if zipf >= VERY_COMMON_ZIPF or (zipf and cands[0].kind != ADMIN1 and cands[0].population < 100_000):
                continue  # an everyday word ("mercury", "herald"), not a masthead town
            return Mention(-1, -1, key, "outlet", cands)
    return None


def resolve(doc: Doc, mentions: list[Mention], gaz: Gazetteer, outlet: list[Mention] | None = None) -> None:
    """Choose a gazetteer entry for every mention, using the other mentions as context.

    ``outlet``: span-less mentions from ``outlet_mentions`` (the article's web address); they
    are resolved and vote like the article's own names, but are not part of ``mentions``.
    """
    real = mentions
    # A masthead town the article names itself adds nothing but a second, context-free
    # vote for whichever reading its name prefers ("springfieldnewssun.com" on Springfield,
    # Ohio); it speaks only for articles that leave their town unsaid.
    named = {normalise(m.text) for m in real}
    mentions = [m for m in outlet or [] if m.text not in named] + mentions
    for m in mentions:
        if m.source == "demonym":
            entry = gaz.demonym_entry(m.text)
            m.candidates = [entry] if entry else []
        elif not m.candidates:
            m.candidates = gaz.lookup(m.text)
    # Pass 1: prior only (population, kind, capital); then two passes adding the article's
    # focus, each voting with the previous pass's choices.
    for m in mentions:
        if m.candidates:
            m.chosen = max(m.candidates, key=_prior)
            m.reason = "only candidate" if len(m.candidates) == 1 else "prior"
    # Outlet names get keys of their own, so that "gainesville.com" votes for "Gainesville".
    keys = [("@" if m.source == "outlet" else "") + normalise(m.text) for m in mentions]
    n_outlet = len(mentions) - len(real)
    text = doc_text(doc)
    containers = [None] * n_outlet + [_container(text, real, k) for k in range(len(real))]
    for _ in range(2):
        votes = _votes(mentions, keys)
        for k, m in enumerate(mentions):
            if len(m.candidates) < 2 or m.source == "demonym":
                continue
            m.chosen, m.reason = _rank(m, votes, keys[k], containers[k])
    # A name the gazetteer lacks ("Frenchmen Street", "Bardo Museum") is almost always in
    # the place the article is about: place it there, at that place's precision.
    focus = _focus(mentions)
    if focus is not None:
        for m in real:
            if m.chosen is None and m.source != "demonym":
                m.chosen, m.reason = focus, f"not in gazetteer; article focus {focus.name}"


def _focus(mentions: list[Mention]) -> Entry | None:
    """The article's main place, narrowed level by level: the country most of its names are
    in, then that country's most named admin1, then that admin1's most mentioned city (or
    county); each level weighted like the focus votes, so one stray homonym cannot win."""
    chosen = []
    seen: set[str] = set()
    for m in mentions:
        if m.chosen is not None and m.source != "demonym":
            key = normalise(m.text)
            share = REPEAT_WEIGHT if key in seen else 1.0
            chosen.append((m.chosen, _vote_weight(m) * share, _admin1_weight(m) * share))
            seen.add(key)
    if not chosen:
        return None
    countries: Counter = Counter()
    for e, w, _ in chosen:
        countries[e.country] += w
    cc = countries.most_common(1)[0][0]
    inside = [(e, w1) for e, _, w1 in chosen if e.country == cc]
    admin1s: Counter = Counter()
    for e, w in inside:
        a1 = e.name if e.kind == ADMIN1 else e.admin1
        if a1 and e.kind >= ADMIN1:
            admin1s[a1] += w
    if admin1s:
        a1 = admin1s.most_common(1)[0][0]
        local: Counter = Counter()
        by_index: dict[int, Entry] = {}
        for e, w in inside:
            if e.kind >= ADMIN2 and e.admin1 == a1:
                local[e.index] += w + (1.0 if e.kind == CITY else 0.0)  # cities over counties
                by_index[e.index] = e
        if local:
            return by_index[local.most_common(1)[0][0]]
        admin = [e for e, _ in inside if e.kind == ADMIN1 and e.name == a1]
        if admin:
            return admin[0]
    return next((e for e, _ in inside if e.kind <= COUNTRY), inside[0][0])


def _admin1_weight(m: Mention) -> float:
    """Like _vote_weight one level down: "Washington Square" is surely in the US but says
    nothing about which state, so it votes weakly for its admin1."""
    if m.source in ("demonym", "outlet"):
        return _vote_weight(m)
    a1s = {(c.country, c.admin1) for c in m.candidates}
    return 1.0 if len(a1s) <= 1 or (m.chosen is not None and m.chosen.kind <= ADMIN1) else 0.3


def _vote_weight(m: Mention) -> float:
    if m.source == "demonym":
        return 0.5  # "French police" hints at France, less than a place name does
    if m.source == "outlet":
        return OUTLET_WEIGHT
    ccs = {c.country for c in m.candidates}
    return 1.0 if len(ccs) <= 1 or (m.chosen is not None and m.chosen.kind <= ADMIN1) else 0.3


def _votes(mentions: list[Mention], keys: list[str]) -> dict[str, tuple[Counter, Counter]]:
    """Per name: country and admin1 votes from the *other* names in the article.

    A mention votes fully when its name is unambiguous at country level (one country among
    its candidates, or a country/admin1 name) and weakly otherwise, so that one big
    homonym ("Alexandria", Egypt) cannot drag a local article abroad.
    """
    countries: Counter = Counter()
    admin1s: Counter = Counter()
    by_key: dict[str, tuple[Counter, Counter]] = {}
    for m, key in zip(mentions, keys):
        e = m.chosen
        if e is None or not e.country:
            continue
        c_prev = by_key.get(key)
        weight = _vote_weight(m) * (REPEAT_WEIGHT if c_prev is not None and sum(c_prev[0].values()) else 1.0)
        c_own, a_own = by_key.setdefault(key, (Counter(), Counter()))
        c_own[e.country] += weight
        countries[e.country] += weight
        a1 = e.name if e.kind == ADMIN1 else e.admin1
        if a1 and e.kind >= ADMIN1:
            weight1 = weight * _admin1_weight(m) / _vote_weight(m)
            a_own[(e.country, a1)] += weight1
            admin1s[(e.country, a1)] += weight1
    return {key: (countries - own_c, admin1s - own_a) for key, (own_c, own_a) in by_key.items()} | {
        "": (countries, admin1s)}


def _rank(m: Mention, votes: dict, key: str, container: Entry | None) -> tuple[Entry, str]:
    countries, admin1s = votes.get(key, votes[""])
    total = sum(countries.values())
    total1 = sum(admin1s.values())
    best, best_score, best_why = m.candidates[0], -math.inf, ""
    admin1_names = {(c.country, c.name) for c in m.candidates if c.kind == ADMIN1}
    exact_name = any(normalise(c.name) == key for c in m.candidates)
    for cand in m.candidates:
        score = _prior(cand)
        why = [f"prior {score:.1f}"]
        if normalise(cand.name) != key and cand.kind == CITY:
            # Doubled when some candidate bears the name itself ("Maryville" is a town,
            # not Beeville's old name).
            score -= ALT_NAME_PENALTY * (2 if exact_name else 1)
            why.append("alternate name")
        if cand.kind == CITY and (cand.country, cand.name) in admin1_names and cand.admin1 == cand.name:
            score += NAMESAKE_CITY_BONUS
            why.append("namesake of its admin1")
        if total > 0 and countries[cand.country]:
            bonus = FOCUS_WEIGHT * countries[cand.country] / total
            score += bonus
            why.append(f"country focus {cand.country} +{bonus:.1f}")
        if total1 > 0 and cand.kind >= ADMIN2 and admin1s[(cand.country, cand.admin1)]:
            bonus = ADMIN1_FOCUS_WEIGHT * admin1s[(cand.country, cand.admin1)] / total1
            score += bonus
            why.append(f"admin1 focus {cand.admin1} +{bonus:.1f}")
        if container is not None and _contains(container, cand):
            score += CONTAINER_BONUS
            why.append(f"inside {container.name}")
        if score > best_score:
            best, best_score, best_why = cand, score, ", ".join(why)
    return best, best_why


def _prior(e: Entry) -> float:
    return (math.log10(e.population + 10) + KIND_PRIOR[e.kind] + (CAPITAL_BONUS if e.capital else 0.0)
            + (BIG_CITY_BONUS if e.kind == CITY and e.population >= BIG_CITY else 0.0))


def _container(text: str, mentions: list[Mention], k: int) -> Entry | None:
    """The place right after "Name," ("Paris, Texas", "Nablus, West Bank"), if any."""
    if k + 1 >= len(mentions):
        return None
    nxt = mentions[k + 1]
    gap = text[mentions[k].end:nxt.start]
    if gap.strip() not in (",", "(") or not nxt.candidates:
        return None
    return max((c for c in nxt.candidates if c.kind <= ADMIN2), key=_prior, default=None)


def _contains(container: Entry, cand: Entry) -> bool:
    if container.kind == COUNTRY or container.kind == CONTINENT:
        return cand.country == container.country and cand.kind > COUNTRY
    if container.kind == ADMIN1:
        return cand.country == container.country and cand.admin1 == container.name and cand.kind > ADMIN1
    if container.kind == ADMIN2:
        return cand.country == container.country and cand.admin1 == container.admin1 and cand.kind == CITY
    return False


def place_dict(m: Mention) -> dict:
    """The JSON-safe rp_places record for a mention (see extensions.py)."""
    e = m.chosen
    return {
        "start": m.start, "end": m.end, "text": m.text,
        "name": e.name if e else m.text,
        "country": e.country if e else None,
        "admin1": e.admin1 if e and e.kind >= ADMIN2 else None,
        "lat": e.lat if e else None, "lon": e.lon if e else None,
        "geonameid": e.geonameid if e else None,
        "precision": e.precision if e else None,
        "reason": (f"{m.source}; {KIND_NAMES[e.kind]}; {m.reason}" if e else f"{m.source}; not in gazetteer"),
        "role": "demonym" if m.source == "demonym" else "place",
    }


class PlacesComponent:
    """Writes doc._.rp_places: every toponym and demonym with its resolved place."""

    def __init__(self, nlp: Language, name: str, districts: bool = True) -> None:
        register_extensions()
        self.name = name
        self.districts = districts

    def __call__(self, doc: Doc) -> Doc:
        gaz = get_gazetteer()
        mentions = find_mentions(doc, gaz)
        # The outlet's address, where the caller set one (see outlet_mentions).
        url = doc._.rp_url if Doc.has_extension("rp_url") else None
        resolve(doc, mentions, gaz, outlet_mentions(url, gaz))
        places = [place_dict(m) for m in mentions]
        if self.districts and not _is_lowercase_doc(doc):  # without capitals no name stands out
            places = sorted(places + district_places(doc, mentions, _focus(mentions)), key=lambda p: p["start"])
        doc._.rp_places = places
        return doc


@Language.factory("reportedly_places", assigns=["doc._.rp_places"], default_config={"districts": True})
def make_places(nlp: Language, name: str, districts: bool) -> PlacesComponent:
    return PlacesComponent(nlp, name, districts)
