"""Which place and which date belong to an event trigger.

Places: a learned scorer (logistic regression over syntactic features, see
``place_features``; weights in gazetteer_data/place_linker.json) rates every place in the
trigger's sentence; the most specific place above its threshold wins. When none passes, or
with ``method="rules"``, the rule levels below apply (the scorer replaces levels 1-2).

Dates, and places under the rules, walk outward from the trigger and stop at the first level
that has a candidate:

1. syntax: the place/date hangs off the trigger's clause through a locative/temporal
   preposition ("killed in Nablus", "clashed near the border on Friday"), or is a direct
   modifier of it ("Friday's attack", "the Kabul bombing");
2. the trigger's sentence, preferring a place inside a locative phrase and the nearer one;
3. the paragraph, preferring the closest place before the trigger (news writes the
   place first, then what happened there);
4. the article's focus: its most mentioned place (places only; dates stop at level 3,
   since an article's other dates are usually other events).

Within a level the more specific place wins (city over admin1 over country), so
"in southern Baghdad, in the Zafaraniyah neighbourhood" links to Zafaraniyah.
Demonyms (role "demonym") locate actors, so they are never linked as event places.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from .attribution_spans import skip_dateline
from .extensions import doc_text

LOCATIVE_PREPS = frozenset({
    "in", "at", "near", "outside", "inside", "across", "throughout", "around", "into", "on",
    "along", "within", "between", "off", "onto", "over", "by", "beside",
})  # not "from"/"toward": origin and direction ("a councillor from Leiza") are not the scene
TEMPORAL_PREPS = frozenset({"on", "in", "at", "during", "since", "until", "by", "before", "after", "over", "from"})
SPECIFICITY = {"district": 0, "city": 1, "admin1": 2, "country": 3, None: 2}
MAX_HOPS = 6
WEIGHTS_FILE = Path(__file__).resolve().parent / "gazetteer_data" / "place_linker.json"


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _span_of(doc: Doc, item: dict) -> Span | None:
    return doc.char_span(item["start"], item["end"], alignment_mode="expand")




def _attached(trigger: Token, target: Token, preps: frozenset[str]) -> bool:
    """True when target hangs off the trigger through a preposition in preps (or as a
    compound/possessive/appositive modifier of the trigger noun), without crossing another
    clause on the way up."""
    # Token objects are views created on access: compare positions (.i), never identity.
    tok, hops, via_prep = target, 0, False
    while tok.i != trigger.i and hops < MAX_HOPS:
        if tok.dep_ == "prep" and tok.lower_ in preps:
            via_prep = True
        if tok.head.i == tok.i:
            return False
        if tok.i != target.i and tok.pos_ in ("VERB", "AUX"):
            return False  # crossed into another clause: its place is that clause's
        tok = tok.head
        hops += 1
    if tok.i != trigger.i:
        return False
    # Without a preposition only a direct modifier of the trigger counts ("the Kabul
    # bombing", "Friday's attack"); "U.S. soldiers shot" is an actor, not a scene.
    return via_prep or (target.head.i == trigger.i and target.dep_ in ("compound", "poss", "npadvmod", "nmod", "tmod"))


def _has_prep_before(span: Span, preps: frozenset[str]) -> bool:
    """A locative/temporal preposition governs the span ("in the city of Nablus")."""
    tok = span.root
    for _ in range(3):
        if tok.dep_ == "pobj" and tok.head.lower_ in preps:
            return True
        # "in Iraq's Nineveh province": Nineveh (compound) is framed, Iraq (possessor) is not
        if tok.dep_ not in ("compound", "appos", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return (0 if start < 0 else start), (len(text) if end < 0 else end)


def _sent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """(start, end) token indices of the sentence holding token ``i``. Token.sent walks every
    sentence of the Doc on each call, and linking asks once per event: walk from the token."""
    start = i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    end, n = i + 1, len(doc)
    while end < n and not doc[end].is_sent_start:
        end += 1
    return start, end


def _best(indexes: list[int], items: list[dict], key) -> int | None:
    return min(indexes, key=key) if indexes else None


def _link(doc: Doc, trigger: tuple[int, int], items: list[dict], preps: frozenset[str],
          use_focus: bool, specific_first: bool, levels: str = "SFLPA") -> int | None:
    trig = _token_at(doc, *trigger)
    if trig is None or not items:
        return None
    spans = {i: _span_of(doc, it) for i, it in enumerate(items)}
    spans = {i: s for i, s in spans.items() if s is not None and len(s)}
    if not spans:
        return None

    def spec(i: int) -> int:
        return SPECIFICITY.get(items[i].get("precision"), 2) if specific_first else 0

    def dist(i: int) -> int:
        return abs(items[i]["start"] - trigger[0])

    # 1. syntax; coordinated verbs share their place ("shot and killed in Yala")
    heads = [trig] + [t for t in (trig.conjuncts if trig.pos_ in ("VERB", "AUX") else ())]
    hits = [i for i, s in spans.items() if any(_attached(h, s.root, preps) for h in heads)]
    if hits:
        return _best(hits, items, lambda i: (spec(i), dist(i)))
    if "F" not in levels:
        return None
    # 2. sentence: inside a locative/temporal phrase first, then any
    sent_start, sent_end = _sent_bounds(doc, trig.i)
    same = [i for i, s in spans.items() if sent_start <= s.start < sent_end]
    framed = [i for i in same if _has_prep_before(spans[i], preps)]
    if framed:
        return _best(framed, items, lambda i: (spec(i), dist(i)))
    if "L" not in levels:
        return None
    # A place that only modifies another noun ("U.S. soldiers", "Yemen's Ansar al-Sharia")
    # describes an actor, not where the event happened.
    loose = [i for i in same if spans[i].root.dep_ not in ("compound", "amod", "poss", "nmod")]
    if loose:
        return _best(loose, items, lambda i: (spec(i), dist(i)))
    if "P" not in levels:
        return None
    # 3. paragraph: the nearest place before the trigger, else after
    lo, hi = _paragraph_bounds(doc_text(doc), trigger[0])
    para = [i for i in spans if lo <= items[i]["start"] < hi]
    if para:
        return _best(para, items, lambda i: (items[i]["start"] > trigger[0], dist(i)))
    if not use_focus:
        return None
    # 4. article focus: the most mentioned name, earliest mention first; a wire dateline's city
    # ("BAMAKO (Wire Desk) - A bomb tore through a market in Gao") is where the report was
    # filed, so it loses a tie.
    counts = Counter((items[i].get("name") or items[i]["text"]).lower() for i in spans)
    dateline = _dateline_end(doc)
    return _best(list(spans), items,
                 lambda i: (-counts[(items[i].get("name") or items[i]["text"]).lower()],
                            items[i]["start"] < dateline, items[i]["start"]))


def _dateline_end(doc: Doc) -> int:
    """Character offset where the article's opening wire dateline ends (0: none)."""
    if not len(doc):
        return 0
    end = skip_dateline(doc, 0, len(doc) - 1)  # the parser often makes the dateline a sentence
    return doc[end].idx if 0 < end < len(doc) else 0


def link_place(doc: Doc, trigger: tuple[int, int], places: list[dict], *, levels: str = "SFLPA",
               method: str = "model") -> int | None:
    """Index into ``places`` (doc._.rp_places) of the event's place, or None.

    ``trigger`` is the (start, end) character span of the event trigger. ``levels`` limits
    how far to look: S syntax, F sentence (inside a locative phrase), L sentence (any place
    that is not a modifier), P paragraph, A article focus; stop at the first that is absent.
    ``method="model"`` (default) replaces the sentence levels S/F/L by the learned scorer
    (``score_places``); ``method="rules"`` uses the rule levels only.
    """
    if method == "model" and _weights() is not None:
        probs = score_places(doc, trigger, places)
        scored = [(p, i) for i, p in enumerate(probs) if p is not None]
        above = [(p, i) for p, i in scored if p >= threshold()]
        if above:
            # Several plausible scenes ("in Zafaraniyah, in Baghdad"): the most specific one;
            # of a coordination ("in Yala and Pattani"), its first member.
            best = min(above, key=lambda pi: (SPECIFICITY.get(places[pi[1]].get("precision"), 2), -pi[0]))[1]
            return coordinated(doc, places, best)[0]
        # The scorer rejected the sentence's places ("U.S. soldiers shot ..."): look only
        # beyond the sentence, at the paragraph and the article's focus.
        rejected = {i for _, i in scored}
        index_map = [i for i, p in enumerate(places) if p.get("role", "place") == "place" and i not in rejected]
        chosen = _link(doc, trigger, [places[i] for i in index_map], LOCATIVE_PREPS, True, True, levels)
        return None if chosen is None else index_map[chosen]
    usable = [p if p.get("role", "place") == "place" else None for p in places]
    index_map = [i for i, p in enumerate(usable) if p is not None]
    chosen = _link(doc, trigger, [places[i] for i in index_map], LOCATIVE_PREPS, True, True, levels)
    return None if chosen is None else index_map[chosen]


# -- learned place scorer ------------------------------------------------------------------
# A logistic regression over a few dozen syntactic features of (trigger, place) pairs,
# trained on the event_location data (see reportedly.eval.event_location.train_linker and
# docs/places.md). Its weights are a small JSON dict, scored with dict lookups at run time.


def _governing_prep(span: Span) -> str:
    tok = span.root
    for _ in range(3):
        if tok.dep_ == "pobj":
            return tok.head.lower_
        if tok.dep_ not in ("compound", "conj", "appos") or tok.head.i == tok.i:
            break
        tok = tok.head
    return "none"


def _verbs_between(doc: Doc, a: int, b: int) -> int:
    lo, hi = min(a, b), max(a, b)
    return sum(1 for t in doc[lo + 1:hi] if t.pos_ == "VERB")


def place_features(doc: Doc, trig: Token, heads: list[Token], span: Span, item: dict,
                   rank: int, n: int) -> dict[str, float]:
    """Features of one candidate place for one trigger (all binary, JSON-safe names)."""
    root = span.root
    after = span.start > trig.i
    gap = (span.start - trig.i) if after else (trig.i - span.end + 1)
    dist = "0-2" if gap <= 2 else "3-5" if gap <= 5 else "6-10" if gap <= 10 else "11+"
    attached = any(_attached(h, root, LOCATIVE_PREPS) for h in heads)
    sent_start, sent_end = _sent_bounds(doc, trig.i)
    same_sent = sent_start <= span.start < sent_end
    source = (item.get("reason") or "pn;").split(";")[0]
    verbs = min(_verbs_between(doc, trig.i, span.start), 3)
    words = (item.get("text") or "").split()
    f = {
        "bias": 1.0,
        f"attached={attached}": 1.0,
        f"framed={_has_prep_before(span, LOCATIVE_PREPS)}": 1.0,
        f"prep={_governing_prep(span)}": 1.0,
        f"dep={root.dep_}": 1.0,
        f"headpos={root.head.pos_}": 1.0,
        f"dist={dist}": 1.0,
        f"after={after}": 1.0,
        f"after_dist={after}|{dist}": 1.0,
        f"verbs_between={verbs}": 1.0,
        f"same_sent={same_sent}": 1.0,
        f"precision={item.get('precision')}": 1.0,
        f"source={source}": 1.0,
        f"ent={root.ent_type_ or 'none'}": 1.0,
        f"trig_pos={trig.pos_}": 1.0,
        f"trig_dep={trig.dep_}": 1.0,
        f"rank={min(rank, 2)}": 1.0,
        f"n={min(n, 4)}": 1.0,
        f"attached_precision={attached}|{item.get('precision')}": 1.0,
        f"head_place_noun={_head_place_noun(span)}": 1.0,
        f"possessor={root.dep_ == 'poss' and root.head.pos_ in ('NOUN', 'PROPN')}": 1.0,
        f"len={min(len(span), 3)}": 1.0,
        f"cased={span[0].is_title or span[0].is_upper}": 1.0,
        f"conj_of_place={root.dep_ == 'conj'}": 1.0,
        # Whether a verb takes a scene at all is lexical: "killed", "clashed" usually do;
        # "said", "condemned", "called for" rarely do (43% of the training verbs have none).
        f"trig_lemma={trig.lemma_.lower()}": 1.0,
        f"trig_lemma_attached={trig.lemma_.lower()}|{attached}": 1.0,
        # What the place's phrase hangs off ("president of France", "arrived from Kabul").
        f"governor={_governor(root)}": 1.0,
        f"trig_head={trig.head.lemma_.lower() if trig.head.i != trig.i else 'root'}": 1.0,
        f"place_prev={doc[span.start - 1].lower_ if span.start else 'none'}": 1.0,
        f"path={_path(trig, root)}": 1.0,
        f"trig_prep={trig.lemma_.lower()}|{_governing_prep(span)}": 1.0,
        f"path_pos={trig.pos_}|{_path(trig, root)}": 1.0,
        # Any proper noun is a candidate in the event-location evaluation ("pn-person",
        # "pn-org"): whether one is a place depends on where it stands, per source.
        f"source_attached={source}|{attached}": 1.0,
        f"source_prep={source}|{_governing_prep(span)}": 1.0,
        f"source_dep={source}|{root.dep_}": 1.0,
        f"tail={span[-1].lower_ if span[-1].lower_ in FACILITY_TAILS else 'other'}": 1.0,
        # The name's last word and the two words before it: names recur across reports, each
        # with its own odds of being the scene, and so do the phrases that introduce one ("the
        # town of", "clashes in"). Tune subset, out of fold: token F1 0.752 -> 0.769, the
        # pipeline's 0.659 -> 0.674 (docs/places.md).
        f"last={words[-1].lower() if words else 'none'}": 1.0,
        f"prev2={doc[span.start - 2].lower_ if span.start > 1 else 'none'}|"
        f"{doc[span.start - 1].lower_ if span.start else 'none'}": 1.0,
    }
    return f


def _path(trig: Token, target: Token) -> str:
    """Dependency labels from the place up to the trigger ("pobj/prep"), or "far" when the
    trigger is not among its first four ancestors."""
    labels, tok = [], target
    for _ in range(4):
        if tok.i == trig.i:
            return "/".join(labels) or "self"
        labels.append(tok.dep_)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return "/".join(labels) if tok.i == trig.i else "far"


def _governor(root: Token) -> str:
    """Lemma of the word a place's phrase attaches to: the preposition's head for "in X"."""
    head = root.head.head if root.dep_ == "pobj" else root.head
    return head.lemma_.lower() if head.i != root.i else "none"


# Capitalised nouns that continue a place name ("Deir Ezzor Governorate", "Bardo Museum").
TITLE_TAILS = frozenset("""
province governorate district region county state city town village camp suburb neighborhood
neighbourhood museum hospital airport airbase base prison castle gorge valley mountains mountain
square street road bridge mosque church university farms farm junction market palace stadium
""".split())
# Capitalised nouns that end a facility or district name wherever it stands ("stormed the
# Heart Hospital", "Hikmah Hill"): TITLE_TAILS plus a few that rarely follow a known place.
FACILITY_TAILS = TITLE_TAILS | frozenset("""
hill hills fields field range complex project row island islands mount hotel school plant
checkpoint crossing refinery compound quarter
""".split())

# Nouns that make the phrase around a name a place ("Vedeno region", "the town of Jenin").
PLACE_NOUNS = frozenset("""
town towns city cities village villages district districts province provinces region area areas
neighborhood neighbourhood suburb suburbs outskirts countryside governorate localities locality
camp camps street road highway square market mosque church hospital school university
residence home house base airport border checkpoint valley junction station prison
""".split())


def _head_place_noun(span: Span) -> str:
    """"of" when the name follows "<place noun> of", "head" when a place noun follows it."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_NOUNS:
        return "of"
    if root.dep_ == "compound" and root.head.lemma_.lower() in PLACE_NOUNS:
        return "head"
    if span.end < len(span.doc) and span.doc[span.end].lower_ in PLACE_NOUNS:
        return "next"
    return "none"


@lru_cache(maxsize=1)
def _weights() -> dict | None:
    try:
        return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None  # fall back to the rule levels; the weights ship with the package


def candidate_features(doc: Doc, trigger: tuple[int, int], places: list[dict]) -> list[tuple[int, dict]]:
    """(index, features) for each place in the trigger's sentence (demonyms excluded)."""
    trig = _token_at(doc, *trigger)
    if trig is None:
        return []
    heads = [trig] + (list(trig.conjuncts) if trig.pos_ in ("VERB", "AUX") else [])
    sent_start, sent_end = _sent_bounds(doc, trig.i)
    cands = []
    for i, p in enumerate(places):
        span = _span_of(doc, p)
        if p.get("role", "place") != "place" or span is None or not len(span):
            continue
        if sent_start <= span.start < sent_end:
            cands.append((i, span))
    cands.sort(key=lambda c: abs(c[1].start - trig.i))
    out = [(i, place_features(doc, trig, heads, span, places[i], rank, len(cands)))
           for rank, (i, span) in enumerate(cands)]
    # Competition: a place loses likelihood when another one hangs off the trigger.
    attached = [f["attached=True"] == 1.0 if "attached=True" in f else False for _, f in out]
    for k, (_, f) in enumerate(out):
        others = sum(attached) - int(attached[k])
        f[f"other_attached={min(others, 2)}|{attached[k]}"] = 1.0
    return out


def record_features(doc: Doc, trigger: tuple[int, int], n: int) -> dict[str, float]:
    """Features of the trigger alone, for the "no place" option of the choice model: whether
    the verb takes a scene at all ("said", "would attack", "did not clash" rarely do; a
    locative phrase with no name, "in the village", says the scene is unnamed)."""
    trig = _token_at(doc, *trigger)
    if trig is None:
        return {"no_trigger": 1.0}
    kids = list(trig.children)
    locpp = [c for c in kids if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS
             and any(g.dep_ == "pobj" for g in c.children)]
    f = {
        f"tag={trig.tag_}": 1.0,
        f"neg={any(c.dep_ == 'neg' for c in kids)}": 1.0,
        f"locpp={bool(locpp)}": 1.0,
        f"aux={'|'.join(sorted(c.lemma_.lower() for c in kids if c.dep_ in ('aux', 'auxpass')))}": 1.0,
        f"nc={min(n, 5)}": 1.0,
        f"lemma_tag={trig.lemma_.lower()}|{trig.tag_}": 1.0,
    }
    for noun in [g.lemma_.lower() for c in locpp for g in c.children if g.dep_ == "pobj"][:2]:
        f[f"locnoun={noun}"] = 1.0
    return f


def score_places(doc: Doc, trigger: tuple[int, int], places: list[dict]) -> list[float | None]:
    """Probability that each place is where the trigger's event happened (None for
    demonyms, places outside the trigger's sentence, or when no weights are installed).

    The mean of two models over the same features: a per-candidate logistic regression, and a
    choice among the sentence's candidates and "no place" (a softmax; the "no place" option
    scored by ``record_features``), which weighs each place against the others and decides
    whether the event has a named place at all. Tune subset, out of fold: token F1 0.769 ->
    0.776, the pipeline's 0.695 -> 0.704 (docs/places.md)."""
    weights = _weights()
    out: list[float | None] = [None] * len(places)
    if weights is None:
        return out
    coef, intercept = weights["coef"], weights["intercept"]
    feats = candidate_features(doc, trigger, places)
    for i, f in feats:
        z = intercept + sum(coef.get(k, 0.0) * v for k, v in f.items())
        out[i] = 1.0 / (1.0 + math.exp(-z))
    choice = weights.get("choice")
    if choice and feats:
        ccoef = choice["coef"]
        u = [sum(ccoef.get(k, 0.0) * v for k, v in f.items()) for _, f in feats]
        none = choice["none_intercept"] + sum(choice["none_coef"].get(k, 0.0) * v
                                              for k, v in record_features(doc, trigger, len(feats)).items())
        top = max(max(u), none)
        exps = [math.exp(x - top) for x in u]
        total = sum(exps) + math.exp(none - top)
        for (i, _), e in zip(feats, exps):
            out[i] = (out[i] + e / total) / 2
    return out


def threshold() -> float:
    """Probability above which a scored place counts as the event's place."""
    weights = _weights()
    return weights.get("threshold", 0.5) if weights else 0.5


def coordinated(doc: Doc, places: list[dict], index: int) -> list[int]:
    """The chosen place plus places coordinated with it ("in Yala and Pattani")."""
    span = _span_of(doc, places[index])
    if span is None:
        return [index]
    conj = {t.i for t in span.root.conjuncts}
    out = [index]
    for i, p in enumerate(places):
        other = _span_of(doc, p)
        if i != index and other is not None and other.root.i in conj and p.get("role", "place") == "place":
            out.append(i)
    return sorted(out)


def link_date(doc: Doc, trigger: tuple[int, int], dates: list[dict]) -> int | None:
    """Index into ``dates`` (doc._.rp_dates) of the event's date, or None."""
    return _link(doc, trigger, dates, TEMPORAL_PREPS, False, False)
