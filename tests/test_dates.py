"""reportedly_dates: the gold set gate (>= 95% exact intervals) and one test per pattern."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from reportedly.nlp import date_rules as R
from reportedly.nlp.dates import find_dates

GOLD = Path(__file__).parent / "dates_gold.jsonl"
FRIDAY = "2022-01-07"  # publication date used by the unit tests: a Friday


def _dates(nlp, text: str, published: str | None = FRIDAY) -> list[dict]:
    doc = nlp(text)
    doc._.rp_published = published
    return find_dates(doc)


def _one(nlp, text: str, expr: str, published: str | None = FRIDAY) -> tuple[str, str, str]:
    found = [d for d in _dates(nlp, text, published) if d["text"] == expr]
    assert found, f"{expr!r} not found in {_dates(nlp, text, published)}"
    d = found[0]
    assert text[d["start"]:d["end"]] == d["text"]
    return d["earliest"], d["latest"], d["precision"]


def test_gold_set_at_least_95_percent(nlp) -> None:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 60
    wrong = []
    for row in rows:
        got = [d for d in _dates(nlp, row["text"], row["published"]) if d["text"] == row["expr"]]
        want = (row["earliest"], row["latest"], row["precision"])
        if not got or (got[0]["earliest"], got[0]["latest"], got[0]["precision"]) != want:
            wrong.append((row["text"], row["expr"], want, got))
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= 0.95, f"accuracy {accuracy:.3f}; wrong: {wrong}"


@pytest.mark.parametrize(
    "text, expr, expected",
    [
        ("Troops fired on January 5.", "January 5", ("2022-01-05", "2022-01-05", "day")),
        ("Troops fired on 5 January 2022.", "5 January 2022", ("2022-01-05", "2022-01-05", "day")),
        ("Troops fired on Jan. 5, witnesses said.", "Jan. 5", ("2022-01-05", "2022-01-05", "day")),
        ("The order is dated 2022-01-05.", "2022-01-05", ("2022-01-05", "2022-01-05", "day")),
        ("The riots of March 2002 left scars.", "March 2002", ("2002-03-01", "2002-03-31", "month")),
        ("Talks failed on December 30.", "December 30", ("2021-12-30", "2021-12-30", "day")),
        ("Crowds gathered on Friday.", "Friday", ("2022-01-07", "2022-01-07", "day")),
        ("Crowds gathered on Monday.", "Monday", ("2022-01-03", "2022-01-03", "day")),
        ("Shots rang out early Thursday.", "early Thursday",
         ("2022-01-06T00:00:00", "2022-01-06T11:59:59", "part_of_day")),
        ("Shops were looted late Saturday.", "late Saturday",
         ("2022-01-01T12:00:00", "2022-01-01T23:59:59", "part_of_day")),
        ("A bomb exploded on Sunday evening.", "Sunday evening",
         ("2022-01-02T18:00:00", "2022-01-02T23:59:59", "part_of_day")),
        ("Troops arrived Thursday night.", "Thursday night",
         ("2022-01-06T18:00:00", "2022-01-07T05:59:59", "part_of_day")),
        ("Activists were held last week.", "last week", ("2021-12-27", "2022-01-02", "week")),
        ("The ban was imposed earlier this month.", "earlier this month", ("2022-01-01", "2022-01-06", "month")),
        ("Tension rose in recent days.", "recent days", ("2021-12-31", "2022-01-07", "approximate")),
        ("Arrests continued over the previous several days.", "the previous several days",
         ("2021-12-31", "2022-01-07", "approximate")),
        ("Police fired yesterday.", "yesterday", ("2022-01-06", "2022-01-06", "day")),
        ("Police fired today.", "today", ("2022-01-07", "2022-01-07", "day")),
        ("Fires burned overnight.", "overnight", ("2022-01-06T18:00:00", "2022-01-07T05:59:59", "part_of_day")),
        ("Fires burned last night.", "last night", ("2022-01-06T18:00:00", "2022-01-07T05:59:59", "part_of_day")),
        ("Calm returned this morning.", "this morning",
         ("2022-01-07T06:00:00", "2022-01-07T11:59:59", "part_of_day")),
        ("It began two days ago.", "two days ago", ("2022-01-05", "2022-01-05", "day")),
        ("Prices rose last month.", "last month", ("2021-12-01", "2021-12-31", "month")),
        ("Prices rose last year.", "last year", ("2021-01-01", "2021-12-31", "year")),
        ("Unions will strike on Monday.", "Monday", ("2022-01-10", "2022-01-10", "day")),
        ("Organisers called for a shutdown on Monday.", "Monday", ("2022-01-10", "2022-01-10", "day")),
        ("The police said on Monday they had called for calm.", "Monday", ("2022-01-03", "2022-01-03", "day")),
        ("The curfew stays in force until January 19.", "January 19", ("2022-01-19", "2022-01-19", "day")),
        ("The vote was held last Friday.", "last Friday", ("2021-12-31", "2021-12-31", "day")),
        ("the police opened fire on friday evening.", "friday evening",
         ("2022-01-07T18:00:00", "2022-01-07T23:59:59", "part_of_day")),
        ("Fighting spread in mid-2021.", "mid-2021", ("2021-05-01", "2021-08-31", "approximate")),
        ("It was announced on 06/01/2022.", "06/01/2022", ("2022-01-06", "2022-01-06", "day")),
        ("Troops fired at 10 pm on Thursday.", "at 10 pm on Thursday",
         ("2022-01-06T22:00:00", "2022-01-06T22:59:59", "part_of_day")),
        ("Police raided homes on Thursday at 3:30 a.m. and left.", "Thursday at 3:30 a.m",
         ("2022-01-06T03:00:00", "2022-01-06T03:59:59", "part_of_day")),
        ("The attack came on the morning of January 5.", "the morning of January 5",
         ("2022-01-05T06:00:00", "2022-01-05T11:59:59", "part_of_day")),
        ("Protests were held January 2-5 in the west.", "January 2-5", ("2022-01-02", "2022-01-05", "approximate")),
        ("Strikes ran between 3 and 4 January.", "between 3 and 4 January",
         ("2022-01-03", "2022-01-04", "approximate")),
    ],
)
def test_pattern(nlp, text: str, expr: str, expected: tuple[str, str, str]) -> None:
    assert _one(nlp, text, expr) == expected


def test_tweet_embed_date(nlp) -> None:
    text = "Tanks on the square. \u2014 Dana Kaliyeva (@dkaliyeva) January 6, 2022"
    assert _one(nlp, text, "January 6, 2022") == ("2022-01-06", "2022-01-06", "day")


def test_without_publication_only_absolute_dates(nlp) -> None:
    found = _dates(nlp, "On Friday, two days ago, troops fired; the curfew of 5 January 2022 holds.", None)
    assert [d["text"] for d in found] == ["5 January 2022"]


def test_bad_publication_date_is_ignored(nlp) -> None:
    found = _dates(nlp, "Police fired yesterday, on 5 January 2022.", "not a date")
    assert [d["text"] for d in found] == ["5 January 2022"]


def test_not_dates(nlp) -> None:
    text = "They may march 20 km. The march of 2,000 people passed the Friday mosque in 2,000 cars."
    texts = [d["text"] for d in _dates(nlp, text)]
    assert "march 20" not in texts and "may" not in [t.lower() for t in texts]


def test_spans_are_exact_and_ordered(nlp) -> None:
    text = "Late Wednesday police fired; on Thursday, January 6, 2022, and again this morning, more came."
    found = _dates(nlp, text)
    assert [d["text"] for d in found] == ["Late Wednesday", "Thursday, January 6, 2022", "this morning"]
    assert all(text[d["start"]:d["end"]] == d["text"] for d in found)


def test_weekday_arithmetic() -> None:
    from datetime import date

    pub = date(2022, 1, 7)  # Friday
    assert R.weekday(pub, 4) == pub
    assert R.weekday(pub, 4, last=True) == date(2021, 12, 31)
    assert R.weekday(pub, 0, future=True) == date(2022, 1, 10)
    assert R.infer_year(12, 30, date(2022, 1, 3), future=False) == date(2021, 12, 30)
    assert R.infer_year(2, 30, pub, future=False) is None


def test_component_runs_in_pipeline(nlp) -> None:
    import spacy

    from reportedly.nlp import extensions  # noqa: F401

    local = spacy.blank("en")
    local.add_pipe("reportedly_dates")
    doc = local.make_doc("Protesters returned on 5 January 2022.")
    doc = local(doc)
    assert doc._.rp_dates and doc._.rp_dates[0]["precision"] == "day"


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "2022-01-07T23:30:00+05:30"])
def test_extreme_publication_dates_do_not_crash(nlp, published: str) -> None:
    found = _dates(nlp, "On Friday, last week, two days ago and on 5 January 2022.", published)
    assert any(d["text"] == "5 January 2022" for d in found)
    json.dumps(found)  # JSON-safe, so Docs survive nlp.pipe(n_process=2)


def test_many_dates_stay_linear(nlp) -> None:
    """Thousands of dates in one doc: no per-match scan of the whole doc (was quadratic)."""
    import time

    doc = nlp.make_doc("Troops returned on Friday and on 5 January. " * 3000)
    doc._.rp_published = FRIDAY
    t0 = time.perf_counter()
    found = find_dates(doc)
    assert len(found) == 6000
    assert time.perf_counter() - t0 < 10  # ~0.5 s here; the quadratic version took minutes


_PIECES = ["on Friday", "early Thursday", "last week", "January 5", "5 January 2022", "in May",
           "yesterday", "overnight", "two days ago", "in recent days", "Sunday evening", "2022-01-05",
           "the Monday Market", "will march on Monday", "until March 3", "05/01/2022", "mid-2021",
           "the past 24 hours", "a few weeks ago", "next weekend", "earlier this year", "late last night"]


@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=6),
       published=st.sampled_from([None, "2022-01-07", "2024-02-29", "2020-12-31T23:00:00", "garbage"]))
def test_property_intervals_are_ordered_and_spans_exact(nlp, pieces, published) -> None:
    text = "Police said " + ", and ".join(pieces) + "."
    for d in _dates(nlp, text, published):
        assert text[d["start"]:d["end"]] == d["text"] and d["text"].strip() == d["text"]
        assert d["earliest"] <= d["latest"], d
        assert d["precision"] in ("day", "part_of_day", "week", "month", "year", "approximate")
        if published is None or published == "garbage":
            assert d["earliest"][:4].isdigit() and any(ch.isdigit() for ch in d["text"])
