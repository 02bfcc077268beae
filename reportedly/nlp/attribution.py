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

from spacy.language import Language
from spacy.tokens import Doc, Token

from . import attribution_cues as cues
from . import attribution_spans as spans
from .attribution_model import load_model
from .extensions import register_extensions, span_dict
from .speakers import SpeakerResolver


# A cue the scorer is this sure of is kept even with no speaker in the parse and no quote
# ("the plan calls for ...", "is expected to ..."): PolNeAR marks such attributions too.
SPEAKERLESS_MIN_P = 0.8


def _char(doc: Doc, r: spans.Range) -> tuple[int, int]:
    return doc[r[0]].idx, doc[r[1]].idx + len(doc[r[1]].text)


class AttributionComponent:
    def __init__(self, model_path: str | None = None, use_model: bool = True):
        self.model = load_model(model_path) if use_model else None

    def cue_heads(self, doc: Doc) -> tuple[list[Token], set[int]]:
        """Cue head words in order, and the indices of those scored >= SPEAKERLESS_MIN_P."""
        heads: dict[int, Token] = {}
        confident: set[int] = set()
        if self.model is not None:
            for tok, p in self.model.cues(doc):
                heads[tok.i] = tok
                if p >= SPEAKERLESS_MIN_P:
                    confident.add(tok.i)
        for tok in cues.rule_cues(doc):
            heads.setdefault(tok.i, tok)
        return [heads[i] for i in sorted(heads)], confident

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # Doc.text joins every token on each access: read it once
        regions = spans.quote_regions(doc)
        in_quote = {i for a, b in regions for i in range(a, b + 1)}
        sents = list(doc.sents)  # Token.sent walks the Doc on every call: look sentences up once
        sent_starts = [s.start for s in sents]
        breaks = spans.paragraph_breaks(doc)
        resolver = SpeakerResolver(doc)
        statements: list[dict] = []
        taken_cues: set[int] = set()
        heads, confident = self.cue_heads(doc)
        head_ids = {t.i for t in heads}
        for tok in heads:
            if tok.i in taken_cues or cues.so_called(tok):
                continue
            src = spans.source_token(tok)
            content = spans.content_range(tok, src)
            if content is not None:
                content = spans.clip_to_paragraph(content, tok.i, breaks)
                if content[0] > content[1]:
                    content = None
            if content is None:
                content = cues.adjacent_quote(tok, regions, sents[bisect_right(sent_starts, tok.i) - 1])
            if content is None:
                continue
            if not any(a <= content[0] and content[1] <= b for a, b in regions):
                content = spans.drop_trailing_aside(doc, content)
            chain = cues.relay(tok, src, content)
            if chain:
                content = cues.cut_relay(doc, content, chain)
            cue = spans.cue_range(tok, content)
            parse_content = content
            content, quoted = spans.widen_to_quote(content, cue, regions)
            if content[0] <= tok.i <= content[1] and not spans.interrupts(tok, content):
                continue  # the content would swallow its own cue: a parse we cannot use
            taken_cues.update(range(cue[0], cue[1] + 1))
            src_range = spans.source_range(src) if src is not None else None
            if src_range is not None:
                src_range = spans.clip_to_paragraph(src_range, tok.i, breaks)
                if not src_range[0] <= src.i <= src_range[1]:
                    src_range, src = None, None  # the parse ran the speaker into another paragraph
            if src_range and content[0] <= src_range[0] <= content[1] and not spans.interrupts(tok, content):
                src_range, src = None, None
            if quoted:
                content = spans.continue_split_quote(doc, content, cue, regions)
                content = spans.join_preceding_quote(doc, content, cue, regions)
                content = spans.continue_quote_paragraphs(doc, content, regions, breaks)
                content = spans.strip_quote_marks(doc, content)
            if src_range is None and not quoted and tok.lower_ != "according" and not cues.passive(tok) \
                    and tok.i not in confident and tok.lemma_.lower() not in spans.RAISING_VERBS:
                continue  # no speaker and no quote: a parse accident more often than a statement
            c0, c1 = _char(doc, content)
            statement = {
                "source": None, "source_span": None, "via": [],
                "kind": cues.statement_kind(tok, quoted, regions, content),
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
            taken_cues |= cues.decorate(statement, doc, tok, cue, parse_content, chain, regions, resolver,
                                        sents[bisect_right(sent_starts, tok.i) - 1], in_quote)
            statements.append(statement)
        statements.extend(cues.tweet_embeds(doc, text, resolver))
        statements.extend(cues.dash_signed_quotes(doc, text, regions, resolver))
        _mark_nested(statements)
        cues.attach_dates(doc, statements)
        doc._.rp_sources = resolver.sources()
        doc._.rp_statements = statements
        return doc


def _mark_nested(statements: list[dict]) -> None:
    """``nested``: the cue sits inside another statement's content ("A said B told him ...").
    The assembler links such facts to the innermost speaker by containment; PolNeAR, which
    annotates only the outermost attribution, is scored on the others."""
    for st in statements:
        cue = st["cue"] or st["content"]
        st["nested"] = any(
            other is not st and other["content"]["start"] <= cue["start"] and cue["end"] <= other["content"]["end"]
            and not (other["content"]["start"] <= st["content"]["start"] and st["content"]["end"] <= other["content"]["end"]
                     and other["cue"] and st["content"]["start"] <= other["cue"]["start"] < st["content"]["end"])
            for other in statements)


@Language.factory(
    "reportedly_attribution",
    assigns=["doc._.rp_sources", "doc._.rp_statements"],
    default_config={"model_path": None, "use_model": True},
)
def make_attribution(nlp: Language, name: str, model_path: str | None, use_model: bool) -> AttributionComponent:
    register_extensions()
    return AttributionComponent(model_path, use_model)
