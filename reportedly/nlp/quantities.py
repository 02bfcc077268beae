"""reportedly_quantities: counts (killed, injured, arrested...) with bounds, as written.

Writes ``doc._.rp_quantities``: one dict per number expression that counts
something, ``{start, end, text, low, high, qualifier, kind, counted, head}``
(shape in extensions.py, conventions in docs/quantities.md):

- the span covers the qualifier and the number ("at least six", "between 10 and 15");
- ``kind`` comes from the governing verb/adjective ("six people were killed") or the
  counted noun ("2,000 protesters"); ``counted`` is the noun span; ``head`` is the
  char offset of the token that decided the kind (else the nearest verb), so the
  events component can link the count to its trigger;
- years, dates (anything reportedly_dates found), times, ages, money, percentages,
  ordinals, measures, ids ("section 144") and phone numbers are skipped.

Candidates come from a spaCy Matcher (number-like tokens only), so the Python work
is proportional to the numbers in the text, not to its length.
"""

from __future__ import annotations

import math

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from .attribution_spans import TOLL_VERBS
from .extensions import doc_text, register_extensions
from .numbers import (
    AGE_BEFORE, CURRENCY_BEFORE, CURRENCY_CHARS, ID_BEFORE, MAX_QUAL, MONTHS, QUALIFIERS,
    RANGE_WORDS, SCALES, SKIP_ENTS, TENS, UNITS, UNITS_AFTER, VAGUE_FACTORS, VAGUE_PLURALS,
    YEAR_BEFORE, Amount, is_ordinal, parse_amount,
)

# --- kinds -------------------------------------------------------------------------
# Verbs whose object / passive subject is what is counted ("killed six", "six were killed").
PATIENT_VERBS: dict[str, str] = {
    **dict.fromkeys("kill murder slay massacre execute lynch behead assassinate slaughter "
                    "shoot_dead gun martyr neutralise neutralize eliminate".split(), "killed"),
    **dict.fromkeys("injure wound hurt maim hospitalise hospitalize treat beat".split(), "injured"),
    **dict.fromkeys("arrest detain apprehend nab jail imprison incarcerate capture "
                    "round hold".split(), "arrested"),
    **dict.fromkeys("kidnap abduct".split(), "missing"),
    **dict.fromkeys("displace evacuate uproot".split(), "displaced"),
}
# Verbs whose subject is what is counted ("40 died", "5,000 marched", "20 gunmen attacked").
AGENT_VERBS: dict[str, str] = {
    **dict.fromkeys("die perish".split(), "killed"),
    **dict.fromkeys("disappear vanish".split(), "missing"),
    **dict.fromkeys("flee".split(), "displaced"),
    **dict.fromkeys("protest march rally demonstrate gather participate assemble converge "
                    "picket riot block barricade occupy".split(), "participants"),
    **dict.fromkeys("attack storm raid ambush assault".split(), "attackers"),
}
# "5,000 students staged demonstrations", "1,000 Turks began a hunger strike",
# "500,000 workers stopped work": the subject of an action whose object is a protest.
PROTEST_OBJECTS = frozenset("demonstration demonstrations protest protests rally rallies march marches "
                            "strike strikes sit-in sit-ins walkout walkouts vigil vigils boycott "
                            "work picket pickets blockade blockades".split())
# Agents of a violent patient verb are attackers ("20 men killed five soldiers").
_VIOLENT = frozenset("kill murder slay massacre execute lynch behead assassinate slaughter "
                     "injure wound maim kidnap abduct".split())
# Verbs whose singular patient is an implicit count of one ("a protester was killed").
SINGULAR_VERBS = frozenset(
    lemma for lemma, kind in PATIENT_VERBS.items() if kind in ("killed", "injured", "arrested", "missing")
    and lemma not in ("round", "hold", "treat", "capture", "gun", "shoot_dead")
) | {"die", "perish"}
# Nouns that group or measure rather than name one person ("a total of 40 were killed").
_COLLECTIVE = frozenset("total number toll group crowd dozen handful couple majority lot series wave "
                        "spate string batch family convoy mob unit team".split())
# Nouns and adjectives (surface forms, lower-case) that name what is counted.
NOUN_KINDS: dict[str, str] = {
    **dict.fromkeys("dead death deaths fatality fatalities body bodies corpse corpses toll "
                    "killed killings".split(), "killed"),
    **dict.fromkeys("injured wounded hurt injury injuries".split(), "injured"),
    **dict.fromkeys("arrested detained arrest arrests detention detentions detainee detainees "
                    "custody arrestee arrestees".split(), "arrested"),
    **dict.fromkeys("missing disappeared disappearance disappearances kidnapped abducted "
                    "hostage hostages".split(), "missing"),
    **dict.fromkeys("displaced homeless refugee refugees evacuee evacuees idp idps "
                    "evacuated".split(), "displaced"),
    **dict.fromkeys("protester protesters protestor protestors demonstrator demonstrators "
                    "marcher marchers participant participants crowd crowds rally gathering "
                    "strikers rioters".split(), "participants"),
    **dict.fromkeys("attacker attackers gunman gunmen assailant assailants militant militants "
                    "insurgent insurgents fighter fighters rebel rebels terrorist terrorists "
                    "raider raiders mob bomber bombers jihadist jihadists bandit bandits "
                    "intruder intruders hijacker hijackers".split(), "attackers"),
}
# Verbs that report a new total: "the death toll rose to 40" (the subject names the kind).
# "held" is an arrest for people, not for events ("two rallies were held").
_HELD_EVENTS = frozenset("rally rallies meeting meetings talks protest protests election elections "
                         "march marches session sessions event events vigil vigils".split())
CHANGE_VERBS = frozenset("rise climb reach stand jump increase go mount grow hit touch".split())
# Words we may skip when looking for a kind word right after/before the number
# ("six people were killed", "12 others reportedly injured").
_FILLER = frozenset("people persons person others other more were are was is have has had been "
                    "being be reportedly also allegedly got later men women children of them "
                    "those who all".split())

def _is_numberish(tok: Token) -> bool:
    low = tok.lower_
    if is_ordinal(low):
        return False
    if tok.like_num:
        return True
    return low in SCALES or low in VAGUE_PLURALS or low in VAGUE_FACTORS


def _run_end(doc: Doc, i: int) -> int:
    """Extend a number expression from token i; returns the exclusive end index."""
    j = i + 1
    n = len(doc)
    while j < n:
        low = doc[j].lower_
        prev = doc[j - 1].lower_
        if _is_numberish(doc[j]) and not (doc[j].like_num and doc[j - 1].like_num
                                          and prev not in SCALES and low not in SCALES
                                          and not (prev in TENS and low in UNITS)):
            j += 1
        elif (low in ("-", "and") and j + 1 < n and prev in (SCALES.keys() | TENS.keys())
              and doc[j + 1].lower_ in (UNITS.keys() | TENS.keys())):
            j += 2  # "twenty-five", "one hundred and twenty"
        elif (low == "of" and j + 1 < n and prev in VAGUE_PLURALS
              and doc[j + 1].lower_ in VAGUE_PLURALS):
            j += 2  # "tens of thousands"
        else:
            break
    return j


def _qualifier(doc: Doc, start: int) -> tuple[str | None, int]:
    """The qualifier words right before token ``start`` and the index where they begin."""
    for size in range(MAX_QUAL, 0, -1):
        if start - size < 0:
            continue
        words = tuple(t.lower_ for t in doc[start - size:start])
        if words in QUALIFIERS:
            # "went up to 40" / "rose to": the "to" of a change verb is not "up to".
            return QUALIFIERS[words], start - size
    return None, start


def _skip(doc: Doc, start: int, end: int, amount: Amount, date_mask: bytearray) -> bool:
    """True when the number is not a count: a date, year, time, age, money, id, measure..."""
    first, last = doc[start], doc[end - 1]
    s_char, e_char = first.idx, last.idx + len(last.text)
    if 1 in date_mask[s_char:e_char]:
        return True
    if any(t.ent_type_ in SKIP_ENTS for t in doc[start:end]):
        return True
    if first.ent_type_ == "MONEY":
        ent = next((e for e in doc.ents if e.start <= start < e.end), None)
        if ent is not None and (any(ch in CURRENCY_CHARS for ch in ent.text)
                                or any(t.lower_ in UNITS_AFTER or t.lower_ in CURRENCY_BEFORE for t in ent)):
            return True
    value = amount.value
    if value != int(value) or value < 0:
        return True
    nxt = doc[end].lower_ if end < len(doc) else ""
    nxt2 = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    prev = doc[start - 1].lower_ if start > 0 else ""
    if nxt in UNITS_AFTER or nxt.startswith("-year") or nxt in ("%", "th", "st", "nd", "rd"):
        return True
    if nxt in ("-", "–") and nxt2[:1].isdigit():
        return True  # "a 2-1 win": a range would have been read already (second >= first)
    if nxt in ("-", "–") and nxt2 and not nxt2[0].isdigit() and nxt2 not in (UNITS.keys() | TENS.keys()):
        return nxt2 != "strong"  # "50-year-old", "12-member"; but "a 5,000-strong crowd"
    if prev in MONTHS or (nxt in MONTHS and nxt != "may") or (nxt == "of" and nxt2 in MONTHS):
        return True  # "January 5", "5 January", "the 5th of May"
    if prev in CURRENCY_BEFORE or prev in ID_BEFORE or prev in AGE_BEFORE or prev in ("#", "@"):
        return True
    if prev in ("his", "her", "their", "the") and nxt in ("s", "'s"):
        return True
    text = first.text
    if first.like_num and text[:1].isdigit():
        digits = text.replace(",", "").split(".")[0]
        if (len(digits) > 1 and digits[0] == "0") or ("," not in text and len(digits) > 7):
            return True  # phone numbers, ids, zero-padded codes
        if "," not in text and len(digits) == 4 and 1800 <= value <= 2100 and end - start == 1:
            if prev in YEAR_BEFORE or end >= len(doc) or doc[end].tag_ != "NNS":
                return True  # a year, unless it is clearly "2000 protesters"
    if value == 1 and end - start == 1 and first.lower_ in ("one", "1"):
        # "one of the", "no one", "one day": only "one person/policeman..." counts.
        if prev in ("no", "the", "this", "that", "every", "any", "each", "anyone", "someone"):
            return True  # "no one was hurt", "the one who fired"
        if nxt in ("was", "has", "had", "died", "killed", "injured", "wounded", "dead"):
            return False  # "one was injured": the kind decides whether it is kept
        if end >= len(doc) or doc[end].pos_ not in ("NOUN", "PROPN") or nxt in ("day", "time"):
            return True
    # "section 144", "Flight 370": a number that labels the noun before it.
    head = last.head
    if (head.i < start and head.pos_ in ("NOUN", "PROPN") and last.dep_ in ("nummod", "appos", "compound")
            and head.i == start - 1 and head.lower_ not in NOUN_KINDS):
        return True
    return False


def _counted(doc: Doc, start: int, end: int) -> Token | None:
    """The noun being counted: "six [people]", "dozens of [protesters]", "a [crowd] of 5,000"."""
    last = doc[end - 1]
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "amod", "compound") and head.i >= end and head.pos_ in ("NOUN", "PROPN"):
        return head
    if last.dep_ in ("nummod", "quantmod") and head.i >= end and head.like_num and head.head.i >= end:
        head = head.head
        if head.pos_ in ("NOUN", "PROPN"):
            return head
    if end + 2 < len(doc) and doc[end].lower_ in ("-", "–") and doc[end + 1].lower_ == "strong":
        nxt = doc[end + 2]
        return nxt if nxt.pos_ in ("NOUN", "PROPN") else None  # "a 5,000-strong crowd"
    if end < len(doc) and doc[end].lower_ == "of":
        for child in doc[end].children:
            if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN"):
                return child
        if end + 1 < len(doc) and doc[end + 1].pos_ in ("NOUN", "PROPN"):
            return doc[end + 1]
    if end < len(doc) and doc[end].pos_ in ("NOUN",) and doc[end].tag_ == "NNS":
        return doc[end]  # parse failed but "2,000 protesters" reads as a count
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in NOUN_KINDS:
        return doc[start - 2]  # "a crowd of 5,000", "a mob of 500"
    return None


def _counted_span(doc: Doc, noun: Token, end: int) -> tuple[int, int]:
    """Token range of the counted noun with its compounds/adjectives ("police officers")."""
    left = noun.i
    while (left - 1 >= end and doc[left - 1].dep_ in ("compound", "amod") and doc[left - 1].head.i in range(left, noun.i + 1)
           and doc[left - 1].lower_ not in ("strong", "more", "other", "others", "additional")):
        left -= 1
    return left, noun.i + 1


def _kind_from_syntax(tok: Token) -> tuple[str | None, Token | None]:
    """Climb from the number/noun to the verb or noun that says what is counted."""
    node = tok
    for _ in range(5):
        dep = node.dep_
        head = node.head
        if head.i == node.i:
            break
        lemma = head.lemma_.lower()
        if dep == "prep" and node.lower_ in ("including", "among") and lemma in PATIENT_VERBS:
            return PATIENT_VERBS[lemma], head  # "300 were detained, including 12 children"
        if dep == "prep" and node.lower_ in ("including", "among") and lemma in TOLL_VERBS:
            return _toll_kind(head)  # "put the death toll at 22, including four soldiers"
        if lemma == "take" and any(c.lower_ == "part" for c in head.children) and dep == "nsubj":
            return "participants", head  # "1.5 million people took part"
        if head.pos_ in ("VERB", "AUX", "ADJ") or head.tag_.startswith("VB"):
            has_obj = any(c.dep_ in ("dobj", "obj") for c in head.children)
            if dep in ("dobj", "nsubjpass", "obj", "attr", "oprd") or (dep == "nsubj" and not has_obj and head.tag_ == "VBN"):
                if lemma == "hold" and tok.lower_ in _HELD_EVENTS:
                    return None, head  # "two rallies were held"
                if lemma in PATIENT_VERBS:
                    return PATIENT_VERBS[lemma], head
                if head.lower_ in NOUN_KINDS and head.pos_ == "ADJ":
                    return NOUN_KINDS[head.lower_], head
            for c in head.children:
                if dep == "dobj" and c.dep_ == "xcomp" and c.lemma_.lower() in AGENT_VERBS:
                    return AGENT_VERBS[c.lemma_.lower()], c  # "forcing 4,000 people to flee"
                if dep in ("nsubj", "nsubjpass") and c.dep_ == "prep" and c.lower_ == "in" and any(
                        g.lower_ in ("detention", "custody", "jail", "prison") for g in c.children):
                    return "arrested", c  # "3,000 people remain in detention"
                if dep == "nsubj" and c.dep_ in ("dobj", "obj") and c.lower_ in PROTEST_OBJECTS and (
                        c.lower_ != "work" or lemma in ("stop", "down")):
                    return "participants", head  # "students staged demonstrations"
                if dep == "nsubj" and c.dep_ == "prep" and c.lower_ == "on" and any(
                        g.lower_ in ("strike", "march", "hunger") for g in c.children):
                    return "participants", c  # "2,000 workers went on strike"
            if dep == "nsubj" and not has_obj and lemma in PATIENT_VERBS and head.head.lemma_.lower() == "leave":
                return PATIENT_VERBS[lemma], head  # "…, leaving 12 people injured" (read as a past tense)
            if dep in ("nsubj", "nsubjpass"):
                if lemma in AGENT_VERBS:
                    return AGENT_VERBS[lemma], head
                if dep == "nsubj" and lemma in _VIOLENT:
                    return "attackers", head
                for c in head.children:  # "six people are dead", "12 remain missing"
                    if c.dep_ in ("acomp", "attr", "oprd") and c.lower_ in NOUN_KINDS:
                        return NOUN_KINDS[c.lower_], c
            if dep not in ("pobj", "prep"):
                if lemma in CHANGE_VERBS:
                    break
                return None, head  # the count belongs to a verb that names no kind
        if dep == "pobj" and head.dep_ == "prep" and head.lower_ in ("at", "to", "as") \
                and head.head.lemma_.lower() in TOLL_VERBS:
            return _toll_kind(head.head)  # "put the death toll at 22", "raised the number of dead to 31"
        if dep == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in CHANGE_VERBS:
            verb = head.head  # "the death toll rose to 40"
            for c in verb.children:
                if c.dep_ == "nsubj" and c.lower_ in NOUN_KINDS:
                    return NOUN_KINDS[c.lower_], c
            return None, verb
        if head.pos_ in ("NOUN", "PROPN") and head.lower_ in NOUN_KINDS and dep == "prep" and node.lower_ == "of":
            return NOUN_KINDS[head.lower_], head
        node = head
    return None, None


def _toll_kind(verb: Token) -> tuple[str | None, Token | None]:
    """What a toll-giving verb's object counts: "the death toll" (killed), "the number of
    injured", "the figure of arrested"."""
    for c in verb.children:
        if c.dep_ not in ("dobj", "dative"):
            continue
        if c.lower_ in NOUN_KINDS:
            return NOUN_KINDS[c.lower_], c
        of = next((g for g in c.children if g.dep_ == "prep" and g.lower_ == "of"), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if obj is not None and obj.lower_ in NOUN_KINDS:
            return NOUN_KINDS[obj.lower_], obj
    return None, verb


def _kind_from_window(doc: Doc, start: int, end: int) -> tuple[str | None, Token | None]:
    """Fallback for headline style and noisy parses: "six killed", "killing 12"."""
    j = end
    while j < len(doc) and j < end + 4 and doc[j].lower_ in _FILLER:
        j += 1
    if j < len(doc):
        tok = doc[j]
        low = tok.lower_
        if low in NOUN_KINDS and tok.pos_ != "NOUN":
            return NOUN_KINDS[low], tok
        lemma = tok.lemma_.lower()
        if tok.tag_ == "VBN" and lemma in PATIENT_VERBS:
            return PATIENT_VERBS[lemma], tok
        if tok.pos_ == "VERB" and lemma in AGENT_VERBS:
            return AGENT_VERBS[lemma], tok
    if start > 0:
        tok = doc[start - 1]
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in PATIENT_VERBS:
            return PATIENT_VERBS[lemma], tok
    return None, None


def _bounds(amount: Amount, qualifier: str | None) -> tuple[float | None, float | None, str]:
    v = amount.value
    if amount.vague:
        return v, None, "vague"
    if qualifier == "at_least":
        return v, None, "at_least"
    if qualifier == "at_most":
        return None, v, "at_most"
    if qualifier == "over":
        return float(math.floor(v) + 1), None, "over"
    if qualifier == "under":
        return None, float(math.ceil(v) - 1), "under"
    if qualifier == "about" or amount.approx:
        return v, v, "about"
    return v, v, "exact"


def _nearest_verb(tok: Token) -> Token | None:
    node = tok
    for _ in range(4):
        if node.pos_ in ("VERB",):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


class QuantityComponent:
    """Finds counts; see the module docstring for conventions."""

    def __init__(self, nlp: Language, implicit_one: bool = True) -> None:
        self.implicit_one = implicit_one
        self.matcher = Matcher(nlp.vocab)
        words = sorted(set(SCALES) | set(VAGUE_PLURALS) | set(VAGUE_FACTORS))
        self.matcher.add("NUM", [[{"LIKE_NUM": True}], [{"LOWER": {"IN": words}}]])
        # Verbs that can make "a journalist was killed" an implicit count of one.
        self.singular = Matcher(nlp.vocab)
        self.singular.add("ONE", [[{"LEMMA": {"IN": sorted(SINGULAR_VERBS)}}]])

    def __call__(self, doc: Doc) -> Doc:
        doc._.rp_quantities = self.find(doc)
        return doc

    def find(self, doc: Doc) -> list[dict]:
        """Every count in the doc, in text order (reads doc._.rp_dates to skip dates)."""
        text = doc_text(doc)
        date_mask = bytearray(len(text))  # chars inside dates: linear overlap checks
        for d in doc._.rp_dates or []:
            date_mask[d["start"]:d["end"]] = b"\x01" * (d["end"] - d["start"])
        out: list[dict] = []
        consumed = -1
        for i in sorted({s for _, s, _ in self.matcher(doc)}):
            if i < consumed or not _is_numberish(doc[i]):
                continue
            found = _expression(doc, i)
            if found is None:
                consumed = _run_end(doc, i)
                continue
            start, span_end, amount, high_amount = found
            consumed = span_end
            if _skip(doc, start, span_end, high_amount or amount, date_mask):
                continue
            qualifier, q_start = _qualifier(doc, start)
            if high_amount is not None:
                if start > 0 and doc[start - 1].lower_ == "between":
                    q_start = min(q_start, start - 1)
                low, high, qual = amount.value, high_amount.value, "range"
            else:
                low, high, qual = _bounds(amount, qualifier)
            noun = _counted(doc, start, span_end)
            if noun is not None and (noun.lower_ in UNITS_AFTER or noun.lower_ in ("thing", "things", "way")):
                continue  # "a couple of days", "one thing"
            kind, decider = _kind(doc, noun, start, q_start, span_end)
            if kind is None:
                if noun is None:
                    continue  # "the victim was 12", "several of them": nothing we know is counted
                kind = "other"
            head_tok = decider or noun or _nearest_verb(doc[start])
            counted = None
            if noun is not None:
                a, b = _counted_span(doc, noun, span_end) if noun.i >= span_end else (noun.i, noun.i + 1)
                counted = _span(doc, text, a, b)
            out.append({
                **_span(doc, text, q_start, span_end), "low": low, "high": high, "qualifier": qual,
                "kind": kind, "counted": counted,
                "head": head_tok.idx if head_tok is not None else None,
            })
        if self.implicit_one:
            out.extend(self._singulars(doc, text, out))
        out.sort(key=lambda q: q["start"])
        return out

    def _singulars(self, doc: Doc, text: str, found: list[dict]) -> list[dict]:
        """"A journalist was killed", "police arrested a student": a count of one.

        Only a singular noun with "a/an/another", as the patient of a killing, wounding,
        arrest or abduction verb (or the subject of "died"), and no number of its own.
        """
        taken = bytearray(len(text))
        for q in found:
            taken[q["start"]:q["end"]] = b"\x01" * (q["end"] - q["start"])
        out = []
        for _, i, _ in self.singular(doc):
            verb = doc[i]
            lemma = verb.lemma_.lower()
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            has_obj = any(c.dep_ == "dobj" for c in verb.children)
            for noun in verb.children:
                patient = noun.dep_ in ("dobj", "nsubjpass") or (
                    noun.dep_ == "nsubj" and (lemma in AGENT_VERBS or (not has_obj and verb.tag_ == "VBN")))
                if not patient or noun.tag_ != "NN" or noun.lower_ in _COLLECTIVE:
                    continue
                det = next((c for c in noun.children if c.dep_ == "det" and c.lower_ in ("a", "an", "another")), None)
                if det is None or any(c.dep_ in ("nummod", "quantmod") for c in noun.children):
                    continue
                span = _span(doc, text, det.i, noun.i + 1)
                if 1 in taken[span["start"]:span["end"]]:
                    continue
                kind = PATIENT_VERBS.get(lemma) or AGENT_VERBS[lemma]
                out.append({**span, "low": 1.0, "high": 1.0, "qualifier": "exact", "kind": kind,
                            "counted": _span(doc, text, det.i + 1, noun.i + 1) if det.i + 1 <= noun.i else None,
                            "head": verb.idx})
        return out


def _span(doc: Doc, text: str, a: int, b: int) -> dict:
    """Char span of tokens a..b-1."""
    s, e = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
    return {"start": s, "end": e, "text": text[s:e]}


def _expression(doc: Doc, i: int) -> tuple[int, int, Amount, Amount | None] | None:
    """The number expression starting at token i: (start, end, amount, range high) or None."""
    end = _run_end(doc, i)
    start = i
    if start > 0 and doc[start - 1].lower_ in ("a", "an") and doc[start].lower_ in (
        SCALES.keys() | VAGUE_FACTORS.keys()
    ):
        start -= 1  # "a dozen", "a few hundred"
    words = [t.lower_ for t in doc[start:end]]
    if (words[0] in ("few", "couple", "handful") or words[-1] in ("couple", "handful")) and words[0] not in ("a", "an"):
        return None  # "few people" means not many; "a few" is a number
    if (words[0] == "scores" and doc[i].pos_ == "VERB") or words == ["tens"]:
        return None  # "he scores", "tens" alone
    if len(words) == 1 and words[0] in SCALES:
        return None  # bare "hundred", "dozen"
    amount = parse_amount(words)
    if amount is None:
        return None
    # Ranges: "10 to 15", "10-15", "two or three", "between 10 and 15".
    if end + 1 < len(doc) and doc[end].lower_ in (RANGE_WORDS | {"and"}) and _is_numberish(doc[end + 1]):
        if doc[end].lower_ != "and" or (start > 0 and doc[start - 1].lower_ == "between"):
            end2 = _run_end(doc, end + 1)
            second = parse_amount([t.lower_ for t in doc[end + 1:end2]])
            if second is not None and not amount.vague and second.value >= amount.value:
                if start >= 1 and doc[start - 1].lower_ == "from" and doc[start - 1].head.lemma_.lower() in CHANGE_VERBS:
                    return None  # "rose from 20 to 40": the later number is the update
                return start, end2, amount, second
    return start, end, amount, None


def _kind(doc: Doc, noun: Token | None, start: int, q_start: int, end: int) -> tuple[str | None, Token | None]:
    """What is counted, and the token that says so (see docs/quantities.md for the order)."""
    noun_kind = NOUN_KINDS.get(noun.lower_) if noun is not None else None
    after_noun = noun is not None and noun.i >= end
    kind, decider = _kind_from_syntax(noun if after_noun else doc[end - 1])
    if kind is None:
        kind, window_tok = _kind_from_window(doc, q_start, noun.i + 1 if after_noun else end)
        decider = window_tok or decider
    if kind is None and noun is not None:
        for c in noun.children:  # "12 injured people", "six dead civilians"
            if c.dep_ == "amod" and c.lower_ in NOUN_KINDS:
                kind, decider = NOUN_KINDS[c.lower_], c
                break
    if (kind == "arrested" and decider is not None and decider.lemma_.lower() == "hold"
            and noun is not None and noun.lower_ in _HELD_EVENTS):
        kind = None  # "two rallies were held"
    if noun_kind is not None and (kind is None or (noun_kind == "attackers" and kind == "participants")):
        kind, decider = noun_kind, noun  # '20,000 "bandits" took part in the attacks'
    if kind == "participants" and noun_kind is None and q_start > 0:
        verb = doc[q_start - 1]  # "detained between 200 and 300 protesters"
        if verb.lemma_.lower() in PATIENT_VERBS:
            kind, decider = PATIENT_VERBS[verb.lemma_.lower()], verb
    return kind, decider


@Language.factory(
    "reportedly_quantities",
    assigns=["doc._.rp_quantities"],
    default_config={"implicit_one": True},
)
def make_quantities(nlp: Language, name: str, implicit_one: bool) -> QuantityComponent:
    """implicit_one: also count "a journalist was killed" as one killed (low = high = 1)."""
    register_extensions()
    return QuantityComponent(nlp, implicit_one=implicit_one)
