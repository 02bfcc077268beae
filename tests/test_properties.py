"""Property tests: for any text, every span indexes the text, and records round-trip through JSON."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportedly import ArticleInput, Failure, Report
from reportedly.records import iter_spans

WORDS = ["police", "said", "killed", "at least", "6", "dozens", "“", "”", '"', "'", "according to", "the",
         "ministry", "Almaty", "on Friday", "early Thursday", "arrested", "4,000", "he", "told", "reporters",
         "protesters", "were", ",", ".", "\n\n", "tweeted", "citing", "Kazakh", "denied", "—", "(@x)", "20 thousand",
         "claimed", "reportedly", "up to", "over", "between", "and", "Lagos", "é", "\u200b", "10^30", "1,2,3,4,5"]
texts = st.lists(st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=8)), min_size=1, max_size=60).map(
    lambda parts: " ".join(parts))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                HealthCheck.too_slow])
@given(text=texts, published=st.sampled_from([None, "2022-01-07", "2019-12-31T23:00:00"]))
def test_any_text_gives_valid_spans_and_round_trips(extractor, text, published):
    [result] = list(extractor.pipe([ArticleInput(text=text, published=published)], on_error="yield"))
    if isinstance(result, Failure):
        assert result.reason in {"empty", "binary", "not_english"}
        return
    text = result.article.text
    for span in iter_spans(result):
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start:span.end] == span.text
    for source in result.sources:
        for start, end in source.mentions:
            assert 0 <= start <= end <= len(text)
    assert Report.model_validate_json(result.to_json()) == result
