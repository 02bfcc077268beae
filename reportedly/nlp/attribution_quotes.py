"""Quotation marks around a content: the quotes of a Doc, and a content widened to them.

A content the parse gives often starts or ends inside a quote; the statement's content is the
whole quote, split quotes ('“A,” he said, “B.”') and quotes running on over paragraphs
included. Ranges are ``(first, last)`` inclusive token indices, as in ``attribution_spans``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .attribution_spans import Range

# "''" both opens and closes in some outlets' house style (''It is over,'' he said).
_OPEN_Q = frozenset({"“", '"', "``", "‘", "''"})
_CLOSE_Q = frozenset({"”", '"', "''", "’"})
# Verbs that introduce the speaker's next remark ('“A,” he said, adding: “B”'). Other asides
# between the parts ('said Ann Roe, who works at the plant. “B”') keep one outer extent.
_NEXT_REMARK = frozenset({"add", "note", "remark", "point", "call"})


def quote_regions(doc: Doc, texts: list[str] | None = None) -> list[Range]:
    """Token ranges strictly inside paired quotation marks, a paragraph at most."""
    regions: list[Range] = []
    open_at: int | None = None
    for i, t in enumerate(texts if texts is not None else [tok.text for tok in doc]):
        if "\n" in t:
            open_at = None
            continue
        if open_at is None and t in _OPEN_Q and t != "’":
            open_at = i
        elif open_at is not None and t in _CLOSE_Q and t != "‘":
            if i - open_at > 1:
                regions.append((open_at + 1, i - 1))
            open_at = None
    return regions


def widen_to_quote(content: Range, cue: Range, regions: list[Range]) -> tuple[Range, bool]:
    """Widen a content range to the quote(s) it starts or ends in; True when the content is
    quoted throughout (a direct quote) rather than an indirect clause with a quoted part."""
    lo, hi = content
    for a, b in regions:
        if b < lo - 1 or a > hi + 2:
            continue
        if a <= cue[0] <= b or a <= cue[1] <= b:
            continue  # the cue itself sits in the quote: the quote is not this content
        if (a <= lo <= b + 1) or (a - 2 <= hi <= b):
            lo, hi = min(lo, a), max(hi, b)
    starts_quoted = any(abs(a - lo) <= 1 and a <= hi for a, _ in regions)
    ends_quoted = any(abs(b - hi) <= 1 and b >= lo for _, b in regions)
    return (lo, hi), starts_quoted and ends_quoted


def continue_split_quote(doc: Doc, content: Range, cue: Range, regions: list[Range]) -> Range:
    """'“A,” he said. “B.”': the quote resumes after the cue in the same paragraph, so the
    content runs on to the end of B (its outer extent, cue inside, as PolNeAR marks it)."""
    if content[1] >= cue[0]:
        return content
    later = [r for r in regions if r[0] > cue[1]]
    if not later:
        return content
    a, b = min(later)
    gap = doc[cue[1] + 1:a]
    if len(gap) > 40 or any("\n" in t.text for t in gap):
        return content
    stop = next((k for k, t in enumerate(gap) if t.text in (".", "!", "?")), None)
    if stop is not None and any(not (t.is_punct or t.is_space) for t in gap[stop + 1:]):
        return content  # '“A,” he says. He adds that “B”': B belongs to the next statement
    if stop is not None and doc[b].text == ",":
        return content  # '“A,” he said. “B,” X reported': B, in a new sentence, has its own speaker
    if any(t.lemma_ in _NEXT_REMARK for t in gap[:stop]):
        return content  # '“A,” he said, adding: “B”': B has its own cue
    return content[0], b


def strip_quote_marks(doc: Doc, content: Range) -> Range:
    """A direct quote's content is the words, not the marks around them."""
    lo, hi = content
    while lo < hi and doc[lo].text in _OPEN_Q:
        lo += 1
    while hi > lo and doc[hi].text in _CLOSE_Q:
        hi -= 1
    return lo, hi


def continue_quote_paragraphs(doc: Doc, content: Range, regions: list[Range], breaks: list[int],
                              attribution: set[int] = frozenset()) -> Range:
    """A quote that closes its paragraph runs on through following paragraphs that are nothing
    but a quote (the speaker keeps talking; PolNeAR marks one content across them). The quote
    may be followed by its own attribution ('“A,” Sanders said.' then a paragraph “B.”):
    ``attribution`` holds the cue and speaker tokens, which do not stop it."""
    lo, hi = content
    starts = {a: b for a, b in regions}
    n = len(doc)
    while True:
        nxt = next((b for b in breaks if b > hi), None)
        if nxt is None or any(not (t.is_punct or t.is_space or t.i in attribution) for t in doc[hi + 1:nxt]):
            return lo, hi
        start = nxt
        while start < n and doc[start].is_space:
            start += 1
        end = next((b for b in breaks if b > start), n)  # the next paragraph is [start, end)
        b = starts.get(start + 1)
        if b is None or doc[start].text not in _OPEN_Q or \
                any(not (t.is_punct or t.is_space) for t in doc[b + 1:end]):
            return lo, hi
        hi = b


def join_preceding_quote(doc: Doc, content: Range, cue: Range, regions: list[Range]) -> Range:
    """'“A,” he said, “B.”' parsed with B as the content: the quote just before the cue opens the
    same statement, so the content starts at A (the outer extent, cue inside)."""
    if content[0] <= cue[1]:
        return content
    before = [r for r in regions if r[1] < cue[0]]
    if not before:
        return content
    a, b = max(before)
    gap = doc[b + 1:content[0]]
    if len(gap) > 14 or any("\n" in t.text or t.text in (".", "!", "?") for t in gap):
        return content
    if a - 1 > 0 and not (doc[a - 2].is_space or doc[a - 2].text in (".", "!", "?")):
        return content  # A must open its sentence, else it is a quoted label ('called them “thugs,” and said')
    return a, content[1]


def _closes_right_before(doc: Doc, region: Range, i: int) -> bool:
    """Does the quote end just before token ``i``, only punctuation and marks between?"""
    between = doc[region[1] + 1:i]
    return 0 < i - region[1] <= 4 and all(t.is_punct for t in between)


def _opens_a_sentence(doc: Doc, region: Range) -> bool:
    """Does the quote follow a full stop (or a paragraph break) the parser did not split on?
    A quoted phrase inside a clause ('became ''the high-water mark,'' he said') does not."""
    mark = region[0] - 1
    if mark < 1:
        return True
    prev = doc[mark - 1].text
    return prev[-1:] in (".", "!", "?") or "\n" in prev


def own_quote(doc: Doc, content: Range, tok_i: int, regions: list[Range]) -> Range:
    """'… 5 a.m. “The whole sky turned orange,” said Irina': a quote that closes right before
    the cue is what the cue reports, even when the parse hangs a longer clause on it (one
    sentence to the parser, "a.m." having eaten the full stop)."""
    for a, b in regions:
        if content[0] < a <= content[1] and b <= content[1] + 1 and _closes_right_before(doc, (a, b), tok_i) \
                and _opens_a_sentence(doc, (a, b)):
            return a, b
    return content


def cut_before_claimed_quote(doc: Doc, content: Range, tok_i: int, regions: list[Range],
                             heads: set[int]) -> Range:
    """An indirect content stops before a quote that another cue right after it reports
    ('told the Herald they heard explosions … “The sky turned orange,” said Irina')."""
    lo, hi = content
    for a, b in regions:
        if lo < a - 1 <= hi and not a <= tok_i <= b and _opens_a_sentence(doc, (a, b)) and any(
                h != tok_i and _closes_right_before(doc, (a, b), h) for h in heads):
            hi = a - 2  # before the opening mark
            while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
                hi -= 1
            return lo, hi
    return content
