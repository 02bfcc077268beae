"""reportedly_events: event mentions with PLOVER type/mode, ACLED type, actors and modality.

Last component of the pipeline; writes ``doc._.rp_events`` (shape in extensions.py),
reading what the earlier components wrote (any of them may be absent -> None/[]).

How an article becomes events:

1. Triggers: one dict lookup per token (lemma, then lower-case form) in the trigger
   lexicon (event_lexicon.py) plus a Matcher over multi-word triggers ("tear gas",
   "called for", "took into custody"). Light verbs are not triggers; their noun is
   ("staged a protest", "carried out arrests").
2. Type and mode: the lexicon entry matching the part of speech, refined by modifiers
   ("air strike" -> ASSAULT/aerial, "hunger strike" -> PROTEST/hunger).
3. Actors (actors.py) from the parse; "weak" triggers (rushed, patrolled, dispersed)
   count only with a police/army source.
4. Modality (event_modality.py); threats and demands become THREATEN/REQUEST events
   whose mode comes from the act ("threatened to arrest" -> THREATEN/restrict).
5. Causes absorb their results: "killed in an air strike" is one event.
6. Links to quantities (event_links.py, by their ``head``), place and date
   (reportedly.nlp.linking).
7. ACLED type (acled.py) and within-article coreference (event_coref.py).

The per-candidate rules of steps 2-5 live in event_rules.py.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from .acled import acled_for
from .actors import find_actors
from .attribution_cues import anonymity_formula
from .event_coref import merge_coreferent
from .event_lexicon import (AID_OBJECTS, AMBIGUOUS_STRIKE, BASE_OBJECTS, INACTION_TRIGGERS,
                            MODE_MODIFIERS, REQUEST_MODE, SECURITY_VERBS, THREAT_MODE, TRIGGERS,
                            VICTIM_WORDS, WEAK_TRIGGERS)
from .event_links import link_quantities
from .event_modality import is_spoken_threat, modality_of
from .event_rules import (FORCE_SECTORS, NOUN, absorb_instruments, absorb_results, entry,
                          nearby_security, refine_by_actors, strike, verbal_type)
from .extensions import doc_text, register_extensions, span_dict
from .linking import link_date, link_place

_SKIP_LEMMAS = {"say", "tell", "report"}
_NAME_ENTS = {"ORG", "PERSON", "GPE", "FAC", "WORK_OF_ART", "LAW", "NORP", "EVENT"}
# Weak triggers that even in the passive need a named security agent ("bodies were found").
_NEEDS_AGENT = {"find", "recover", "search", "reach", "arrive", "lock", "block", "stop", "prevent"}


class EventsComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        # Two PhraseMatchers (hash lookups, much cheaper than a token Matcher): one on the
        # lower-cased words as written ("took into custody"), one on lemmas, whose patterns
        # are built with the lexicon's base forms as lemmas ("take into custody").
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma_matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.phrases: dict[str, tuple[str, tuple[str, str | None], str]] = {}
        for kind, table in (("strong", TRIGGERS), ("weak", WEAK_TRIGGERS), ("inaction", INACTION_TRIGGERS)):
            for key, entries in table.items():
                words = key.replace("-", " - ").split()
                if len(words) < 2:
                    continue
                label = f"{kind}|{key}"
                self.phrases[label] = (kind, (entries[0][0], entries[0][1]), key)
                pattern = Doc(nlp.vocab, words=words, lemmas=words)
                self.lower_matcher.add(label, [pattern])
                self.lemma_matcher.add(label, [pattern])

    # ------------------------------------------------------------------ candidates
    def _candidates(self, doc: Doc) -> list[dict]:
        cands: dict[int, dict] = {}
        covered: set[int] = set()
        found = set(self.lower_matcher(doc)) | set(self.lemma_matcher(doc))
        matches = sorted(found, key=lambda m: (m[1], -(m[2] - m[1])))
        for match_id, start, end in matches:
            if any(i in covered for i in range(start, end)):
                continue
            kind, (typ, mode), _key = self.phrases[doc.vocab.strings[match_id]]
            span = doc[start:end]
            covered.update(range(start, end))
            cands[span.root.i] = {"root": span.root, "start": span.start_char, "end": span.end_char,
                                  "type": typ, "mode": mode, "kind": kind}
        for tok in doc:
            if tok.i in covered or tok.is_punct or tok.like_num:
                continue
            lemma, low = tok.lemma_.lower(), tok.lower_
            if lemma in _SKIP_LEMMAS or low == "according" or tok.ent_type_ in ("DATE", "TIME"):
                continue
            if anonymity_formula(tok):
                continue  # "a spokesperson, who asked not to be named": no request, a reporter's formula
            if lemma == "apprehend" and tok.tag_ == "VBG":
                continue  # "apprehending trouble" is fearing it
            if low in ("march", "may") and (tok.nbor(-1).like_num if tok.i > 0 else False
                                            or tok.i + 1 < len(doc) and tok.nbor(1).like_num):
                continue  # "1 March 2019", "March 3"
            # Names are not events: "Asia-Pacific Economic Cooperation" (clean text only).
            if tok.ent_type_ in _NAME_ENTS and tok.is_title:
                continue
            if lemma in ("send", "provide", "give", "deliver", "supply", "ship") and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in AID_OBJECTS for c in tok.children):
                cands[tok.i] = {"root": tok, "start": tok.idx, "end": tok.idx + len(tok.text),
                                "type": "AID", "mode": None, "kind": "strong"}
                continue
            if lemma == "security" and tok.head.lemma_.lower() in SECURITY_VERBS \
                    and tok.dep_ in ("nsubjpass", "dobj", "nsubj"):
                cands[tok.i] = {"root": tok, "start": tok.idx, "end": tok.idx + len(tok.text),
                                "type": "MOBILIZE", "mode": "police", "kind": "strong"}
                continue  # "security was stepped up", "tightened security"
            if lemma in ("establish", "set", "open", "build") and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in BASE_OBJECTS for c in tok.children):
                cands[tok.i] = {"root": tok, "start": tok.idx, "end": tok.idx + len(tok.text),
                                "type": "MOBILIZE", "mode": "base", "kind": "strong"}
                continue
            if lemma in AMBIGUOUS_STRIKE or low in AMBIGUOUS_STRIKE or (low == "fire" and tok.pos_ in NOUN):
                hit = strike(tok) if lemma != "raid" or tok.dep_ != "compound" else None
                kind = "strong"
            elif lemma in VICTIM_WORDS or low in VICTIM_WORDS:
                hit, kind = ("ASSAULT", None), "victim"
            else:
                kind, entries = "strong", TRIGGERS.get(lemma) or TRIGGERS.get(low)
                if entries is None:
                    kind, entries = "weak", WEAK_TRIGGERS.get(lemma) or WEAK_TRIGGERS.get(low)
                if entries is None:
                    kind, entries = "inaction", INACTION_TRIGGERS.get(lemma) or INACTION_TRIGGERS.get(low)
                hit = entry(entries, tok) if entries else None
            if hit is None:
                continue
            # "riot police", "bomb squad": a trigger word naming an actor is not an event.
            if tok.dep_ in ("compound", "amod") and tok.head.pos_ in NOUN and tok.head.i != tok.i:
                if tok.head.lemma_.lower() in TRIGGERS or tok.head.lower_ in AMBIGUOUS_STRIKE:
                    continue  # modifier of another trigger: sets its mode below
                if kind != "strong" or hit[0] not in ("ASSAULT", "PROTEST", "COERCE"):
                    continue
                if not tok.head.lemma_.lower() in ("incident", "case", "situation"):
                    continue
            cands[tok.i] = {"root": tok, "start": tok.idx, "end": tok.idx + len(tok.text),
                            "type": hit[0], "mode": hit[1], "kind": kind}
        for c in cands.values():
            if c["type"] == "ASSAULT" and any(ch.lower_ == "sexually" for ch in c["root"].children):
                c["mode"] = "sexual"
            for child in c["root"].children:
                if c["type"] == "ASSAULT" and child.dep_ == "compound" and (
                        child.lower_ in ("teargas", "tear-gas")
                        or child.lower_ == "gas" and any(g.lower_ == "tear" for g in child.children)):
                    c["mode"] = "crowd-control"  # "tear gas shells"
                    continue
                mod = MODE_MODIFIERS.get(child.lemma_.lower())
                if mod and child.dep_ in ("compound", "amod", "nmod") and mod[0] == c["type"]:
                    c["mode"] = mod[1]
        return [cands[i] for i in sorted(cands)]

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        places = doc._.rp_places or []
        dates = doc._.rp_dates or []
        quantities = doc._.rp_quantities or []
        cands = self._candidates(doc)
        by_token = {c["root"].i: c for c in cands}
        for c in cands:
            tok = c["root"]
            if c["type"] == "THREATEN" and _a_warning_of_no_act(tok, by_token):
                c["drop"] = True
                continue
            c["actors"] = find_actors(doc, tok, places, c["type"])
            refine_by_actors(c)
            sources = {a["sector"] for a in c["actors"] if a["role"] == "source"}
            if c["kind"] == "inaction" and not sources:
                c["actors"] = nearby_security(doc, tok, places) + c["actors"]
                sources = {a["sector"] for a in c["actors"] if a["role"] == "source"}
            # Weak triggers are events with a police/army source, or in the agentless
            # passive ("the borders were sealed"), where the authorities are implied.
            implied = not sources and any(ch.dep_ == "auxpass" for ch in tok.children) \
                and not any(ch.dep_ == "agent" for ch in tok.children) \
                and tok.lemma_.lower() not in _NEEDS_AGENT
            # Inaction is also the government's ("the state failed to protect the people").
            allowed = FORCE_SECTORS | ({"government"} if c["kind"] == "inaction" else set())
            if c["kind"] == "weak" and tok.lemma_.lower() in ("block", "barricade") and sources \
                    and not sources & allowed:
                # "farmers blocked the expressway": obstruction as protest, not policing
                c["type"], c["mode"], c["kind"] = "PROTEST", "obstruct", "strong"
            elif c["kind"] in ("weak", "inaction") and not sources & allowed and not implied:
                c["drop"] = True
                continue
            modality, governor = modality_of(tok)
            if c["kind"] == "inaction":
                modality = "negated"
            if c["type"] in ("ASSAULT", "COERCE", "MOBILIZE") and is_spoken_threat(tok):
                c["mode"], c["type"], modality = THREAT_MODE.get(c["type"], "violence"), "THREATEN", "threatened"
            if modality == "threatened" or c["type"] == "THREATEN":
                if c["type"] != "THREATEN":
                    c["mode"] = THREAT_MODE.get(c["type"], "violence")
                    c["type"] = "THREATEN"
                modality = "threatened" if modality in ("asserted", "threatened") else modality
            elif modality == "demanded" and governor is not None and governor.i in by_token \
                    and by_token[governor.i]["type"] == "REQUEST" and by_token[governor.i] is not c:
                # "called for the release": the demand is a REQUEST (its mode from the act);
                # the release stays a RETREAT whose modality is "demanded".
                host = by_token[governor.i]
                host["mode"] = host.get("mode") or REQUEST_MODE.get(c["type"], "change")
            c["type"], c["mode"], modality = verbal_type(tok, c["type"], c["mode"], modality, governor)
            c["modality"] = modality
            # "refused to lift the curfew": the refusal is the event.
            if modality == "negated" and governor is not None and governor.i in by_token \
                    and by_token[governor.i]["type"] == "REJECT" and by_token[governor.i] is not c:
                c["drop"] = True
            # The demand/threat verb is itself a trigger: fold the act into it.
            if governor is not None and governor.i in by_token and modality == "threatened":
                host = by_token[governor.i]
                if host["type"] == c["type"] and host is not c:
                    host["mode"] = host.get("mode") or c["mode"]
                    host["absorbed_modality"] = modality
                    host.setdefault("absorbed", []).append(c)
                    c["drop"] = True
        for c in cands:
            if c.get("absorbed_modality") and not c.get("drop"):
                c["modality"] = c["absorbed_modality"]
            for inner in c.get("absorbed", []):
                c["actors"] = c["actors"] + [a for a in inner["actors"] if a["role"] == "target"
                                             and not any(b["role"] == "target" for b in c["actors"])]
        absorb_results(cands, by_token)
        absorb_instruments(cands, by_token)
        events = []
        for c in cands:
            if c.get("drop") or c["kind"] == "victim":
                continue
            trigger = span_dict(text, c["start"], c["end"])
            mentions = [trigger] + [span_dict(text, m["start"], m["end"]) for m in c.get("results", [])]
            event = {
                "type": c["type"], "mode": c["mode"], "acled": None, "trigger": trigger,
                "mentions": mentions, "actors": c["actors"],
                "place": link_place(doc, (c["start"], c["end"]), places) if places else None,
                "date": link_date(doc, (c["start"], c["end"]), dates) if dates else None,
                "modality": c["modality"], "quantities": [],
                "confidence": round(0.45 + (0.2 if c["kind"] == "strong" else 0.0)
                                    + (0.15 if c["actors"] else 0.0), 2),
            }
            event["acled"] = acled_for(event["type"], event["mode"], event["actors"], event["modality"])
            event["_tokens"] = [c["root"].i] + [m["root"].i for m in c.get("results", [])]
            events.append(event)
        link_quantities(doc, events, quantities)
        for e in events:
            e.pop("_tokens", None)
        doc._.rp_events = merge_coreferent(events, places, dates, text)
        return doc


def _a_warning_of_no_act(tok: Token, by_token: dict[int, dict]) -> bool:
    """"The toll could rise, the hospital source warned": a warning that names no one warned
    and no act (no other event in what it says) is a forecast, not a threat. "warned
    protesters", "warned it would strike", "warned of retaliation" stay threats."""
    if tok.lemma_.lower() != "warn" or tok.pos_ != "VERB":
        return False  # the noun ("issued a warning to the government") keeps its reading
    if any(c.dep_ in ("dobj", "dative", "prep") for c in tok.children):
        return False  # whom it warns, or "warned of retaliation"
    said = [t for c in tok.children if c.dep_ in ("ccomp", "xcomp", "advcl") for t in c.subtree]
    if tok.dep_ in ("parataxis", "advcl", "ccomp") and tok.head.i < tok.i:
        said += list(tok.head.subtree)  # the clause the cue closes
    # a victim word ("the toll could rise") is no act
    return not any(t.i in by_token and t.i != tok.i and by_token[t.i]["kind"] != "victim" for t in said)


def main_event(doc: Doc) -> dict | None:
    """The event nearest the root of the parse (the report's main event), or None.

    Among events in the first sentence that has any, the one whose trigger has the
    shortest path to its sentence root wins; ties go to the earlier trigger.
    """
    events = doc._.rp_events or []
    if not events:
        return None

    def depth(e: dict) -> tuple[int, int, int]:
        span = doc.char_span(e["trigger"]["start"], e["trigger"]["end"], alignment_mode="expand")
        if span is None:
            return (99, 99, e["trigger"]["start"])
        tok, d = span.root, 0
        while tok.head.i != tok.i and d < 30:
            tok, d = tok.head, d + 1
        return (span.sent.start, d, e["trigger"]["start"])

    return min(events, key=depth)


@Language.factory("reportedly_events", assigns=["doc._.rp_events"],
                  requires=["token.dep", "token.lemma"])
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(nlp, name)
