"""Spans around a cue, by rules over the dependency parse: the cue phrase, the source, the content.

Given the word that heads a cue ("said", "according", "tweeted"), these functions return token
ranges ``(first, last)`` (inclusive token indices) or None. Quotation marks then widen a
content to the whole quote it starts in (``attribution_quotes.py``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

Range = tuple[int, int]

_LEFT_CUE_DEPS = frozenset({"aux", "auxpass", "neg"})
_LEFT_CUE_ADVS = frozenset({"also", "later", "previously", "publicly", "repeatedly", "again",
                            "reportedly", "allegedly", "then", "recently", "once", "earlier"})
# Adverbs left of a cue that are not part of it (question words, connectives).
_NOT_CUE_ADVS = frozenset({"when", "where", "how", "why", "so", "as", "then", "thus", "therefore",
                           "however", "meanwhile", "instead", "here", "there"})
# Right of the cue and before the content: time, manner and channel phrases belong to the cue.
_RIGHT_CUE_DEPS = frozenset({"prep", "npadvmod", "advmod"})
# Cut from the end of a speaker phrase (PolNeAR keeps a "who/which" clause in the source).
_SOURCE_CUT_DEPS = frozenset({"acl", "relcl"})
_AGE_DEPS = frozenset({"appos", "npadvmod", "amod"})
DATELINE_DASHES = frozenset({"—", "–", "--", "―"})
# ... and a wire dateline may end in a plain hyphen: "(Reuters) -", "BAMAKO (Wire Desk) -".
WIRE_DASHES = DATELINE_DASHES | {"-"}
RAISING_VERBS = frozenset({"seem", "appear"})
# ... but "the minister was quoted as saying", "Trump was heard telling": the subject speaks.
_SPEAKER_PASSIVES = frozenset({"quote", "hear", "overhear", "record", "film", "see"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A cue that borrows its speaker from the verb it hangs on: "..., adding that", "and said".
_INHERIT_DEPS = frozenset({"advcl", "conj", "xcomp", "acl", "pcomp"})
# "said in a statement / in an interview": PolNeAR keeps the channel phrase in the cue.
_CHANNEL_NOUNS = frozenset({"statement", "interview", "post", "tweet", "speech", "email",
                            "letter", "release", "briefing", "conference", "message", "video",
                            "television", "tv", "radio", "twitter", "telegram", "facebook",
                            "instagram", "x", "website", "account", "phone", "telephone"})


# Documents that are the source of the clause an "in" phrase hangs on ("In a Fox poll, Cruz had
# 38 percent"; "In the video, a woman appears to argue with an officer").
EVIDENCE_NOUNS = frozenset({"poll", "survey", "study", "report", "video", "footage", "analysis", "census",
                            "tally", "findings", "polling"})


def names_its_source(tok: Token) -> bool:
    """A preposition cue ("according to X", "In the poll, …"): its object is the source and the
    clause it hangs on the content (``evidence_source`` says which "in" qualifies)."""
    return tok.lower_ in ("according", "in")


def subtree(tok: Token) -> Range:
    return tok.left_edge.i, tok.right_edge.i


def cue_range(tok: Token, content: Range | None) -> Range:
    """The cue phrase: the head word, its auxiliaries/negation/"also" to the left, particles and
    a preposition whose object is the content ("referring to X"), "in a statement" to the right."""
    doc = tok.doc
    first = last = tok.i
    lefts = sorted((c for c in tok.lefts), key=lambda c: -c.i)
    for c in lefts:  # nearest first, stop at the first gap
        if c.right_edge.i != first - 1:
            break
        if c.dep_ in _LEFT_CUE_DEPS or (c.dep_ == "advmod" and c.lower_ not in _NOT_CUE_ADVS):
            first = c.left_edge.i
        elif c.dep_ in ("npadvmod", "prep") and c.left_edge.i > 0 and \
                any(x.dep_ in _LEFT_CUE_DEPS for x in lefts if x.i < c.left_edge.i):
            first = c.left_edge.i  # "had last month charged", "in the past has voiced"
        else:
            break
    for c in tok.rights:
        if c.i != last + 1:
            break
        if c.dep_ == "prt":
            last = c.i
        elif c.dep_ in _RIGHT_CUE_DEPS and content is not None and c.right_edge.i < content[0]:
            last = c.right_edge.i  # "said Wednesday", "said in part", "said during the debate"
        elif c.dep_ in ("npadvmod", "advmod") and content is not None and content[1] < tok.i:
            # '"…," he said Friday' / 'said sarcastically': after its content a cue keeps its
            # time and manner words but not its scene ("said at a rally"; train cue F1 -0.001)
            last = c.right_edge.i
        elif c.dep_ == "prep" and content is not None and content[0] == c.i + 1:
            last = c.i
        else:
            break
    if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        last = tok.i + 1
    adjective = _stance_adjective(tok)
    if adjective is not None and content is not None and last < adjective.i < content[0]:
        last = content[0] - 1  # "was critical of": the adjective and its preposition
        while last > adjective.i and (doc[last].is_punct or doc[last].is_space):
            last -= 1
    return first, last


def _stance_adjective(tok: Token) -> Token | None:
    """The adjective of a copula cue ("was critical of", "is eager to", "was clear that"),
    when a complement follows it."""
    if tok.lemma_.lower() != "be":
        return None
    adj = next((c for c in tok.rights if c.dep_ == "acomp"), None)
    if adj is None:
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "prep") for c in adj.rights) or \
            any(c.dep_ in ("ccomp", "xcomp") and c.i > adj.i for c in tok.rights):  # "was clear | that X"
        return adj
    return None


# Whom a speaker tells: '"…," a farmer told the Ledger by phone' reports the quote, not the Ledger.
_ADDRESSEE_NOUNS = frozenset({"reporter", "journalist", "crowd", "supporter", "audience", "lawmaker",
                              "parliament", "court", "judge", "agency", "newspaper", "channel", "radio",
                              "television", "station", "outlet", "broadcaster", "rally", "people"})


def addressee(tok: Token, obj: Token) -> bool:
    """Is ``obj``, the object of cue word ``tok``, whom "tell" addresses (never what is said)?"""
    return tok.lemma_.lower() == "tell" and (
        obj.pos_ in ("PRON", "PROPN") or obj.ent_type_ in ("PERSON", "ORG", "NORP")
        or obj.lemma_.lower() in _ADDRESSEE_NOUNS)


def _is_channel_pp(prep: Token) -> bool:
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return prep.lower_ in ("in", "on", "during", "by", "via", "over") and obj is not None \
        and obj.lemma_.lower() in _CHANNEL_NOUNS


def source_token(tok: Token) -> Token | None:
    """The word heading the speaker of a cue, following the parse."""
    if names_its_source(tok):
        return evidence_source(tok)
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    if agent is not None:  # "the statement was read by the minister"
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return obj
    quoted = _quoted_subject(tok)
    if quoted is not None:
        return quoted
    # Nearest subject first: "5:20 p.m. Obama says" parses both the time and the name as subjects.
    for c in sorted(tok.children, key=lambda c: abs(c.i - tok.i)):
        if c.dep_ in _SUBJECT_DEPS:
            if (c.dep_ == "nsubjpass" and tok.lemma_.lower() not in _SPEAKER_PASSIVES) or tok.lemma_.lower() in RAISING_VERBS:
                # "Sanders was asked", "Trump is expected to win", "he appears to ...": the
                # subject is what the statement is about, not who makes it
                return None
            if c.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                return tok.head  # "the minister, who said ...": the speaker is the noun
            if c.right_edge.dep_ == "cc" and tok.dep_ in ("ccomp", "conj") and tok.head.i != tok.i:
                # "said 9 had died, most of them from gunshot wounds, and called for an inquiry":
                # a "subject" ending in "and" is an aside; the speaker is the first verb's
                outer = next((k for k in tok.head.children if k.dep_ in _SUBJECT_DEPS), None)
                if outer is not None:
                    return outer
            return _speaker_closing_a_clause(c, tok) or c
    if tok.pos_ in ("NOUN", "PROPN"):
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and (_that_after(tok) is not None or tok.tag_ == "VBG"):
        # "The opposition posted on Telegram that ..." parsed as a noun's clause;
        # "911 calls saying shots had been fired", "voters saying they want a ban"
        return tok.head
    outer = _outer_conj(tok.head) if tok.dep_ == "conj" else None
    if outer is not None and outer.i == tok.i and tok.head.dep_ == "ccomp":
        # "Singh alleged that the police had beaten farmers and demanded …": Singh demanded
        return next((c for c in tok.head.head.children if c.dep_ in _SUBJECT_DEPS), None)
    head = tok
    for _ in range(3):  # climb "and added", "..., saying", "took to Twitter to say", "by saying"
        if head.dep_ not in _INHERIT_DEPS or head.head.i == head.i:
            break
        head = head.head
        if head.dep_ == "prep" and head.head.i != head.i and tok.tag_ == "VBG":
            head = head.head  # "dismissed it by pointing out": the gerund's speaker is the verb's
        if tok.dep_ == "conj" and head.pos_ not in ("VERB", "AUX") and head.dep_ in ("npadvmod", "appos") \
                and head.head.pos_ in ("VERB", "AUX"):
            head = head.head  # "put the toll at 21, most of them women, and blamed …": an aside's conjunct
        subj = next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is not None:
            return subj
    return None


# Verbs of relaying: "X, citing Y", "Y, quoted by X".
RELAY_LEMMAS = frozenset({"cite", "quote"})


def relay_participle(src: Token) -> tuple[Token, Token] | None:
    """"The health bureau, quoted by the state news agency": the participle on the speaker and
    the object of its "by" (the relaying outlet), or None."""
    for c in src.rights:
        if c.dep_ == "acl" and c.lemma_.lower() in RELAY_LEMMAS:
            agent = next((a for a in c.children if a.dep_ == "agent"), None)
            obj = next((o for o in agent.children if o.dep_ == "pobj"), None) if agent is not None else None
            if obj is not None:
                return c, obj
    return None


def _quoted_subject(tok: Token) -> Token | None:
    """"Ministry sources quoted by the newspaper Opinión said": the parse makes "Opinión" a
    second subject; the speaker is the subject the relay participle hangs on."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if len(subjects) < 2:
        return None
    for c in subjects:
        relay = relay_participle(c)
        if relay is not None and any(o.i == relay[0].right_edge.i + 1 for o in subjects):
            return c
    return None


def relative_subject(tok: Token) -> Token | None:
    """The relative pronoun subject of a cue in a relative clause ("the minister, who said")."""
    if tok.dep_ != "relcl":
        return None
    return next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS and c.tag_ in ("WP", "WDT")), None)


def negated_speaker(src: Token) -> bool:
    """"No group claimed the attack", "Nobody said ...": what no one said is no statement."""
    low = src.lower_
    return low in ("nobody", "none", "noone", "no-one") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in src.children)


def source_range(src: Token) -> Range:
    """The speaker phrase; drops a trailing relative clause or comma-appended material."""
    first, last = subtree(src)
    doc = src.doc
    for c in src.rights:
        if c.dep_ in _SOURCE_CUT_DEPS and c.left_edge.i > src.i:
            last = min(last, c.left_edge.i - 1)
            break
        if c.dep_ in _AGE_DEPS and c.left_edge.i > src.i and doc[c.left_edge.i].like_num:
            last = min(last, c.left_edge.i - 1)  # "Renee Gold, 83, of Sarasota": the age is not the speaker
            break
        if _charge(c):
            last = min(last, c.i - 1)  # "accused by rights groups | of killing civilians"
            break
    # A comma-led relative clause deeper in the phrase ("A doctor at the hospital, who spoke on
    # condition of anonymity"): it describes the speaker, it does not name them.
    for t in doc[src.i + 1:last + 1]:
        if t.dep_ == "relcl" and t.left_edge.i > src.i + 1 and doc[t.left_edge.i - 1].text == ",":
            last = min(last, t.left_edge.i - 1)
            break
    for i in range(src.i - 1, first - 1, -1):
        if doc[i].text in DATELINE_DASHES:  # "CLEVELAND, July 19 (UPI) — Former Attorney General ..."
            first = i + 1
            break
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1  # '“…,” Musa Garba, 52, told': the quote's closing marks hang on the speaker
    if last == src.i and src.lemma_.lower() in _NAMED_BODY_NOUNS:
        # "according to the news agency | Kabar": the parse cut the name off the noun it names
        while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN" and doc[last + 1].text[:1].isupper() \
                and doc[last + 1].dep_ in ("pobj", "appos", "npadvmod", "nsubj", "compound"):
            last += 1
    return first, last


# Nouns a name often follows in apposition ("the news agency Kabar", "the newspaper Opinión").
_NAMED_BODY_NOUNS = frozenset({"agency", "newspaper", "publication", "outlet", "broadcaster", "channel",
                               "site", "daily", "weekly", "paper", "network", "station"})


def _charge(c: Token) -> bool:
    """A preposition on a speaker heading a gerund: the charge of an accusation the parse hung
    on the accuser ("accused by rights groups | of killing civilians")."""
    return c.dep_ == "prep" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)


def source_mention(src: Token, resolved: Range, cue: Range, content: Range, breaks: list[int],
                   heads: set[int]) -> Range:
    """The speaker's evidence span as PolNeAR marks it: the whole phrase, its relative clause or
    participle included ("a source involved in the talks", "Ms. Verveer, who served as ...").
    ``resolved`` (``source_range``, without them) is what names the speaker; this one is used
    only when it stays clear of the cue, the content and other cues, and within the paragraph."""
    first, last = subtree(src)
    first = max(first, resolved[0])  # keep the dateline cut
    doc = src.doc
    charge = next((c for c in src.rights if _charge(c)), None)
    if charge is not None:  # "accused by rights groups | of killing civilians": not the speaker's phrase
        last = min(last, charge.i - 1)
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    lo, hi = clip_to_paragraph((first, last), src.i, breaks)
    if (lo, hi) != (first, last):
        return resolved
    for a, b in (cue, content):
        if lo <= b and a <= hi:
            return resolved
    if any(resolved[1] < i <= hi for i in heads):
        return resolved  # "Chief Akhmetov, who said the roads were closed, urged ...": another statement
    return lo, hi


# "The ministry put the death toll at 28", "raised the number of dead to 31", "gave a toll of 12":
# a figure given by a source is a statement of it, the commonest one in conflict reporting.
TOLL_VERBS = frozenset({"put", "place", "give", "raise", "revise", "lower", "set", "estimate"})
TOLL_NOUNS = frozenset({"toll", "tally", "figure", "number", "count", "turnout", "crowd", "attendance"})


def _sentence_edge_phrase(tok: Token) -> Range | None:
    """"A, according to X." / "According to X, A.": the phrase closes (opens) its sentence after
    (before) a comma, so what it reports is the rest of the sentence, however the parse hung it
    ("police baton-charged protesters …, injuring 15, according to Singh" parses badly)."""
    if tok.lower_ != "according":
        return None
    doc = tok.doc
    sent = tok.sent
    lo, hi = tok.left_edge.i, tok.right_edge.i
    last = sent.end - 1
    while last > hi and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last == hi and lo - 1 > sent.start and doc[lo - 1].text == ",":
        return trimmed(doc, after_dateline(doc, sent.start, lo - 2), lo - 2)
    if lo == sent.start and hi + 1 < sent.end and doc[hi + 1].text == ",":
        return trimmed(doc, hi + 2, sent.end - 1)
    return None


def toll_object(tok: Token) -> Token | None:
    """The toll a figure-giving verb gives ("put | the toll at 28"), or None."""
    if tok.lemma_.lower() not in TOLL_VERBS:
        return None
    return next((c for c in tok.children if c.dep_ in ("dobj", "dative") and c.lemma_.lower() in TOLL_NOUNS), None)


def content_range(tok: Token, src: Token | None) -> Range | None:
    """What is said: a clausal complement, an object, or the clause the cue interrupts."""
    doc = tok.doc
    if names_its_source(tok):  # "according to X, A" / "In the poll, A": the clause A
        edge = _sentence_edge_phrase(tok)
        if edge is not None:
            return edge
        head = tok.head
        if head.i == tok.i:
            return None
        while head.dep_ == "conj" and head.head.i != head.i and head.head.i < head.i:
            head = head.head  # "A rose, B fell and C held, according to X": the whole sentence
        lo, hi = trimmed(doc, *subtree(head))
        a, b = subtree(tok)
        if a <= lo:
            lo = b + 1
        elif b >= hi:
            hi = a - 1
        return trimmed(doc, lo, hi) if lo <= hi else None
    toll = toll_object(tok)
    if toll is not None:  # "put the toll at 28 dead and 64 wounded": the toll and its figures
        # ... but not the speaker's next act: "… and said two were in intensive care"
        last = tok.right_edge.i
        act = next((c for c in tok.rights if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                    and any(k.dep_ in ("ccomp", "xcomp", "dobj") for k in c.children)), None)
        if act is not None:
            cc = next((k for k in tok.children if k.dep_ == "cc" and k.i < act.i), None)
            last = (cc.i if cc is not None else act.left_edge.i) - 1
        return trimmed(doc, toll.left_edge.i, last)
    clause = _raising_clause(tok)
    if clause is not None:
        return clause
    adjective = _stance_adjective(tok)
    if adjective is not None:  # "was critical of | X", "is eager | to X", "was clear | that X"
        for c in adjective.rights:
            if c.dep_ in ("ccomp", "xcomp"):
                return subtree(c)
            if c.dep_ == "prep" and (obj := _prep_object(c)) is not None:
                return subtree(obj)
    addressed = False
    for dep in ("ccomp", "xcomp", "dobj"):
        c = next((c for c in tok.children if c.dep_ == dep and (src is None or c.i != src.i)
                  and not is_time(c)), None)
        if c is not None and dep == "dobj" and addressee(tok, c):
            # "told the Ledger": whom, not what. What was told is a clause the parse hung on the
            # addressee ("told the Post he was not ready"), a that-clause it missed, or a quote
            # or clause the rules below find.
            clause = next((t for t in c.subtree if t.dep_ in ("relcl", "ccomp", "acl") and t.i > c.i
                           and any(k.dep_ in ("nsubj", "nsubjpass") for k in t.children)), None)
            if clause is not None:
                return trimmed(doc, clause.left_edge.i, c.right_edge.i)
            end = tok.sent.end
            for t in doc[c.right_edge.i + 1:min(end, c.right_edge.i + 8)]:
                if t.lower_ == "that" and (t.dep_ == "mark" or t.head.i > t.i and t.head.pos_ in ("VERB", "AUX")):
                    # "told Clinton at a debate | that …" (the "that" often misparsed as a pronoun)
                    return trimmed(doc, t.i, end - 1)
                if t.pos_ in ("VERB", "AUX") or (t.is_punct and t.text != ","):
                    break
            addressed = True
            break
        if c is not None:
            if dep == "ccomp":
                lo, hi = _with_misread_that(tok, c)
                outer = _outer_conj(c)
                if outer is not None:  # "… had beaten farmers | and demanded …": the speaker's next act
                    cc = next((k for k in c.children if k.dep_ == "cc" and k.i < outer.i), None)
                    hi = (cc.i if cc is not None else outer.left_edge.i) - 1
                    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
                        hi -= 1
                return lo, hi
            return _with_complements(tok, subtree(c)) if dep == "dobj" else subtree(c)
    that_clause = next((c for c in tok.rights if c.dep_ in ("advcl", "conj") and _opened_by_that(c)), None)
    if that_clause is not None:  # "reported, citing Y, that ...": the that-clause misparsed as adverbial or conjoined
        return subtree(that_clause)
    for c in tok.rights:
        if c.dep_ == "prep" and _is_channel_pp(c):
            obj = next(g for g in c.children if g.dep_ == "pobj")
            clause = next((g for g in obj.rights if g.dep_ in ("acl", "relcl", "ccomp")
                           and (_opened_by_that(g) or _that_taken_for_an_object(g))), None)
            if clause is not None:  # "claimed in a statement that ..." (parsed as the noun's clause)
                return subtree(clause)
    prep = next((c for c in tok.rights if c.dep_ == "prep" and not _is_channel_pp(c)
                 and not is_time(_prep_object(c)) and (not addressed or c.lower_ in ("about", "of"))), None)
    obj = _prep_object(prep)
    if obj is not None:
        return _with_complements(tok, subtree(obj))
    that = _that_after(tok)
    if that is not None:
        # "posted on Telegram that ..." misparsed: the clause opened by "that" right after the
        # cue (and its channel phrase) runs to the end of the sentence.
        end = tok.sent.end - 1
        return trimmed(doc, that.i, end)
    if tok.dep_ in ("parataxis", "advcl") and tok.head.i < tok.i and not (
            addressed and any(m.dep_ in ("mark", "advmod") and m.i < tok.i for m in tok.children)):
        # "The talks failed, he said": the cue hangs on the clause it reports (but "dismissed
        # it when he told Clinton": a clause of time, not what was told).
        lo, head_hi = trimmed(doc, *subtree(tok.head))
        cue_lo, cue_hi = subtree(tok)
        if tok.dep_ == "parataxis" and head_hi > cue_hi + 1:
            # "The talks, he said, failed": the outer extent, the interrupting cue inside.
            return lo, head_hi
        hi = cue_lo - 1
        while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
            hi -= 1
        return (lo, hi) if lo <= hi else None
    if tok.dep_ == "advcl" and tok.head.i > tok.i and any(m.dep_ == "mark" and m.lower_ == "as" for m in tok.children):
        # "As the Post reported, the inspector general issued subpoenas": the main clause.
        lo, hi = trimmed(doc, tok.right_edge.i + 1, tok.head.right_edge.i)
        return (lo, hi) if lo < hi else None
    passive_subj = next((c for c in tok.lefts if c.dep_ == "nsubjpass"), None)
    if passive_subj is not None and src is not None and src.i > tok.i and passive_subj.lemma_.lower() not in _CHANNEL_NOUNS:
        # "The meeting was first reported by Politico": what is reported is the subject (but
        # "The statement was read by ..." points at a quote: left to the quote rules).
        return trimmed(doc, *subtree(passive_subj))
    if tok.dep_ == "parataxis" and tok.head.i > tok.i:
        # "Too often, Mr. Clarke said, the debate is infected": the cue interrupts the clause it
        # reports, which the parse hangs after it; the content is the outer extent.
        lo, hi = trimmed(doc, *subtree(tok.head))
        return (lo, hi) if lo < tok.i < hi else None
    if src is not None and src.i < tok.i and (tok.dep_ == "ROOT" or (addressed and tok.dep_ == "conj")):
        # "People like Scott, he said.": the reported words open the sentence before the speaker.
        first = src.left_edge.i
        sent_start = tok.sent.start
        if first - sent_start >= 3 and doc[first - 1].text == ",":
            return trimmed(doc, after_dateline(doc, sent_start, first - 2), first - 2)
    return None


# Words that head a speaker phrase closing a reported clause ("…, a local official said").
_SPEAKER_NOUNS = frozenset({
    "official", "officials", "source", "sources", "resident", "residents", "witness", "witnesses",
    "spokesman", "spokeswoman", "spokesperson", "police", "army", "military", "ministry", "government",
    "officer", "doctor", "medic", "activist", "activists", "statement", "agency", "media", "report",
    "governor", "mayor", "minister", "president", "commander", "leader", "group", "monitor", "observatory",
})


def _speaker_closing_a_clause(subj: Token, tok: Token) -> Token | None:
    """'Gunmen killed 17 people in a raid on the village, a local official said' parsed as one
    long subject ("Gunmen [killed …]" with the speaker as an apposition at its end): the speaker
    is the phrase after the subject's last comma, and the clause before it is what is said.
    Only when that phrase is a speaker's (a named entity or a speaker noun) and the clause has a
    verb but no relative pronoun ("The group that claimed it, Ansar X, said" is one subject)."""
    if tok.dep_ != "ROOT" or subj.i > tok.i:
        return None
    doc = tok.doc
    lo, hi = subj.left_edge.i, subj.right_edge.i
    if tok.i - hi > 2 or any(not (t.pos_ in ("ADV", "AUX", "PART") or t.is_punct) for t in doc[hi + 1:tok.i]):
        return None
    comma = max((i for i in range(lo + 1, hi) if doc[i].text == ","), default=None)
    if comma is None or comma - lo < 5 or hi - comma > 8:
        return None
    head = next((t for t in doc[comma + 1:hi + 1] if not comma < t.head.i <= hi), None)
    if head is None or head.dep_ not in ("appos", "conj", "npadvmod") or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if not (head.lemma_.lower() in _SPEAKER_NOUNS or head.lower_ in _SPEAKER_NOUNS
            or head.ent_type_ in ("PERSON", "ORG", "NORP")):
        return None
    clause = doc[lo:comma]
    if not any(t.pos_ == "VERB" for t in clause) or any(
            t.tag_ in ("WDT", "WP") or (t.lower_ in ("who", "which", "that") and t.dep_ in _SUBJECT_DEPS | {"dobj"})
            for t in clause):
        return None
    return head


def after_dateline(doc: Doc, lo: int, hi: int) -> int:
    """The first word after a dateline opening the range ("BENTA, Nalovo (Meridian) - Gunmen
    …"): an em or en dash, or a hyphen standing alone, within its first dozen words."""
    for i in range(lo, min(hi, lo + 12)):
        t = doc[i]
        if t.text in DATELINE_DASHES or (t.text == "-" and i > lo and doc[i - 1].whitespace_):
            return i + 1
    return lo


def skip_dateline(doc: Doc, lo: int, hi: int) -> int:
    """The first word after a wire dateline opening a sentence ("GUSAU, Nigeria — Gunmen …",
    "BAMAKO (Wire Desk) - An explosive …"): capitalised names, numbers and punctuation only,
    with a comma or a bracket, before a dash within the first ten words (up to ``hi``, inclusive);
    else ``lo``."""
    for i in range(lo + 1, min(hi + 1, lo + 10)):
        t = doc[i]
        if t.text in DATELINE_DASHES or (t.text == "-" and doc[i - 1].whitespace_):
            words = doc[lo:i]
            if any(w.text in (",", "(") for w in words) and all(
                    w.is_punct or w.like_num or (w.text[:1].isupper() and w.pos_ in ("PROPN", "NOUN", "ADJ"))
                    for w in words):
                return i + 1
            return lo
    return lo


# What follows an object and still belongs to the content: "criticized X for stealing ...",
# "called X a sham", "dismissed X as absurd", "endorsed X for president".
_OBJECT_TAIL_DEPS = frozenset({"prep", "oprd", "xcomp", "ccomp", "dative", "acomp"})
# ... but not the scene of the speech: "endorsed X last week", "praised X at a press conference".
_SCENE_PREPS = frozenset({"during", "after", "before", "at", "in", "on", "through", "following", "since",
                          "while", "when", "by", "amid", "throughout"})


def _with_complements(tok: Token, content: Range) -> Range:
    """PolNeAR's content after a verb cue is its object with everything the verb takes after it."""
    lo, hi = content
    for c in tok.rights:
        if c.i <= hi:
            continue
        if c.dep_ not in _OBJECT_TAIL_DEPS or (c.dep_ == "prep" and c.lower_ in _SCENE_PREPS):
            break
        hi = c.right_edge.i
    return trimmed(tok.doc, lo, hi)


def alternative_start(tok: Token, content: Range) -> tuple[str, Token] | None:
    """Where else a content might start, by PolNeAR's conventions, which vary by verb: at a
    passive cue's subject ("Three commissioners were charged with | X", cue inside), after an
    object and its preposition ("took multiple swipes at | X", "asked the minister about | X")
    or its "that" clause's start ("expressed doubts | that X"), at the addressee ("urged | tech
    companies to X"), or inside an infinitival content ("refused to comment on | X").
    Returns (which, the phrase's head token); the learned start decision picks."""
    lo, hi = content
    subj = next((c for c in tok.lefts if c.dep_ == "nsubjpass"), None)
    if subj is not None and subj.right_edge.i < lo and subj.lower_ not in ("it", "there", "who", "which", "that") \
            and tok.lemma_.lower() not in _SPEAKER_PASSIVES and not any(c.dep_ == "agent" for c in tok.children):
        return "passive-subject", subj  # "Three commissioners were charged with | X": the subject is judged too
    for c in tok.children:
        if c.dep_ == "dobj" and c.left_edge.i == lo:
            obj = _prep_object(next((p for p in c.children if p.dep_ == "prep" and p.right_edge.i == c.right_edge.i), None))
            if obj is not None:
                return "object-prep", obj
            clause = next((k for k in c.children if k.dep_ in ("acl", "ccomp", "relcl") and k.left_edge.i > c.i
                           and _opened_by_that(k)), None)
            if clause is not None:  # "expressed doubts | that X", "left no doubt | that X"
                return "object-clause", clause
            # "asked Mrs. Clinton about | X": the preposition hangs on the verb, not the object
            obj = _prep_object(next((p for p in tok.children if p.dep_ == "prep" and p.i == c.right_edge.i + 1), None))
            return ("object-prep", obj) if obj is not None else None
    root = next((t for t in tok.doc[lo:hi + 1] if t.head.i == tok.i), None)
    if root is not None and root.dep_ in ("xcomp", "ccomp"):
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative") and tok.i < c.i < lo), None)
        if obj is not None:
            return "addressee", obj
        inner = _inner_content(root)
        if inner is not None and inner.left_edge.i > lo:
            return "inner", inner
    return None


def _inner_content(root: Token) -> Token | None:
    """What the verb or adjective heading a content takes after it: "went on to say | that X",
    "refused to comment on | X", "made it clear | that X" (PolNeAR often puts the first
    words in the cue)."""
    for c in root.rights:
        if c.dep_ in ("ccomp", "dobj", "xcomp"):
            return c
        if c.dep_ == "advcl" and _opened_by_that(c):
            return c
        if c.dep_ == "prep":
            return _prep_object(c)
    return None


def evidence_source(tok: Token) -> Token | None:
    """The source a preposition cue names: X in "according to X", or a poll, survey, study,
    report or video in "In the latest poll, Trump leads" (PolNeAR marks "in" as the cue);
    None for any other word."""
    if tok.lower_ == "according":
        return _prep_object(next((c for c in tok.children if c.lower_ == "to"), None))
    if tok.lower_ == "in" and tok.dep_ == "prep":
        obj = _prep_object(tok)
        return obj if obj is not None and obj.lemma_.lower() in EVIDENCE_NOUNS else None
    return None


def is_time(phrase: Token | None) -> bool:
    """A phrase that is only a date or time ("said | Saturday", "claimed the nomination on |
    Tuesday"): when it is, never what is said (45 such contents on PolNeAR train, none gold)."""
    if phrase is None:
        return False
    words = [t for t in phrase.subtree if not (t.is_punct or t.is_space)]
    return bool(words) and all(t.ent_type_ in ("DATE", "TIME") for t in words)


def _prep_object(prep: Token | None) -> Token | None:
    """The object of a preposition (a noun phrase or a gerund clause), if any."""
    if prep is None:
        return None
    return next((o for o in prep.children if o.dep_ in ("pobj", "pcomp")), None)


def _outer_conj(clause: Token) -> Token | None:
    """"alleged that the police had beaten farmers and demanded the suspension …": a verb in the
    simple past conjoined, with no subject of its own, to a reported clause in the pluperfect
    continues the speaker's sentence, not the reported one (the parse hangs it on the clause)."""
    pluperfect = any(a.dep_ == "aux" and a.lower_ == "had" for a in clause.children)
    for c in clause.children:
        if c.dep_ != "conj" or c.i < clause.i or any(a.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass")
                                                     for a in c.children):
            continue
        if (pluperfect and c.tag_ == "VBD") or toll_object(c) is not None or c.lemma_.lower() in _SPEAKERS_ACTS:
            return c  # "… were behind the attack and put the death toll at 41": the monitor's figure
    return None


# Verbs that, conjoined to a reported clause with no subject of their own, continue the
# speaker's sentence ("said X and called for an inquiry", "and urged calm").
_SPEAKERS_ACTS = frozenset({"call", "urge", "demand", "add", "warn", "vow", "pledge", "appeal", "accuse"})


def _with_misread_that(tok: Token, clause: Token) -> Range:
    """A clausal complement, with the words the parse stole from it for a relative clause on
    the addressee: "told the Courier that masked men had beaten ..." read as "the Courier that
    masked men" (a relative clause) + "had beaten ..." (the complement)."""
    lo, hi = subtree(clause)
    for obj in tok.children:
        if obj.dep_ in ("dobj", "dative") and obj.i < lo:
            rel = next((r for r in obj.rights if r.dep_ == "relcl"), None)
            if rel is not None and rel.left_edge.lower_ == "that" and rel.right_edge.i + 1 == lo:
                return rel.left_edge.i, hi
    return lo, hi


def _that_taken_for_an_object(clause: Token) -> bool:
    """"said in a statement that troops withdrew", parsed as a relative clause whose object is
    "that": the complementiser misread (a real relative has "that" as its subject: "a
    statement that was read on television")."""
    first = clause.doc[clause.left_edge.i]
    return first.lower_ == "that" and first.head.i == clause.i and first.dep_ in ("dobj", "pobj", "advmod")


def _opened_by_that(clause: Token) -> bool:
    """Is the clause introduced by the complementiser "that"?"""
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def trimmed(doc: Doc, lo: int, hi: int) -> Range:
    """The range without punctuation or spaces at its ends (quotes are widened back later);
    a closing "%" is part of its number ("turnout fell to 27%"), and "#" and "@" of a hashtag or handle."""
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space) and doc[lo].text not in ("#", "@"):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space) and doc[hi].text != "%":
        hi -= 1
    return lo, hi


def interrupts(tok: Token, content: Range) -> bool:
    """Is the cue inside its own content: a parenthetical ("The talks, he said, failed") or an
    evidential verb ("Trump is expected to win"), a mid-clause "according to" ("Turnout,
    according to the commission, fell") or a relative clause whose relative word is what is
    said ("Almaty, which he called a city of bandits": PolNeAR's content is the outer extent)?"""
    return content[0] < tok.i < content[1] and (tok.dep_ in ("parataxis", "relcl") or names_its_source(tok)
                                                or _raising_clause(tok) == content)


def _raising_clause(tok: Token) -> Range | None:
    """"Trump is expected to win", "the talks appear to have failed": PolNeAR's content is the
    whole clause, subject and cue included (the subject is what is judged, not a speaker)."""
    lemma = tok.lemma_.lower()
    if lemma in RAISING_VERBS:
        subj = next((c for c in tok.lefts if c.dep_ == "nsubj"), None)
    elif lemma == "expect":
        subj = next((c for c in tok.lefts if c.dep_ == "nsubjpass"), None)
    else:
        return None
    comp = next((c for c in tok.rights if c.dep_ in ("xcomp", "ccomp", "acomp", "attr", "prep")), None)
    if subj is None or comp is None:
        return None
    return trimmed(tok.doc, subj.left_edge.i, comp.right_edge.i)


_TRAILING_DEPS = frozenset({"appos", "relcl", "advcl", "acl", "npadvmod"})


def drop_trailing_aside(doc: Doc, content: Range) -> Range:
    """", the presumed favourite" / ", which subsidises ..." / ", forcing them to ...": a
    comma-led apposition, non-restrictive clause or participle closing an indirect content is
    the reporter's aside, not the speaker's words (PolNeAR leaves it out)."""
    lo, hi = content
    for i in range(hi - 1, lo, -1):
        if doc[i].text != ",":
            continue
        nxt = doc[i + 1]
        deps = _TRAILING_DEPS | {"prep"}  # a prep only when it names the channel (below)
        head = nxt if nxt.dep_ in deps else nxt.head if nxt.head.dep_ in deps else None
        if head is None or head.right_edge.i < hi - 1 or head.left_edge.i < i:
            continue
        if head.dep_ == "relcl" and nxt.lower_ not in ("which", "who", "whose"):
            continue
        if head.dep_ in ("advcl", "acl") and head.tag_ != "VBG":
            continue
        if head.dep_ == "prep" and not _channel_phrase(head):
            continue
        return lo, i - 1
    return content


_PLATFORMS = frozenset({"twitter", "x", "telegram", "facebook", "instagram", "tiktok", "youtube",
                        "weibo", "whatsapp", "vk"})


def drop_platform_phrase(doc: Doc, content: Range) -> Range:
    """"condemned the attack | on X", "denied the report | on its Telegram channel": the
    platform the words went out on closes an object content when the parse hangs it on the
    object; it is the statement's channel, not what was said."""
    lo, hi = content
    for i in range(hi - 1, max(lo, hi - 5), -1):
        t = doc[i]
        if t.lower_ in ("on", "via") and t.dep_ == "prep" and t.right_edge.i == hi and any(
                w.lower_.rstrip(".") in _PLATFORMS and w.text[:1].isupper() for w in doc[i + 1:hi + 1]):
            # ("X." at a sentence end is one token)
            hi = i - 1
            while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
                hi -= 1
            return lo, hi
    return content


def _channel_phrase(prep: Token) -> bool:
    """", in a video posted on Telegram" / ", in a statement": how the words were said."""
    obj = _prep_object(prep)
    return prep.lower_ in ("in", "on", "via") and obj is not None and obj.lemma_.lower() in _CHANNEL_NOUNS


def paragraph_breaks(doc: Doc, texts: list[str] | None = None) -> list[int]:
    """Indices of tokens holding a paragraph break (a blank line or a line break)."""
    texts = texts if texts is not None else [t.text for t in doc]
    return [i for i, t in enumerate(texts) if "\n" in t and t.isspace()]


def clip_to_paragraph(rng: Range, anchor: int, breaks: list[int]) -> Range:
    """The part of ``rng`` in the paragraph of token ``anchor``: the parse sometimes runs a
    subject or a clause across a paragraph break (a tweet embed line, a headline)."""
    lo, hi = rng
    for b in breaks:
        if b < anchor:
            lo = max(lo, b + 1)
        elif b > anchor:
            hi = min(hi, b - 1)
            break
    return lo, hi


def _that_after(tok: Token) -> Token | None:
    doc = tok.doc
    i = tok.i + 1
    if i < len(doc) and doc[i].dep_ == "prep" and doc[i].head.i == tok.i:
        i = doc[i].right_edge.i + 1  # skip "on Telegram", "in a statement"
    if i < len(doc) and doc[i].lower_ == "that" and doc[i].dep_ == "mark":
        return doc[i]
    return None
