"""reportedly_quantities: forms, qualifiers, kinds, counted spans, non-counts, lower case."""

from __future__ import annotations

import pytest

from reportedly.nlp.dates import find_dates
from reportedly.nlp.quantities import QuantityComponent


@pytest.fixture(scope="module")
def find(nlp):
    component = QuantityComponent(nlp)

    def run(text: str, published: str | None = "2022-01-07") -> list[dict]:
        doc = nlp(text)
        doc._.rp_published = published
        doc._.rp_dates = find_dates(doc)  # as in the pipeline: dates run first
        found = component.find(doc)
        for q in found:
            assert text[q["start"]:q["end"]] == q["text"]
            if q["counted"]:
                c = q["counted"]
                assert text[c["start"]:c["end"]] == c["text"]
        return found

    return run


def _only(found: list[dict]) -> dict:
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, span, low, high, qualifier",
    [
        ("At least 6 people were killed.", "At least 6", 6, None, "at_least"),
        ("Up to 4,000 people were arrested.", "Up to 4,000", None, 4000, "at_most"),
        ("As many as 300 people were detained.", "As many as 300", None, 300, "at_most"),
        ("20 thousand people marched.", "20 thousand", 20000, 20000, "exact"),
        ("Six people were killed.", "Six", 6, 6, "exact"),
        ("1.5 million people took part in the strike.", "1.5 million", 1_500_000, 1_500_000, "exact"),
        ("More than 100 people were injured.", "More than 100", 101, None, "over"),
        ("Over 100 people were injured.", "Over 100", 101, None, "over"),
        ("Nearly 50 people were injured.", "Nearly 50", None, 49, "under"),
        ("Almost 50 people were injured.", "Almost 50", None, 49, "under"),
        ("Fewer than 20 people were arrested.", "Fewer than 20", None, 19, "under"),
        ("About 300 people were arrested.", "About 300", 300, 300, "about"),
        ("Some 300 people were arrested.", "Some 300", 300, 300, "about"),
        ("Around 300 people were arrested.", "Around 300", 300, 300, "about"),
        ("A dozen people were injured.", "A dozen", 12, 12, "about"),
        ("Two dozen people were injured.", "Two dozen", 24, 24, "exact"),
        ("Dozens of people were injured.", "Dozens", 24, None, "vague"),
        ("Scores of people were injured.", "Scores", 40, None, "vague"),
        ("Hundreds of people were arrested.", "Hundreds", 200, None, "vague"),
        ("Thousands of people marched.", "Thousands", 2000, None, "vague"),
        ("Several people were killed.", "Several", 3, None, "vague"),
        ("Between 10 and 15 people were killed.", "Between 10 and 15", 10, 15, "range"),
        ("10 to 15 people were killed.", "10 to 15", 10, 15, "range"),
        ("Two or three people were killed.", "Two or three", 2, 3, "range"),
        ("The death toll rose to 40.", "40", 40, 40, "exact"),
    ],
)
def test_forms_and_qualifiers(find, text, span, low, high, qualifier) -> None:
    q = _only(find(text))
    assert (q["text"], q["low"], q["high"], q["qualifier"]) == (span, low, high, qualifier)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Six people were killed in the clashes.", "killed"),
        ("The death toll rose to 40.", "killed"),
        ("Gunmen opened fire, killing 12 villagers.", "killed"),
        ("At least 30 people died.", "killed"),
        ("Police said 12 were injured.", "injured"),
        ("The blast injured 12.", "injured"),
        ("4,000 were arrested after the riots.", "arrested"),
        ("Police detained 40 students.", "arrested"),
        ("Twelve people remain missing.", "missing"),
        ("Fighting displaced 2,000 families.", "displaced"),
        ("A crowd of 5,000 gathered in the square.", "participants"),
        ("2,000 protesters blocked the road.", "participants"),
        ("20,000 attackers stormed the town.", "attackers"),
        ("Police seized 40 vehicles.", "other"),
        ("Three rockets struck the compound.", "other"),
        ("Tens of thousands of students staged demonstrations in Jakarta.", "participants"),
        ("Up to 300 detainees began a hunger strike.", "participants"),
        ("About 200 supporters blocked roads in the capital.", "participants"),
        ("About 2,000 dock workers went on strike.", "participants"),
        ("The fighting forced 3,000 people to flee.", "displaced"),
        ("More than 300 people remain in detention.", "arrested"),
        ("Two rallies were held in the capital.", "other"),
        ("Police held 40 protesters overnight.", "arrested"),
    ],
)
def test_kinds(find, text, kind) -> None:
    assert _only(find(text))["kind"] == kind


def test_counted_span_and_head(find) -> None:
    text = "At least 20 police officers were injured in the riot."
    q = _only(find(text))
    assert q["counted"]["text"] == "police officers"
    assert text[q["head"]:].startswith("injured")


def test_several_counts_in_one_sentence(find) -> None:
    found = find("Six people were killed and 12 were injured, and police arrested 40.")
    assert [(q["low"], q["kind"]) for q in found] == [(6, "killed"), (12, "injured"), (40, "arrested")]


@pytest.mark.parametrize(
    "text",
    [
        "The riots of 2002 are remembered.",
        "The vote took place on January 5, 2022.",
        "The 50-year-old was released.",
        "He was aged 50.",
        "The fine was $5 million.",
        "Turnout was 20% in the city.",
        "The curfew starts at 10 pm.",
        "Police imposed section 144 in the area.",
        "She was the third person to speak.",
        "Call 5551234567 for information.",
        "One of the leaders spoke.",
        "The convoy drove 50 km.",
        "The strike lasted three days.",
        "The sit-in entered its fifth night after two nights of clashes.",
        "No one was hurt in the blast.",
        "The home side won a 2-1 victory.",
        "Militants armed with AK-47 rifles fled after the COVID-19 rules eased.",
    ],
)
def test_non_counts_skipped(find, text) -> None:
    assert find(text) == []


def test_a_count_of_nights_is_not_a_toll(find) -> None:
    # "two nights of clashes ... left at least four people dead": four killed, not two.
    [found] = find("Two nights of clashes left at least four people dead.")
    assert (found["kind"], found["low"]) == ("killed", 4)


def test_one_as_a_count(find) -> None:
    found = find("One person died and one was injured, but no one was arrested.")
    assert [(q["text"], q["low"], q["kind"]) for q in found] == [("One", 1, "killed"), ("one", 1, "injured")]


def test_lower_case_text(find) -> None:
    found = find("six people were killed and at least 40 were arrested in ahmedabad on friday.")
    assert [(q["low"], q["qualifier"], q["kind"]) for q in found] == [
        (6, "exact", "killed"), (40, "at_least", "arrested")]


@pytest.mark.parametrize("text", ["1,2,3,4,5 people", "10^30 people", "1" + "0" * 30 + " people",
                                  "dozens of dozens of", "between and", "", "999999999999 people"])
def test_absurd_input_does_not_crash(find, text) -> None:
    for q in find(text):
        assert q["low"] is None or q["low"] <= 10_000_000_000


def test_component_in_a_pipeline() -> None:
    import spacy

    from reportedly.nlp import quantities  # noqa: F401  (registers the factory)

    local = spacy.blank("en")
    local.add_pipe("reportedly_quantities")
    doc = local("Police arrested 40 protesters.")
    assert doc._.rp_quantities and doc._.rp_quantities[0]["low"] == 40


def test_results_are_json_safe(find) -> None:
    import json

    found = find("At least 6 people were killed and dozens of protesters were arrested.")
    assert json.loads(json.dumps(found)) == found


def test_many_counts_stay_linear(nlp) -> None:
    import time

    doc = nlp.make_doc("At least 5 people were killed on 5 January 2022. " * 2000)
    doc._.rp_published = "2022-01-07"
    doc._.rp_dates = find_dates(doc)
    t0 = time.perf_counter()
    found = QuantityComponent(nlp).find(doc)
    assert len(found) == 2000
    assert time.perf_counter() - t0 < 10  # ~0.2 s here; reading doc.text per count took minutes


def test_implicit_count_of_one(find) -> None:
    found = find("A prominent journalist was killed, and police arrested another man.")
    assert [(q["text"], q["low"], q["high"], q["kind"]) for q in found] == [
        ("A prominent journalist", 1, 1, "killed"), ("another man", 1, 1, "arrested")]
    assert find("A total of 40 people were killed.")[0]["low"] == 40
    assert len(find("A total of 40 people were killed.")) == 1


def test_implicit_one_can_be_turned_off(nlp) -> None:
    doc = nlp("A journalist was killed.")
    doc._.rp_dates = []
    assert QuantityComponent(nlp, implicit_one=False).find(doc) == []
    assert len(QuantityComponent(nlp).find(doc)) == 1


@pytest.mark.parametrize("text, expected", [
    ("A security source put the death toll at 22, including four soldiers.", [("killed", 22), ("killed", 4)]),
    ("Officials put the number of dead at 30.", [("killed", 30)]),
    ("The ministry put the toll at 28 dead and 64 wounded.", [("killed", 28), ("injured", 64)]),
    ("Police put the number of protesters at 3,000.", [("participants", 3000)]),
])
def test_a_toll_put_at_a_figure(find, text, expected) -> None:
    assert [(q["kind"], q["low"]) for q in find(text)] == expected


def test_neutralised_is_a_military_euphemism_for_killed(find) -> None:
    assert [(q["kind"], q["low"]) for q in find("The army said 35 rebels were neutralised in the fighting.")] == [("killed", 35)]


def test_leaving_people_injured_counts_the_injured(find) -> None:
    # The small model reads "injured" here as a past tense with "people" its subject.
    text = ("Police lathicharged a group of farmers who were trying to march to the collectorate, "
            "leaving at least 12 people injured, according to the organisers.")
    assert [(q["kind"], q["low"]) for q in find(text)] == [("injured", 12)]
