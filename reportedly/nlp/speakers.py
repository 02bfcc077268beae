"""Speaker resolution within one article: who is "he", "the president", "the ministry"?

No coreference model can be downloaded here, so this is a small rule resolver over the parse
and the named entities:

- names: a person is keyed by the folded form of the last word of the name ("Toqayev" and
  "Tokayev" both fold to "tokaev"), organisations by their folded full name; a handle
  ("@TokayevKZ") joins the person whose key it contains. Variants become ``aliases``.
- pronouns: he/she -> the nearest person named before (sources first, then PERSON entities);
  it/they -> the nearest organisation, government or group.
- role nouns: "the president", "the Kazakh leader", "the ministry" -> the nearest earlier
  entity that carried that role as a title ("President Tokayev"), an apposition
  ("Tokayev, the Kazakh president,") or a name word ("the Interior Ministry").
- unnamed speakers ("officials", "a source close to the presidency") are kind ``anonymous``.
"""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc, Span, Token

Range = tuple[int, int]

MALE = frozenset({"he", "him", "his"})
FEMALE = frozenset({"she", "her"})
PERSON_PRONOUNS = MALE | FEMALE
# Words that give a named person's gender where the text states it: an honorific before the
# name, or a gendered role noun beside it ("Ms. Sadykova", "the spokeswoman, Amina Sadykova").
# First names are not guessed: no name list ships, and names cross cultures.
_MALE_WORDS = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "spokesman", "chairman",
                         "congressman", "businessman", "councilman", "father", "husband", "son",
                         "brother", "uncle", "grandfather", "actor", "monk", "imam"})
_FEMALE_WORDS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "dame", "queen",
                           "princess", "spokeswoman", "chairwoman", "congresswoman", "businesswoman",
                           "councilwoman", "mother", "wife", "daughter", "sister", "aunt",
                           "grandmother", "actress", "nun"})
GROUP_PRONOUNS = frozenset({"it", "they", "its", "their", "them"})
ANONYMOUS_HEADS = frozenset({
    "official", "source", "person", "people", "diplomat", "insider", "aide", "witness",
    "resident", "officer", "spokesman", "spokeswoman", "spokesperson", "observer", "analyst",
    "expert", "eyewitness", "activist", "member", "adviser", "advisor", "staffer", "someone",
    "lawyer", "doctor", "nurse", "medic", "relative", "neighbour", "neighbor", "journalist",
    "employee", "teacher", "farmer", "villager", "survivor", "parent",
})
# Role words that title a person; "leader" and "president" name the same office in news.
ROLE_GROUPS = {
    "president": "leader", "leader": "leader", "premier": "leader", "chancellor": "leader",
    "king": "leader", "emir": "leader", "head": "leader",
    "minister": "minister", "secretary": "minister", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "spokesperson": "spokesperson", "governor": "governor",
    "mayor": "mayor", "senator": "senator", "general": "general", "commander": "commander",
    "chief": "chief", "candidate": "candidate", "nominee": "candidate", "director": "director",
    "ambassador": "ambassador", "prosecutor": "prosecutor", "judge": "judge", "ministry": "ministry",
    "government": "government", "agency": "agency", "police": "police", "army": "army",
    "military": "army", "committee": "committee", "office": "office", "campaign": "campaign",
    "kremlin": "government", "administration": "government", "party": "party", "court": "court",
}
MEDIA_WORDS = frozenset({
    "news", "times", "post", "tv", "television", "radio", "agency", "reuters", "afp", "ap",
    "associated", "press", "bbc", "cnn", "tass", "interfax", "xinhua", "journal", "herald",
    "gazette", "tribune", "media", "newspaper", "outlet", "channel", "broadcaster", "daily",
    "telegraph", "guardian", "vlast", "ria", "jazeera", "arabiya", "izvestia", "kommersant",
    "publication", "magazine", "wire", "network", "politico", "breitbart", "nbc", "abc", "cbs",
    "fox", "msnbc", "npr", "ledger", "courier", "chronicle", "observer", "dispatch", "mirror",
})
GOVERNMENT_WORDS = frozenset({
    "ministry", "government", "police", "army", "military", "kremlin", "presidency", "office",
    "cabinet", "parliament", "council", "administration", "department", "prosecutor",
    "committee", "commission", "authorities", "authority", "court", "forces", "guard", "service",
    "embassy", "state", "white", "pentagon", "duma", "senate", "congress",
})
GROUP_WORDS = frozenset({"protesters", "demonstrators", "rebels", "militants", "activists",
                         "opposition", "group", "movement", "union", "residents", "crowd", "front",
                         "militia", "militias", "brigade", "brigades", "faction", "fighters", "insurgents",
                         "guerrillas", "jihadists", "qaeda", "coalition"})
# Words of an organisation's name, never of a person's ("Amnesty International", "Human Rights
# Watch", "the Kessa Liberation Front"): such an ORG entity is not relabelled a person.
ORG_NAME_WORDS = frozenset({
    "party", "company", "inc", "corp", "bank", "university", "foundation", "campaign", "international",
    "liberation", "watch", "amnesty", "rights", "alliance", "coalition", "federation", "association",
    "institute", "organisation", "organization", "league", "society", "council", "fund", "network",
    "crescent", "cross", "forum", "initiative", "centre", "center", "the"})
# "the group" / "the organisation": the nearest earlier group or organisation, not a person.
COLLECTIVE_NOUNS = {"group": ("group", "organization"), "faction": ("group", "organization"),
                    "militia": ("group", "organization"), "movement": ("group", "organization"),
                    "organisation": ("organization", "group"), "organization": ("organization", "group"),
                    "party": ("organization", "group")}
ORG_ROLES = frozenset({"ministry", "government", "agency", "police", "army", "committee", "office",
                       "campaign", "party", "court"})
_FOLD = [("qu", "k"), ("q", "k"), ("yev", "ev"), ("iev", "ev"), ("y", "i"), ("ou", "u"),
         ("kh", "h"), ("ph", "f"), ("-", " "), ("'", ""), ("’", "")]


def fold(name: str) -> str:
    """A spelling-variant-insensitive key: "Toqayev" and "Tokayev" -> "tokaev"."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    for a, b in _FOLD:
        s = s.replace(a, b)
    s = re.sub(r"(.)\1", r"\1", re.sub(r"[^a-z0-9 ]", "", s))  # Kassym ~ Kasym
    return " ".join(s.split())


PERSON_TITLES = frozenset({
    "president", "minister", "senator", "governor", "mayor", "mr", "mrs", "ms", "dr", "gen",
    "general", "col", "sen", "rep", "gov", "prime", "spokesman", "spokeswoman", "secretary",
    "ambassador", "commander", "chief", "prosecutor", "judge", "king", "queen", "prince",
    "sheikh", "emir", "premier", "chancellor", "deputy", "lawmaker", "leader", "activist",
    "superintendent", "inspector", "commissioner", "collector", "magistrate", "mla", "mp", "mlc",
    "sp", "dsp", "ssp", "colonel", "captain", "major", "lieutenant", "sergeant",
})


def _looks_personal(ent: Span) -> bool:
    """Two or three capitalised words and no organisation word: most likely a person's name."""
    words = [t for t in ent if not t.is_punct]
    lw = {t.lower_ for t in words}
    return 2 <= len(words) <= 4 and all(t.text[:1].isupper() for t in words) and not (
        lw & MEDIA_WORDS or lw & GOVERNMENT_WORDS or lw & GROUP_WORDS or lw & ORG_NAME_WORDS)


def speaker_kind(words: list[str], ent_type: str) -> str:
    """The source kind a phrase's words and entity type suggest (person, media, government, ...)."""
    lw = {w.lower() for w in words}
    if ent_type == "PERSON":
        return "person"
    if lw & {"mission", "monitors", "observers"}:
        return "organization"  # "the EU's observer mission": not The Observer, the newspaper
    if lw & MEDIA_WORDS:
        return "media"
    if lw & GOVERNMENT_WORDS:
        return "government"
    if ent_type == "GPE":
        return "government"
    if ent_type == "NORP" or lw & GROUP_WORDS:
        return "group"
    if ent_type in ("ORG", "FAC"):
        return "organization"
    return "unknown"


# Participles that name a noun ("known as", "called", "dubbed"): a name, never a statement.
NAMING_LEMMAS = frozenset({"know", "call", "name", "dub", "nickname", "brand"})


def naming_participle(tok: Token) -> bool:
    """"an armed faction known as …", "a militia called …", "a group calling itself …", "a
    coalition, which calls itself …": the verb gives its noun a name (the small model tags
    "called" VBD as often as VBN)."""
    if tok.dep_ not in ("acl", "relcl") or tok.lemma_.lower() not in NAMING_LEMMAS:
        return False
    named = any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in tok.children)
    reflexive = any(c.dep_ == "dobj" and c.lower_ in ("itself", "themselves") for c in tok.children)
    if tok.tag_ in ("VBN", "VBD") and (tok.dep_ == "acl" or any(c.dep_ == "auxpass" for c in tok.children)):
        return named  # "known as X", "which is known as X"
    return named and reflexive  # "calling itself X", "which calls itself X"


def _named_as(head: Token) -> Span | None:
    """The capitalised name a naming participle gives the speaker's head noun ("an armed
    faction known as | the Guardians of Basra")."""
    for c in head.rights:
        if not naming_participle(c):
            continue
        target = next((g for g in c.children if g.dep_ == "oprd"), None)
        prep = next((g for g in c.children if g.dep_ == "prep" and g.lower_ == "as"), None)
        if target is None and prep is not None:
            target = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if target is None or not target.text[:1].isupper() or not (target.pos_ == "PROPN" or target.text.isupper()):
            return None  # "JNIM" may be tagged a plural noun
        lo, hi = target.left_edge.i, target.right_edge.i
        doc = head.doc
        while lo < hi and (doc[lo].pos_ == "DET" or doc[lo].is_punct):
            lo += 1
        return Span(doc, lo, hi + 1, label="ORG")
    return None


def _modifiers(span: Span, head: Token) -> set[str]:
    """The words narrowing a role noun: "interior" in "the interior ministry"."""
    return {t.lower_ for t in span if t.i < head.i and t.pos_ in ("ADJ", "NOUN", "PROPN")}


def _same_body(span: Span, head: Token, target: Span) -> bool:
    """Can "the interior ministry" (``span``, headed by ``head``) be ``target``? Only when its
    modifiers ("interior") appear in the target's words, or it has none ("the ministry")."""
    return _modifiers(span, head) <= {t.lower_ for t in target}


def _an_unnamed_individual(src: dict) -> bool:
    """"A health worker at the hospital", "a police officer": one unnamed person, whom a later
    "she" or "he" may mean (not "officials" or "residents and a local official")."""
    words = (src.get("description") or "").lower().split()
    return src["kind"] == "anonymous" and len(words) > 1 and words[0] in ("a", "an", "one")


def _stated_gender(ent: Span) -> str | None:
    """"m" or "f" when an honorific or a gendered role noun next to the name says so."""
    doc = ent.doc
    words = [t.lower_ for t in ent]
    if ent.start > 0:
        words.append(doc[ent.start - 1].lower_)
    words += [c.lower_ for c in ent.root.children if c.dep_ in ("appos", "compound")]
    if ent.root.dep_ == "appos":
        words.append(ent.root.head.lower_)  # "the spokeswoman, Amina Sadykova"
    if any(w in _FEMALE_WORDS for w in words):
        return "f"
    if any(w in _MALE_WORDS for w in words):
        return "m"
    return None


def _role(word: Token) -> str | None:
    """The role a title word gives a name. A leader of something named by a common noun
    ("union leader Rosa Quispe", "opposition leader", "party chief") is not the country's
    leader that "the president" or "the Kazakh leader" refers to."""
    role = ROLE_GROUPS.get(word.lemma_.lower())
    if role == "leader" and any(c.dep_ in ("compound", "poss") and c.pos_ == "NOUN" for c in word.children):
        return "group leader"
    return role


def _add_variant(src: dict, name: str) -> None:
    """Another spelling of a source's name: a person's fuller name becomes the name ("Nino
    Beridze" after "Beridze"), any other variant an alias."""
    if len(name) > len(src["name"]) and src["kind"] == "person":
        src["aliases"].append(src["name"])
        src["name"] = name
    else:
        src["aliases"].append(name)


class SpeakerResolver:
    """Collects the sources of one Doc; ``resolve`` maps a speaker mention to a source key."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._sources: list[dict] = []
        self._by_key: dict[str, dict] = {}  # name key -> source
        self._roles: list[tuple[int, str, Span]] = []  # (char offset, role group, entity)
        self._gender: dict[str, str] = {}  # source key -> "m" / "f", where the text says
        self._ents = list(doc.ents)  # Doc.ents and Span.ents build every entity Span on each access
        self._lower_text: str | None = None  # the Doc's text, lower-cased once when first needed
        self._index_roles()

    def _ents_in(self, span: Span) -> list[Span]:
        """``span.ents``, from the entities read once."""
        return [e for e in self._ents if span.start <= e.start and e.end <= span.end]

    # --- entities and their roles -----------------------------------------------------------
    def _index_roles(self) -> None:
        for ent in self._ents:
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
                continue
            if ent.label_ == "ORG" and _looks_personal(ent):
                ent = Span(self.doc, ent.start, ent.end, label="PERSON")
            for word in list(ent) + [t for t in ent.root.children if t.dep_ in ("compound", "appos", "amod")]:
                role = _role(word)
                if role:
                    self._roles.append((ent.start_char, role, ent))
            # "President Tokayev": the title is a compound just left of a PERSON name.
            left = ent.start - 1
            while left >= 0 and self.doc[left].dep_ == "compound" and self.doc[left].head.i in range(ent.start, ent.end):
                role = _role(self.doc[left])
                if role:
                    self._roles.append((ent.start_char, role, ent))
                left -= 1
            # "Tokayev, the Kazakh president," -> apposition on the name's root.
            for app in (c for c in ent.root.children if c.dep_ == "appos"):
                role = _role(app)
                if role:
                    self._roles.append((ent.start_char, role, ent))

    # --- public API -------------------------------------------------------------------------
    def sources(self) -> list[dict]:
        for s in self._sources:
            s["mentions"].sort()
        return self._sources

    def keep_only(self, keys: set[str]) -> None:
        """Forget sources no statement refers to (speakers of statements dropped after resolving)."""
        self._sources = [s for s in self._sources if s["key"] in keys]
        self._by_key = {k: s for k, s in self._by_key.items() if s["key"] in keys}

    def resolve(self, rng: Range, head: Token | None, *, cue_head: Token | None = None) -> str:
        doc = self.doc
        span = doc[rng[0]:rng[1] + 1]
        head = head if head is not None else span.root
        start, end = span.start_char, span.end_char
        low = head.lower_
        if head.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS:
            gender = "m" if low in MALE else "f" if low in FEMALE else None
            target = self._antecedent(start, person=low in PERSON_PRONOUNS, gender=gender)
            if target is not None:
                if gender:
                    self._gender.setdefault(target, gender)  # "he" once, "he" after
                return self._add_mention(target, start, end)
            return self._new(span.text, "unknown", start, end, None)
        named = _named_as(head)
        if named is not None:  # "an armed faction known as the Guardians of Basra": the name
            key = self._add_named(named, span, start, end)
            src = self._by_key_id(key)
            if not src["description"]:
                src["description"] = span.text
            return key
        ent = self._named_entity(span)
        if ent is not None:
            return self._add_named(ent, span, start, end)
        if span.text.startswith("@"):
            return self._add_handle(span.text, start, end)
        lemma = head.lemma_.lower()
        role = ROLE_GROUPS.get(lemma)
        if role and any(t.lower_ in ("the", "this", "that") for t in span[:2]):
            if role in ORG_ROLES and not _modifiers(span, head):
                # "The ministry": the nearest source a mention called a ministry, named or not
                nearest = self._noun_antecedent(head.lower_, start)
                if nearest is not None:
                    return self._add_mention(nearest, start, end)
            target = self._role_antecedent(role, start)
            if target is not None and role in ORG_ROLES and not _same_body(span, head, target):
                target = None  # "The interior ministry" after "the health ministry": another body
            if target is not None:
                key = self._add_named(target, target, start, end, register_mention=False)
                src = self._by_key_id(key)
                src["mentions"].append([start, end])
                if not src["description"]:
                    src["description"] = span.text
                return key
        if lemma in COLLECTIVE_NOUNS and any(t.lower_ in ("the", "this", "that") for t in span[:2]):
            # "The party" after "The opposition party UPR said": the source that noun named first
            target_key = self._noun_antecedent(lemma, start) or self._collective_antecedent(COLLECTIVE_NOUNS[lemma], start)
            if target_key is not None:
                src = self._by_key_id(target_key)
                if not src["description"]:
                    src["description"] = span.text
                return self._add_mention(target_key, start, end)
        if lemma in ANONYMOUS_HEADS or (span[0].lower_ in ("a", "an", "one") and head.pos_ == "NOUN"):
            # "officials", "a source close to ...", "a doctor at the hospital": unnamed people
            return self._new(span.text, "anonymous", start, end, span.text)
        if role and role not in ORG_ROLES:  # "the president" with no named antecedent
            return self._new(span.text, "person", start, end, span.text)
        return self._new(span.text, speaker_kind([t.text for t in span], ""), start, end, None)

    def resolve_name(self, name: str, start: int, end: int, *, handle: tuple[str, int, int] | None = None) -> str:
        """A speaker given as plain text (the tweet embed line), optionally with its handle."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            ents = [e for e in self._ents_in(span) if e.label_ == "PERSON"]
            ent = ents[0] if ents else span
            words = [t.text for t in ent if not t.is_punct]
            key = "p:" + fold(words[-1]) if words else "t:" + fold(name)
            src = self._by_key.get(key)
            if src is None and words:
                # "Beridze, a student leader, told …" resolved before the signature line that
                # names "Nino Beridze": the same person, whatever the small model tagged it
                src = self._by_key.get("o:" + fold(words[-1])) or self._by_key.get("t:" + fold(words[-1]))
                if src is not None:
                    src["kind"] = "person"
                    self._by_key[key] = src
            if src is None:
                src = self._make(name, "person", None)
                self._by_key[key] = src
            elif name != src["name"] and name not in src["aliases"]:
                _add_variant(src, name)
            src["mentions"].append([start, end])
        else:
            key = self._new(name, "person", start, end, None)
            src = self._by_key_id(key)
        if handle is not None:
            h, hs, he = handle
            if h not in src["aliases"]:
                src["aliases"].append(h)
            src["mentions"].append([hs, he])
        return src["key"]

    def kind_of(self, key: str) -> str:
        return self._by_key_id(key)["kind"]

    # --- helpers ----------------------------------------------------------------------------
    def _by_key_id(self, key: str) -> dict:
        return next(s for s in self._sources if s["key"] == key)

    def _named_entity(self, span: Span) -> Span | None:
        """The name that heads a speaker phrase, relabelled PERSON when a title precedes it.

        Only an entity that holds the phrase's head counts: "the Kazakh leader" is not named
        by "Kazakh". The small model often tags "Kassym-Jomart Tokayev" ORG; a title word
        ("President", "Mr.") in the phrase makes it a person."""
        root = span.root
        ents = [e for e in self._ents_in(span) if e.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC")
                and (e.start <= root.i < e.end or (e.root.head.i == root.i and e.root.dep_ == "appos"))]
        ent: Span | None = ents[-1] if ents else None
        if (ent is None or ent.label_ == "") and root.lower_.rstrip(".") in PERSON_TITLES:
            # "Superintendent of Police (SP) Rakesh Verma"; "Senior Superintendent of Police
            # Harpreet Kaur" (the person the title names, tagged by NER)
            ent = self._titled_name(span) or next(
                (e for e in reversed(self._ents_in(span)) if e.label_ == "PERSON" and e.start > root.i), None) or ent
        if ent is None and root.pos_ == "PROPN" and root.text[:1].isupper():  # not "the defence ministry" mis-tagged
            lo = root.i
            while lo > span.start and span.doc[lo - 1].pos_ == "PROPN" and span.doc[lo - 1].dep_ in ("compound", "punct"):
                lo -= 1
            ent = Span(span.doc, lo, root.i + 1, label="")
        if ent is None:
            return None
        titled = any(t.lower_.rstrip(".") in PERSON_TITLES for t in span if t.i < ent.end)
        if ent.label_ != "PERSON" and (titled or (ent.label_ in ("", "ORG") and _looks_personal(ent))):
            ent = Span(span.doc, ent.start, ent.end, label="PERSON")
        return ent

    @staticmethod
    def _titled_name(span: Span) -> Span | None:
        """The capitalised name closing a phrase headed by a title ("Superintendent of Police
        (SP) Rakesh Verma" → "Rakesh Verma"): two or more proper nouns that are no
        organisation, place or title."""
        doc = span.doc
        last = max((t.i for t in span if t.pos_ == "PROPN"), default=None)
        if last is None:
            return None
        lo = last
        while lo > span.start and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].dep_ == "compound":
            lo -= 1
        words = doc[lo:last + 1]
        lw = {t.lower_ for t in words}
        if len(words) < 2 or lw & (MEDIA_WORDS | GOVERNMENT_WORDS | GROUP_WORDS | ORG_NAME_WORDS | PERSON_TITLES) \
                or any(t.ent_type_ in ("GPE", "LOC", "ORG", "NORP") for t in words):
            return None
        return Span(doc, lo, last + 1, label="PERSON")

    def _key(self, ent: Span) -> str:
        words = [t.text for t in ent if not t.is_punct and t.lower_ not in ("the", "'s")]
        if ent.label_ == "PERSON" and words:
            return "p:" + fold(words[-1])
        return "o:" + fold(" ".join(words))

    def _add_named(self, ent: Span, span: Span, start: int, end: int, *, register_mention: bool = True) -> str:
        key = self._key(ent)
        if key.startswith("o:") and " " not in key and "p:" + key[2:] in self._by_key:
            key = "p:" + key[2:]  # '"…," Quispe said' tagged ORG, after "Rosa Quispe": the same person
        name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        if ent.label_ == "PERSON":  # "MLA Sunita Devi", "Col. Tesfaye Gebru": the name without the title
            words = list(ent)
            while len(words) > 1 and words[0].lower_.rstrip(".") in PERSON_TITLES:
                words = words[1:]
            name = self.doc[words[0].i:ent.end].text
        src = self._by_key.get(key)
        if src is None and key.startswith("p:"):
            # A handle seen earlier ("@TokayevKZ") that contains this surname.
            src = next((s for s in self._sources if any(a.startswith("@") and key[2:] in fold(a) for a in s["aliases"] + [s["name"]])), None)
            if src is not None:
                self._by_key[key] = src
                if src["name"].startswith("@"):
                    src["aliases"].append(src["name"])
                    src["name"] = name
        if src is None:
            kind = speaker_kind([t.text for t in span], ent.label_)
            full = self._full_name(key) if key.startswith("p:") and " " not in name else None
            src = self._make(full or name, kind, None)
            if full:  # "Kamara said": "President Joseph Kamara" was named, as no speaker, before
                src["aliases"].append(name)
            self._by_key[key] = src
        elif name != src["name"] and name not in src["aliases"] and len(name) > 1:
            _add_variant(src, name)
        if ent.label_ == "PERSON" or src["kind"] == "person":
            stated = _stated_gender(ent) or _stated_gender(span)
            if stated:
                self._gender.setdefault(src["key"], stated)
        if register_mention:
            src["mentions"].append([start, end])
        return src["key"]

    def _full_name(self, key: str) -> str | None:
        """The longest PERSON name in the article whose surname gives ``key``, when longer than one word."""
        names = [e for e in self._ents if e.label_ == "PERSON" and len(e) > 1 and "p:" + fold(e[-1].text) == key]
        if not names:
            return None
        best = max(names, key=len)
        words = [t for t in best if t.lower_.rstrip(".") not in PERSON_TITLES and not t.is_punct]
        return " ".join(t.text for t in words) if len(words) > 1 else None

    def _add_handle(self, handle: str, start: int, end: int) -> str:
        folded = fold(handle)
        for key, src in self._by_key.items():
            if key.startswith("p:") and key[2:] and key[2:] in folded:
                if handle not in src["aliases"]:
                    src["aliases"].append(handle)
                return self._add_mention(src["key"], start, end)
        return self._new(handle, "person", start, end, None, key="h:" + folded)

    def _add_mention(self, key: str, start: int, end: int) -> str:
        self._by_key_id(key)["mentions"].append([start, end])
        return key

    def _make(self, name: str, kind: str, description: str | None) -> dict:
        src = {"key": f"s{len(self._sources)}", "name": name, "kind": kind,
               "description": description, "aliases": [], "mentions": []}
        self._sources.append(src)
        return src

    def _new(self, text: str, kind: str, start: int, end: int, description: str | None,
             key: str | None = None) -> str:
        # "their union" and, later, "The union": one unnamed source ("a source" twice may be two)
        key = key or "t:" + fold(re.sub(r"^(?:the|their|its|his|her|our)\s+", "", text, flags=re.I))
        src = self._by_key.get(key)
        if src is None:
            src = self._make(text, kind, description)
            self._by_key[key] = src
        src["mentions"].append([start, end])
        return src["key"]

    def _antecedent(self, before: int, *, person: bool, gender: str | None = None) -> str | None:
        """Nearest earlier source or entity of the right sort (persons for he/she), skipping
        persons whose gender the text gives otherwise ("Mr. X met Ms. Y. She said ...")."""
        candidates: list[tuple[int, str | Span]] = []
        for src in self._sources:
            ok = (src["kind"] == "person" or _an_unnamed_individual(src)) if person else \
                src["kind"] in ("organization", "government", "media", "group")
            if ok:
                candidates += [(s, src["key"]) for s, _ in src["mentions"] if s < before]
        # "the Sahel Ledger" tagged PERSON by the small model: a person's name takes no article
        candidates += [(e.start_char, e) for e in self._ents if e.end_char <= before and
                       (e.label_ == "PERSON" and e[0].lower_ != "the" if person else e.label_ in ("ORG", "NORP"))]
        for _, cand in sorted(candidates, key=lambda c: -c[0]):
            if isinstance(cand, str):
                if gender and self._gender.get(cand, gender) != gender:
                    continue
                return cand
            key = self._key(cand)
            known = self._by_key[key]["key"] if key in self._by_key else None
            stated = (self._gender.get(known) if known else None) or _stated_gender(cand)
            if gender and stated and stated != gender:
                continue
            return known or self._add_named(cand, cand, cand.start_char, cand.end_char)
        return None

    def _noun_antecedent(self, noun: str, before: int) -> str | None:
        """The nearest source with an earlier mention that holds ``noun`` ("The opposition party
        UPR" for "the party")."""
        if self._lower_text is None:
            self._lower_text = self.doc.text.lower()
        text = self._lower_text
        # the noun heads the mention or precedes its name ("party UPR", "ministry of …"),
        # not a modifier of another noun ("police sources", "a police statement")
        pattern = rf"\b{re.escape(noun)}\b(?!\s+(?!(?:of|in|at|for|on|from|and)\b)[a-z])"
        found = [(s, src["key"]) for src in self._sources for s, e in src["mentions"]
                 if e <= before and re.search(pattern, text[s:e])]
        return max(found)[1] if found else None

    def _collective_antecedent(self, kinds: tuple[str, ...], before: int) -> str | None:
        """The nearest source of one of ``kinds`` mentioned before ``before`` (first kind first),
        or the nearest such ORG entity (made a source)."""
        for kind in kinds:
            mentions = [(s, src["key"]) for src in self._sources if src["kind"] == kind
                        for s, _ in src["mentions"] if s < before]
            ents = [e for e in self._ents if e.end_char <= before and e.label_ == "ORG" and not _looks_personal(e)
                    and speaker_kind([t.text for t in e], "ORG") == kind]
            if ents:
                mentions.append((ents[-1].start_char, ents[-1]))
            if mentions:
                _, found = max(mentions, key=lambda m: m[0])
                return found if isinstance(found, str) else self._add_named(found, found, found.start_char, found.end_char)
        return None

    def _role_antecedent(self, role: str, before: int) -> Span | None:
        found = [ent for at, r, ent in self._roles if r == role and at < before
                 and (ent.label_ == "PERSON") == (role not in ORG_ROLES)]
        if found:
            return found[-1]
        if role in ("ministry", "government", "police", "army", "agency", "committee", "office"):
            ents = [e for e in self._ents if e.end_char <= before and e.label_ in ("ORG", "GPE")
                    and any(ROLE_GROUPS.get(t.lemma_.lower()) == role for t in e)]
            return ents[-1] if ents else None
        return None
