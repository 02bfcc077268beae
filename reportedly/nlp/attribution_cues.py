"""Hand rules around cues: the speech verbs every news article needs, tweet embeds, relay
chains ("X reported, citing Y"), channel, hedges, scare-quoted labels and the statement date."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from .attribution_spans import (RELAY_LEMMAS, Range, evidence_source, names_its_source, relay_participle,
                               subtree, toll_object)
from .event_lexicon import INSTRUMENTS
from .speakers import naming_participle

SPEECH_LEMMAS = frozenset({
    "say", "tell", "claim", "warn", "announce", "add", "note", "state", "insist", "report",
    "write", "tweet", "post", "deny", "argue", "explain", "confirm", "allege", "declare",
    "accuse", "threaten", "promise", "vow", "pledge", "assert", "maintain", "acknowledge",
    "admit", "stress", "urge", "demand", "call", "suggest", "predict", "estimate",
})
HEDGE_ADVERBS = frozenset({"reportedly", "purportedly", "allegedly", "supposedly", "apparently",
                           "ostensibly", "so-called"})
HEDGE_CUES = frozenset({"claim", "allege", "insist", "purport", "assert", "contend"})
HEDGE_PHRASES = ("most likely", "so-called", "so called")
SOCIAL = frozenset({"twitter", "x", "telegram", "facebook", "instagram", "tiktok", "vk",
                    "youtube", "weibo", "truth", "social"})
TV = frozenset({"television", "tv", "televised", "broadcast"})
PRESS = frozenset({"reporters", "journalists", "press", "briefing", "conference"})
DOCUMENT = frozenset({"letter", "report", "filing", "document", "decree", "memo", "complaint"})
STATEMENT_NOUNS = frozenset({"statement", "communique", "communiqué", "release", "declaration"})
# The tweet embed line: "— Name (@handle) January 7, 2022"
TWEET_EMBED = re.compile(
    r"[—–-]\s*(?P<name>[^\n()@]{1,60}?)\s*\((?P<handle>@\w{1,30})\)\s*"
    r"(?P<date>(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+\d{1,2},\s+\d{4})")
# A quote signed with a dash: '…” ― Name' (closing mark, optional spaces, dash, a capitalised
# name running to the end of the line or a trailing full stop).
DASH_SIGNATURE = re.compile(
    r"[”\"][ \t\u00a0]*(?P<dash>[―—–])[ \t\u00a0]*(?P<name>[A-Z][^\n“”\"\u00a0]{0,80}?)[ \t\u00a0.]*(?=\n|$|[“\"])")
OPENING_MARKS = "“\""
CLOSING_MARKS = "”\""


def rule_cues(doc: Doc) -> list[Token]:
    """Cue words the news always needs, whatever the trained scorer says."""
    return [tok for tok in doc if is_speech_cue(tok)]


def is_speech_cue(tok: Token) -> bool:
    """A speech verb, "according to", or "in" a poll, survey, report or video on a clause that
    is no speech itself ("In the poll, Trump leads"; not "In a report, the group said"): a
    cue whatever the trained scorer says."""
    if tok.lower_ == "according":
        doc = tok.doc
        return tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
    if tok.lower_ == "in":
        head = tok.head
        # "In the poll, X leads" — not "X captured the town, in a video posted on Telegram",
        # where the phrase after the clause is the channel of a statement.
        return evidence_source(tok) is not None and head.pos_ in ("VERB", "AUX") and tok.i < head.i \
            and head.lemma_.lower() not in SPEECH_LEMMAS and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children)
    return tok.pos_ in ("VERB", "AUX") and (tok.lemma_.lower() in SPEECH_LEMMAS or toll_object(tok) is not None)


def quoted_by(src: Token) -> Token | None:
    """'The health bureau, quoted by the state news agency, said ...': the agency relays it."""
    relay = relay_participle(src)
    if relay is None:
        return None
    participle, obj = relay
    after = participle.right_edge.i + 1
    name = src.doc[after] if after < len(src.doc) else None
    if name is not None and name.pos_ == "PROPN" and name.head.i == src.head.i:
        return name  # "quoted by the newspaper | Opinión": the name the parse cut off
    return obj


def not_a_statement(tok: Token) -> bool:
    """A cue word that reports nothing, whatever the scorer says: "so-called", what a speaker did
    not say, how a source stays unnamed, the channel participle of a video or statement."""
    return so_called(tok) or unsaid(tok) or anonymity_formula(tok) or channel_participle(tok) \
        or naming_participle(tok)


# Physical acts the cue scorer sometimes reads as stance ("Police used tear gas", "found a
# launcher"): with a plain object and no clause, what they report is a deed, not words.
# ("attacked", "fired", "used" stay: politicians attack rivals and use words.)
PHYSICAL_ACTS = frozenset({"find", "seize", "arrest", "detain", "kill", "shoot", "raid", "burn", "loot",
                           "deploy", "disperse", "throw", "wound", "injure"})


def a_deed(tok: Token, content: Range) -> bool:
    """"Police used tear gas and water cannon", "found a launcher": an act with a plain object
    is no statement."""
    lemma = tok.lemma_.lower()
    deed = lemma in PHYSICAL_ACTS or (lemma == "use" and any(
        c.dep_ == "dobj" and (c.lemma_.lower() in INSTRUMENTS or c.lower_ in INSTRUMENTS) for c in tok.children))
    return deed and not any(t.pos_ in ("VERB", "AUX") for t in tok.doc[content[0]:content[1] + 1])


def anonymity_formula(tok: Token) -> bool:
    """"who declined to be identified", "asked not to be named", "asked that her surname not be
    used", "spoke on condition of anonymity": how the reporter explains an unnamed source, not
    something the source says."""
    lemma = tok.lemma_.lower()
    if lemma in ("decline", "ask", "refuse", "request", "want", "wish"):
        clause = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp")), None)
        return clause is not None and clause.lemma_.lower() in ("name", "identify", "use") and any(
            c.dep_ == "auxpass" for c in clause.children)
    return lemma == "speak" and any(t.lower_ == "anonymity" for t in tok.subtree)


def channel_participle(tok: Token) -> bool:
    """"a video posted on its Telegram channel", "a statement read on state television": the
    participle describes the channel of a statement, it is not one."""
    return tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.lemma_.lower() in (
        "video", "statement", "message", "post", "letter", "recording", "footage", "tweet", "communique")


def unsaid(tok: Token) -> bool:
    """"…, without saying whether any had hit targets": what a speaker did not say."""
    return tok.tag_ == "VBG" and tok.head.lower_ == "without"


def passive(tok: Token) -> bool:
    """"It was reported that ...", "was quoted as saying": a statement with no named speaker."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def so_called(tok: Token) -> bool:
    """"so-called" is a hedge, not a speech verb."""
    doc = tok.doc
    return tok.lower_ == "called" and tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "so"


def adjacent_quote(tok: Token, regions: list[Range], sent: Span) -> Range | None:
    """'“…,” he said.' or 'he said: “…”' where the parse did not link the quote to the cue."""
    for a, b in regions:
        if 0 <= tok.i - b <= 6 and (a < sent.start or b < tok.i) and not (a <= tok.i <= b):
            between = tok.doc[b + 1:tok.i]
            if all(t.is_punct or t.pos_ in ("PRON", "PROPN", "NOUN", "DET", "ADJ", "AUX", "ADV", "SPACE", "NUM")
                   for t in between):  # NUM: '“…,” Ramos, 58, told AFP'
                return a, b
        colon = any(t.text == ":" for t in tok.doc[tok.i + 1:a])
        if 0 < a - tok.i <= (8 if colon else 4) and (a < sent.end or colon):
            # 'he said: “…”' — but not the next sentence's quote, which its own cue attributes
            # ('…, a claim the ministry denied. “Our officers …,” the spokesman said.')
            return a, b
    return None


def statement_kind(tok: Token, quoted: bool, regions: list[Range], content: Range) -> str:
    if names_its_source(tok):
        return "according_to"
    if quoted:
        return "direct"
    if any(content[0] <= a and b <= content[1] for a, b in regions):
        return "mixed"
    return "indirect"


def _relay_inner(node: Token, before: int | None = None) -> Token | None:
    """'X reported, citing Y' / 'X, quoting Y, said': the cited source under a word; with
    ``before``, only a "citing" phrase left of that token (it precedes the reported clause)."""
    for c in node.children:
        if c.lemma_.lower() in RELAY_LEMMAS and c.dep_ in ("advcl", "xcomp", "conj", "acl", "prep", "dep", "npadvmod"):
            if before is not None and c.i > before:
                continue
            obj = next((g for g in c.children if g.dep_ in ("dobj", "pobj", "attr")), None)
            if obj is not None:
                return obj
    return None


def relay(tok: Token, src: Token | None, content: Range) -> list[Token]:
    """The relay chain under a cue, outermost first: [Y] for 'X reported, citing Y', [Y, Z] for
    'X reported, citing Y, citing Z'. "citing" may hang on the cue, its speaker or the clause."""
    doc = tok.doc
    words = doc[content[0]:content[1] + 1]
    content_head = next((t for t in words if t.head.i == tok.i), None) or next(
        (t for t in words if t.head.i == t.i or not content[0] <= t.head.i <= content[1]), None)  # "according to X, citing Y, A"
    inner = _relay_inner(tok) or (_relay_inner(src) if src is not None else None)
    if inner is None and content_head is not None:
        inner = _relay_inner(content_head, before=content_head.i)
    chain: list[Token] = []
    while inner is not None and len(chain) < 4:  # a few links at most
        chain.append(inner)
        inner = _relay_inner(inner)
    return chain


def cut_relay(doc: Doc, content: Range, chain: list[Token]) -> Range:
    """Drop a leading "citing Y," from the content ("reported, citing Y, that ...")."""
    lo, hi = content
    for obj in chain:
        verb = obj.head
        if lo <= verb.i <= hi and verb.left_edge.i <= lo + 1:
            lo = max(lo, verb.right_edge.i + 1)
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return lo, hi


def apply_relay(statement: dict, doc: Doc, tok: Token, chain: list[Token], resolver) -> set[int]:
    """Turn 'X reported, citing Y (citing Z)' into source Z, via [Y, X]; returns used token ids."""
    if not chain:
        return set()
    used: set[int] = set()
    keys: list[str] = []
    if statement["source"] is not None:
        keys.append(statement["source"])
    last = noun_phrase(chain[-1])
    for inner in chain:
        r = noun_phrase(inner)
        used.add(inner.head.i)
        keys.append(resolver.resolve(r, inner, cue_head=tok))
        last = r
    statement["source"] = keys[-1]
    statement["via"] = list(reversed(keys[:-1]))  # nearest first
    s0, s1 = doc[last[0]].idx, doc[last[1]].idx + len(doc[last[1]].text)
    statement["source_span"] = {"start": s0, "end": s1, "text": doc[last[0]:last[1] + 1].text}
    return used


def noun_phrase(tok: Token) -> Range:
    lo, hi = subtree(tok)
    # stop before a nested relay ("Y, citing Z") or a relative clause
    for c in tok.rights:
        if c.dep_ in ("acl", "relcl", "advcl") or c.lemma_.lower() in RELAY_LEMMAS:
            hi = min(hi, c.left_edge.i - 1)
    doc = tok.doc
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return lo, hi


def _context_words(content: Range, sent: Span, quoted: set[int]) -> list[Token]:
    """The cue's sentence outside the content and quotes: where channel words live."""
    return [t for t in sent if not (content[0] <= t.i <= content[1]) and t.i not in quoted]


def _cue_phrases(tok: Token, content: Range) -> list[Token]:
    """The words of the cue's prepositional phrases and subject, outside the content."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "nsubj", "nsubjpass"):
            out += [t for t in c.subtree if not content[0] <= t.i <= content[1]]
    return out


def channel(tok: Token, content: Range, source_kind: str | None, sent: Span, quoted: set[int]) -> str | None:
    lemma = tok.lemma_.lower()
    words = _context_words(content, sent, quoted)
    lows = {t.lower_ for t in words}
    if lemma in ("tweet", "retweet", "post") or (lemma == "write" and lows & SOCIAL) or lows & {"twitter", "telegram", "facebook", "instagram"}:
        return "social_media"
    if any(t.text in ("X", "X.") and t.i > 0 and t.doc[t.i - 1].lower_ in ("on", "via") for t in words):
        return "social_media"  # "condemned the attack on X" (the letter alone is too ambiguous)
    if any(t.pos_ == "NOUN" and t.lemma_.lower() in ("post", "tweet") for t in _cue_phrases(tok, content)):
        return "social_media"  # "said in the post", "wrote in a tweet"
    if lows & TV:
        return "television"
    if "radio" in lows:
        return "radio"
    if any((t.lemma_.lower() in STATEMENT_NOUNS and _a_statement_noun(t))
           or (t.lemma_.lower() == "message" and t.head.lower_ == "in") for t in words):
        return "statement"  # "said in a statement", "said in a message to journalists"
    if lemma == "tell" and lows & PRESS or {"press", "news"} & lows and "conference" in lows or "briefing" in lows:
        return "press_conference"
    if (lemma == "tell" and _told_the_press(tok)) or "interview" in lows:
        return "interview"
    if {t.lemma_.lower() for t in _cue_phrases(tok, content)} & DOCUMENT:
        return "document"  # "said in a preliminary report", "A report by X says"; not "dismissed the reports"
    if lemma in ("report", "write") and source_kind == "media":
        return "news_report"
    return None


def _a_statement_noun(t: Token) -> bool:
    """"in a statement", "a press release": but "called for the release of detainees" is no
    channel."""
    if t.lemma_.lower() != "release":
        return True
    return t.head.lower_ in ("in", "via") or any(c.lower_ in ("press", "news") for c in t.children)


# Whom a speaker "told" when it was a speech, not an interview: "told the crowd", "told him".
AUDIENCES = frozenset({"crowd", "supporter", "protester", "demonstrator", "rally", "audience", "parliament",
                       "lawmaker", "meeting", "gathering", "congregation", "worker", "member", "delegate",
                       "student", "miner", "follower", "mourner", "villager", "resident", "troop", "soldier"})


def _told_the_press(tok: Token) -> bool:
    """"told AFP", "told the Courier", "told a journalist" — not "told the crowd" or "told him"."""
    addressee = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
    if addressee is None:
        return True  # "told" with no addressee parsed: keep the old reading
    return addressee.pos_ != "PRON" and addressee.lemma_.lower() not in AUDIENCES


def hedges(doc: Doc, cue: Range, sent: Span, in_quote: set[int]) -> list[str]:
    out: list[str] = []
    for i in range(cue[0], cue[1] + 1):
        if doc[i].lemma_.lower() in HEDGE_CUES:
            out.append(doc[i].text)
    for t in sent:  # the cue's own adverbs too: "also reportedly asked"
        if t.i in in_quote:
            continue
        if t.lower_ in HEDGE_ADVERBS:
            out.append(t.text)
    raw = sent.text
    sent_text = raw.lower()
    for phrase in HEDGE_PHRASES:
        if phrase in sent_text and phrase not in (h.lower() for h in out):
            at = sent_text.index(phrase)
            out.append(raw[at:at + len(phrase)])
    return out


def labels(doc: Doc, regions: list[Range], quoted: bool, sent: Span) -> list[dict]:
    """Short quoted phrases inside the statement: the source's labels, not the reporter's."""
    if quoted:
        return []
    out = []
    for a, b in regions:
        if b - a <= 5 and sent.start <= a and b < sent.end:
            s, e = doc[a].idx, doc[b].idx + len(doc[b].text)
            out.append({"start": s, "end": e, "text": doc[a:b + 1].text})
    return out


def decorate(statement: dict, doc: Doc, tok: Token, cue: Range, content: Range,
             chain: list[Token], regions: list[Range], resolver, sent: Span, quoted: set[int]) -> set[int]:
    """Relay chain, channel, hedges and labels of one statement; returns relay tokens used.
    ``content`` is the content before quote widening: channel words live outside it."""
    used = apply_relay(statement, doc, tok, chain, resolver)
    kind = None
    if statement["via"]:
        kind = resolver.kind_of(statement["via"][0])
    elif statement["source"] is not None:
        kind = resolver.kind_of(statement["source"])
    statement["channel"] = channel(tok, content, kind, sent, quoted)
    statement["hedges"] = hedges(doc, cue, sent, quoted)
    statement["labels"] = labels(doc, regions, statement["kind"] == "direct", sent)
    return used


def tweet_embeds(doc: Doc, text: str, resolver) -> list[dict]:
    """'<tweet text>\\n— Name (@handle) January 7, 2022': a direct social-media statement."""
    out = []
    for m in TWEET_EMBED.finditer(text):
        # The tweet is the text just above the embed line (same line or the line before).
        block = text[:m.start()].rstrip()
        start = block.rfind("\n") + 1
        if not block[start:].strip():
            continue
        name_s, name_e = m.start("name"), m.end("name")
        h_s, h_e = m.start("handle"), m.end("handle")
        key = resolver.resolve_name(text[name_s:name_e], name_s, name_e, handle=(text[h_s:h_e], h_s, h_e))
        content = _trimmed(text, start, len(block))
        out.append({
            "source": key, "source_span": _trimmed(text, name_s, name_e), "via": [], "kind": "direct",
            "cue": _trimmed(text, m.start(), m.end()), "content": content, "channel": "social_media",
            "hedges": [], "labels": [], "date": None,
        })
    return out


def dash_signed_quotes(doc: Doc, text: str, resolver) -> list[dict]:
    """'“…” ― Martha Aguilar': a quote signed with a dash and a name (letters, vox pops).

    Read on characters, not tokens: the tokenizer keeps '”―' together when no space parts
    them, and a no-break space before the dash is a token of its own."""
    out = []
    for m in DASH_SIGNATURE.finditer(text):
        para = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end("name"))
        if "(@" in text[m.start():line_end if line_end >= 0 else len(text)]:
            continue  # a tweet embed line: tweet_embeds reads it
        opener = next((i for i in range(para, m.start()) if text[i] in OPENING_MARKS), None)
        if opener is None and text[para:para + 1] in CLOSING_MARKS:
            opener = para  # '”Mr. Trump … shame.” ― Name': a closing mark used as the opening one
        if opener is None:
            continue
        name = _trimmed(text, m.start("name"), m.end("name"))
        span = doc.char_span(name["start"], name["end"], alignment_mode="expand")
        if span is None or len(span) > 8:
            continue
        out.append({
            "source": resolver.resolve((span.start, span.end - 1), span.root), "source_span": name,
            "via": [], "kind": "direct", "cue": _trimmed(text, m.start("dash"), m.end("dash")),
            "content": _trimmed(text, opener + 1, m.start()),
            "channel": None, "hedges": [], "labels": [], "date": None,
        })
    return out


def _trimmed(text: str, s: int, e: int) -> dict:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return {"start": s, "end": e, "text": text[s:e]}


def attach_dates(doc: Doc, statements: list[dict]) -> None:
    """statement["date"] = index into rp_dates of a date in the cue's sentence, outside content."""
    dates = doc._.rp_dates or []
    if not dates:
        return
    sents = list(doc.sents)
    starts = [x.start_char for x in sents]
    for st in statements:
        cue = st.get("cue")
        if not cue:
            continue
        sent = sents[max(0, bisect_right(starts, cue["start"]) - 1)]
        c = st["content"]
        best = None
        for i, d in enumerate(dates):
            if sent.start_char <= d["start"] and d["end"] <= sent.end_char and not (c["start"] <= d["start"] < c["end"]):
                dist = abs(d["start"] - cue["start"])
                if best is None or dist < best[0]:
                    best = (dist, i)
        if best is not None:
            st["date"] = best[1]
