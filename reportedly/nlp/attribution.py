"""reportedly_attribution: who says what, through whom, on which channel, how hedged.

Writes ``doc._.rp_sources`` and ``doc._.rp_statements`` (shapes in ``extensions.py``).

How it works (details in docs/attribution.md):

1. Cue words: a trained linear scorer over parse features (``attribution_model.py``) plus
   hand rules for forms the news needs every time (speech verbs, "according to", tweet embeds).
2. Around each cue, the parse gives the speaker and the content (``attribution_spans.py``);
   quotation marks widen the content to the whole quote.
3. Relay chains ("X reported, citing Y"), channel, hedges and scare-quoted labels come from
   the cue's context (``attribution_cues.py``).
4. Speakers are resolved within the article: pronouns and role nouns to the named source they
   refer to, spelling variants and handles merged (``speakers.py``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from . import attribution_cues as cues
from . import attribution_quotes as quotes
from . import attribution_spans as spans
from .attribution_extent import decide_extent, extent_window
from .attribution_filter import (Boundaries, end_features, load_filter, start_features, statement_features,
                                 tail_range)
from .attribution_model import DocView, load_model
from .event_lexicon import TRIGGERS
from .extensions import doc_text, register_extensions, span_dict
from .speakers import SpeakerResolver


# A cue the scorer is this sure of is kept even with no speaker in the parse and no quote
# ("the plan calls for ...", "is expected to ..."): PolNeAR marks such attributions too.
SPEAKERLESS_MIN_P = 0.8


def _char(doc: Doc, r: spans.Range) -> tuple[int, int]:
    return doc[r[0]].idx, doc[r[1]].idx + len(doc[r[1]].text)


@dataclass
class Candidate:
    statement: dict
    filter_feats: list[str]
    bounds: Boundaries
    unmistakable: bool  # kept whatever the filter says


class AttributionComponent:
    """``filter_mode``: "model" keeps the statements the trained statement filter accepts
    (``attribution_filter.py``; falls back to "rules" when no filter is shipped); "rules" keeps
    those with a speaker, a quote, a passive or raising cue, or a confident cue; "all" keeps
    every statement built (training the filter reads ``self.candidates``)."""

    def __init__(self, model_path: str | None = None, use_model: bool = True,
                 filter_path: str | None = None, filter_mode: str = "model",
                 candidate_threshold: float | None = None):
        self.model = load_model(model_path) if use_model else None
        self.filter = load_filter(filter_path) if use_model and filter_mode == "model" else None
        self.filter_mode = "rules" if filter_mode == "model" and self.filter is None else filter_mode
        self.candidate_threshold = candidate_threshold
        if candidate_threshold is None and self.filter is not None:
            self.candidate_threshold = self.filter.candidate_threshold
        # For training, in "all" mode: every statement built for the last Doc, with what the
        # filter and the boundary decisions saw.
        self.candidates: list[Candidate] = []

    def cue_heads(self, doc: Doc, in_quote: set[int], view: DocView) -> tuple[list[Token], dict[int, float]]:
        """Cue head words in order, with the cue scorer's probability for each."""
        heads: dict[int, Token] = {}
        probs: dict[int, float] = {}
        if self.model is not None:
            for tok, p in self.model.cues(doc, self.candidate_threshold, view):
                if p < self.model.threshold and _is_event_word(tok):
                    continue  # "Police fired tear gas": below the scorer's own bar, an act is not a claim
                if tok.tag_ == "VBG" and tok.lemma_.lower() in cues.RELAY_LEMMAS:
                    continue  # "citing the ministry" relays the statement it hangs on; not one itself
                heads[tok.i] = tok
                probs[tok.i] = p
        for tok in cues.rule_cues(doc):
            if tok.i not in heads:
                heads[tok.i] = tok
                if self.model is not None:
                    probs[tok.i] = self.model.prob(view.features(tok.i, tok.i in in_quote))
        return [heads[i] for i in sorted(heads)], probs

    def keep(self, doc: Doc, tok: Token, p: float, src, content, *, kind: str, quoted: bool,
             from_quote: bool, relayed: bool, sure: bool, in_quote: set[int],
             context: tuple[int, int, int]) -> tuple[bool, list[str]]:
        """(keep it?, filter features). Statements the filter rejects are dropped only when
        they are not nested in another statement's content (see ``__call__``); ``sure``:
        ``unmistakable``, kept whatever the filter says."""
        if self.filter_mode == "rules":
            keep = src is not None or quoted or spans.names_its_source(tok) or cues.passive(tok) \
                or p >= SPEAKERLESS_MIN_P or tok.lemma_.lower() in spans.RAISING_VERBS
            return keep, []
        feats = statement_features(doc, tok, p, src, content, kind=kind, quoted=quoted, from_quote=from_quote,
                                   relayed=relayed, cue_in_quote=tok.i in in_quote, context=context)
        if self.filter_mode == "all" or sure:
            return True, feats
        return self.filter.prob(feats) >= self.filter.threshold, feats

    def boundaries(self, doc: Doc, tok: Token, cue: spans.Range, content: spans.Range, kind: str, quoted: bool,
                   source: spans.Range | None, sent: tuple[int, int],
                   head_ids: set[int]) -> tuple[spans.Range, spans.Range, Boundaries]:
        """The learned boundary decisions: which words beside the cue word make the cue
        (``attribution_extent.py``); on an indirect content (``attribution_filter.py``), run on
        to the sentence end and start at the alternative start. Returns the cue and content
        after them, and what the decisions saw."""
        bounds = Boundaries()
        if self.filter_mode == "rules":
            return cue, content, bounds
        decide = self.filter if self.filter_mode == "model" else None
        sent_start, sent_end = sent
        bounds.extent, bounds.cue_word = extent_window(tok, cue, content, source, sent_start, sent_end), tok.i
        if decide and decide.extent_weights:
            cue = decide_extent(decide.extent_weights, tok.i, bounds.extent, decide.extent_threshold)
        if quoted:
            return cue, content, bounds
        tail = tail_range(doc, tok, content, sent_end)
        if tail is not None and any(i in head_ids for i in range(tail[0], tail[1] + 1)):
            tail = None  # "said X had died and accused Y of ...": another cue's statement follows
        if tail is not None:
            bounds.end_feats, bounds.tail_end = end_features(doc, tok, content, tail, kind), tail[1]
        if decide and bounds.end_feats and decide.runs_to_sentence_end(bounds.end_feats):
            content = (content[0], bounds.tail_end)
        alt = spans.alternative_start(tok, content)
        if alt is not None:
            bounds.start_feats, bounds.start_at = start_features(doc, tok, content, *alt, kind), alt[1].left_edge.i
            if alt[0] in ("object-prep", "object-clause", "inner") and cue[1] < content[0]:
                bounds.start_cue_end = bounds.start_at - 1  # "took multiple swipes at": the cue runs to the content
            if decide and decide.starts_elsewhere(bounds.start_feats):
                if bounds.start_cue_end is not None:
                    cue = (cue[0], bounds.start_cue_end)
                content = (bounds.start_at, content[1])
        return cue, content, bounds

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        view = DocView(doc)  # token attributes read once (Token objects are costly to make)
        regions = quotes.quote_regions(doc, view.text)
        in_quote = {i for a, b in regions for i in range(a, b + 1)}
        sents = list(doc.sents)  # Token.sent walks the Doc on every call: look sentences up once
        sent_starts = [s.start for s in sents]
        breaks = spans.paragraph_breaks(doc, view.text)
        resolver = SpeakerResolver(doc)
        statements: list[dict] = []
        self.candidates = []
        verdicts: list[bool] = []  # the filter's verdict on each statement
        taken_cues: set[int] = set()
        heads, probs = self.cue_heads(doc, in_quote, view)
        head_ids = {t.i for t in heads}
        rank = _rank_in_sentence(heads, probs, sent_starts)
        for tok in heads:
            if tok.i in taken_cues or cues.not_a_statement(tok):
                continue
            sent = sents[bisect_right(sent_starts, tok.i) - 1]
            src = spans.source_token(tok)
            if src is not None and spans.negated_speaker(src):
                continue
            content = spans.content_range(tok, src)
            if content is not None:
                content = spans.clip_to_paragraph(content, tok.i, breaks)
                if content[0] == sent.start:
                    content = (spans.skip_dateline(doc, content[0], content[1]), content[1])
                if content[0] > content[1]:
                    content = None
            if content is not None:
                content = quotes.own_quote(doc, content, tok.i, regions)
            from_quote = content is None
            if content is None:
                content = cues.adjacent_quote(tok, regions, sent)
            if content is None:
                continue
            if not from_quote and cues.a_deed(tok, content):
                continue
            if content[0] > tok.i and not any(a <= content[0] and content[1] <= b for a, b in regions):
                # (before its cue, "X stormed a village, killing 11, residents said", the
                # participle is part of what was said)
                content = spans.drop_platform_phrase(doc, spans.drop_trailing_aside(doc, content))
            chain = cues.relay(tok, src, content)
            if chain:
                content = cues.cut_relay(doc, content, chain)
            cue = spans.cue_range(tok, content)
            parse_content = content
            content, quoted = quotes.widen_to_quote(content, cue, regions)
            if not quoted:
                content = quotes.cut_before_claimed_quote(doc, content, tok.i, regions, head_ids)
            if content[0] <= tok.i <= content[1] and not spans.interrupts(tok, content):
                continue  # the content would swallow its own cue: a parse we cannot use
            src_range = spans.source_range(src) if src is not None else None
            if src_range is not None:
                src_range = spans.clip_to_paragraph(src_range, tok.i, breaks)
                if not src_range[0] <= src.i <= src_range[1]:
                    src_range, src = None, None  # the parse ran the speaker into another paragraph
            if src_range and content[0] <= src_range[0] <= content[1] and not spans.interrupts(tok, content):
                src_range, src = None, None
            if quoted or any(abs(b - content[1]) <= 1 for _, b in regions):
                # (also a content that only ends in a quote: 'The deal “looks out for X,”
                # Sanders wrote. “That is unacceptable.”')
                content = quotes.continue_split_quote(doc, content, cue, regions)
            if quoted:
                content = quotes.join_preceding_quote(doc, content, cue, regions)
                attribution = set(range(cue[0], cue[1] + 1))
                if src_range is not None and content[1] < src_range[0]:
                    attribution |= set(range(src_range[0], src_range[1] + 1))
                content = quotes.continue_quote_paragraphs(doc, content, regions, breaks, attribution)
                content = quotes.strip_quote_marks(doc, content)
            kind = cues.statement_kind(tok, quoted, regions, content)
            speaker = src if src_range is not None else None
            sure = unmistakable(doc, tok, speaker, content, quoted, bool(chain))
            keep, feats = self.keep(doc, tok, probs.get(tok.i, 1.0), speaker,
                                    content, kind=kind, quoted=quoted, from_quote=from_quote,
                                    relayed=bool(chain), sure=sure, in_quote=in_quote,
                                    context=(*rank[tok.i], sum(1 for i in head_ids if content[0] <= i <= content[1])))
            if not keep and self.filter_mode == "rules":
                continue  # no speaker and no quote: a parse accident more often than a statement
            cue, content, bounds = self.boundaries(doc, tok, cue, content, kind, quoted, src_range,
                                                   (sent.start, sent.end), head_ids)
            if not quoted and content[0] > tok.i:
                content = spans.drop_platform_phrase(doc, content)  # the end decision may have run on to it
            if keep:  # a statement the filter rejects does not claim its words from other cues
                taken_cues.update(range(cue[0], cue[1] + 1))
            c0, c1 = _char(doc, content)
            statement = {
                "source": None, "source_span": None, "via": [],
                "kind": kind,
                "cue": span_dict(text, *_char(doc, cue)),
                "content": span_dict(text, c0, c1),
                "channel": None, "hedges": [], "labels": [], "date": None,
            }
            if src_range is not None:
                s0, s1 = _char(doc, spans.source_mention(src, src_range, cue, content, breaks, head_ids))
                statement["source_span"] = span_dict(text, s0, s1)
                statement["source"] = resolver.resolve(src_range, src, cue_head=tok)
                rel = spans.relative_subject(tok)
                if rel is not None:  # "the minister, who said": the mention is "who", the source the minister
                    statement["source_span"] = span_dict(text, *_char(doc, (rel.i, rel.i)))
                relayer = cues.quoted_by(src)
                if relayer is not None and not chain:  # "the bureau, quoted by the state news agency, said"
                    statement["via"] = [resolver.resolve(cues.noun_phrase(relayer), relayer, cue_head=tok)]
            relay_words = cues.decorate(statement, doc, tok, cue, parse_content, chain, regions, resolver,
                                        sent, in_quote)
            if keep:
                taken_cues |= relay_words
            statements.append(statement)
            if self.filter_mode == "all":
                self.candidates.append(Candidate(statement, feats, bounds, sure))
            verdicts.append(keep)
        if self.filter_mode == "model":
            # The filter learned from PolNeAR, which annotates only the outermost attribution of
            # each passage: it has no say over statements nested in another's content ("the
            # mayor said a commander had told him ..."), which our users need for provenance.
            accepted = [st for st, ok in zip(statements, verdicts) if ok]
            # ... but a nested statement the filter rejects needs a speaker: "complaints | of
            # ill-treatment" inside the ombudsman's words is no one's statement.
            # (and one the filter accepts too: nested, it adds provenance only through a speaker)
            statements = [st for st, ok in zip(statements, verdicts)
                          if (ok or nested_in(st, accepted)) and (st["source"] is not None or not nested_in(st, accepted))]
            used = {k for st in statements for k in [st["source"], *st["via"]] if k}
            resolver.keep_only(used)  # the speakers of rejected statements are not sources
        if self.filter_mode != "all":  # (training reads every statement as built)
            statements = fold_according_to(statements)
        # An embed line under a paragraph whose quote the parse already gave this speaker
        # ('"…," Tursunov wrote on X.' then '— Almaz Tursunov (@TursunovKG) …') adds the
        # handle, not a second statement.
        statements.extend(st for st in cues.tweet_embeds(doc, text, resolver) if not any(
            o["source"] == st["source"] and o["content"]["start"] < st["content"]["end"]
            and st["content"]["start"] < o["content"]["end"] for o in statements))
        statements.extend(cues.dash_signed_quotes(doc, text, resolver))
        mark_nested(statements)
        cues.attach_dates(doc, statements)
        doc._.rp_sources = resolver.sources()
        doc._.rp_statements = statements
        return doc


def _rank_in_sentence(heads: list[Token], probs: dict[int, float], sent_starts: list[int]) -> dict[int, tuple[int, int]]:
    """For each cue head: (its rank by cue probability among its sentence's heads, how many
    heads the sentence has): a sentence rarely holds two attributions."""
    by_sent: dict[int, list[int]] = {}
    for t in heads:
        by_sent.setdefault(bisect_right(sent_starts, t.i), []).append(t.i)
    out = {}
    for ids in by_sent.values():
        ordered = sorted(ids, key=lambda i: -probs.get(i, 1.0))
        for r, i in enumerate(ordered):
            out[i] = (r, len(ids))
    return out


def _is_event_word(tok: Token) -> bool:
    """A trigger of our event lexicon (fire, pass, arrest, ...) that is no speech verb."""
    lemma = tok.lemma_.lower()
    return lemma in TRIGGERS and lemma not in cues.SPEECH_LEMMAS


# Speech verbs whose object is itself the claim in unrest reporting: a threat, a demand, a
# denial, an accusation. PolNeAR, politics news, often leaves "threatened X" unannotated.
STANCE_VERBS = frozenset({"threaten", "demand", "deny", "vow", "warn", "accuse", "claim", "urge",
                          "pledge", "promise", "allege"})


def unmistakable(doc: Doc, tok: Token, src: Token | None, content: spans.Range, quoted: bool,
                 relayed: bool = False) -> bool:
    """A statement whatever the filter says: a speech verb with a speaker and a quote, a
    "that" clause ("The opposition posted on Telegram that ..."), a relay ("..., Kazakh media
    reported, citing the Interior Ministry") or the clause it closes ("The army withdrew, the
    ministry said"). PolNeAR's politics news rarely has the social-media verbs and relayed
    figures our users' reports are full of."""
    if src is None or not cues.is_speech_cue(tok):
        return False
    if tok.lemma_.lower() in STANCE_VERBS or spans.toll_object(tok) is not None:
        return True  # "It threatened more attacks", "The union demanded the minister's release"
    return quoted or relayed or doc[content[0]].lower_ == "that" or (content[1] < tok.i and content[1] - content[0] >= 3)


def fold_according_to(statements: list[dict]) -> list[dict]:
    """'Seven were killed, the health ministry said, according to the news agency Kabar': one
    statement, the ministry's, relayed by Kabar (``via``), not Kabar's report of a sentence
    that holds the ministry's."""
    out = []
    for a in statements:
        if a["kind"] == "according_to" and a["source"] and a["cue"]:
            inner = next((b for b in statements if b is not a and b["source"] and b["cue"]
                          and b["source"] != a["source"]
                          and a["content"]["start"] <= b["cue"]["start"] and b["cue"]["end"] <= a["content"]["end"]
                          and a["content"]["start"] <= b["content"]["start"]
                          and b["content"]["end"] <= a["content"]["end"]), None)
            if inner is not None:
                inner["via"] = inner["via"] + [k for k in [a["source"], *a["via"]] if k not in inner["via"]]
                continue
        out.append(a)
    return out


def mark_nested(statements: list[dict]) -> None:
    """``nested``: the cue sits inside another statement's content ("A said B told him ...").
    The assembler links such facts to the innermost speaker by containment; PolNeAR, which
    annotates only the outermost attribution, is scored on the others."""
    for st in statements:
        st["nested"] = nested_in(st, statements)


def nested_in(st: dict, others: list[dict]) -> bool:
    """Does ``st``'s cue (or content, when it has no cue) sit inside one of ``others``' contents?"""
    cue = st["cue"] or st["content"]
    return any(
        other is not st and other["content"]["start"] <= cue["start"] and cue["end"] <= other["content"]["end"]
        and not (other["content"]["start"] <= st["content"]["start"] and st["content"]["end"] <= other["content"]["end"]
                 and other["cue"] and st["content"]["start"] <= other["cue"]["start"] < st["content"]["end"])
        for other in others)


@Language.factory(
    "reportedly_attribution",
    assigns=["doc._.rp_sources", "doc._.rp_statements"],
    default_config={"model_path": None, "use_model": True, "filter_path": None, "filter_mode": "model",
                    "candidate_threshold": None},
)
def make_attribution(nlp: Language, name: str, model_path: str | None, use_model: bool, filter_path: str | None,
                     filter_mode: str, candidate_threshold: float | None) -> AttributionComponent:
    register_extensions()
    return AttributionComponent(model_path, use_model, filter_path, filter_mode, candidate_threshold)
