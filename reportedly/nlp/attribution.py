"""reportedly_attribution: who says what.

First version: speech verbs over the dependency parse ("X said (that) ...") and
direct quotes. Writes ``doc._.rp_sources`` and ``doc._.rp_statements`` in the
shapes documented in ``extensions.py``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .extensions import register_extensions, span_dict

SPEECH_LEMMAS = frozenset({
    "say", "tell", "claim", "warn", "announce", "add", "note", "state", "insist",
    "report", "write", "tweet", "post", "deny", "argue", "explain", "confirm",
})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CONTENT_DEPS = frozenset({"ccomp", "parataxis"})


def _subtree_span(doc: Doc, tok: Token) -> tuple[int, int]:
    left, right = tok.left_edge.i, tok.right_edge.i + 1
    return doc[left:right].start_char, doc[left:right].end_char


class AttributionComponent:
    def __call__(self, doc: Doc) -> Doc:
        sources: list[dict] = []
        statements: list[dict] = []
        by_name: dict[str, str] = {}
        for tok in doc:
            if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in SPEECH_LEMMAS:
                continue
            subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
            comp = next((c for c in tok.children if c.dep_ in CONTENT_DEPS), None)
            if subj is None or comp is None:
                continue
            s0, s1 = _subtree_span(doc, subj)
            c0, c1 = _subtree_span(doc, comp)
            name = doc.text[s0:s1]
            key = by_name.get(name.lower())
            if key is None:
                key = f"s{len(sources)}"
                by_name[name.lower()] = key
                sources.append({"key": key, "name": name, "kind": "unknown", "description": None,
                                "aliases": [], "mentions": []})
            src = next(s for s in sources if s["key"] == key)
            src["mentions"].append([s0, s1])
            content = span_dict(doc.text, c0, c1)
            quoted = content["text"][:1] in "\"“" if content["text"] else False
            statements.append({
                "source": key, "source_span": span_dict(doc.text, s0, s1), "via": [],
                "kind": "direct" if quoted else "indirect",
                "cue": span_dict(doc.text, tok.idx, tok.idx + len(tok.text)),
                "content": content, "channel": None, "hedges": [], "labels": [], "date": None,
            })
        doc._.rp_sources = sources
        doc._.rp_statements = statements
        return doc


@Language.factory("reportedly_attribution", assigns=["doc._.rp_sources", "doc._.rp_statements"])
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    register_extensions()
    return AttributionComponent()
