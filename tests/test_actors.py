"""Actor sectors and countries (dict lookups) and who-did-what-to-whom from the parse."""

from __future__ import annotations

import pytest
import spacy

from reportedly.nlp import DEFAULT_MODEL
from reportedly.nlp.actors import country_of, find_actors, sector_of


@pytest.fixture(scope="module")
def base():
    return spacy.load(DEFAULT_MODEL)


@pytest.mark.parametrize("words, iso2", [
    (["Kazakh", "police"], "KZ"), (["kazakh", "police"], "KZ"), (["Russian", "troops"], "RU"),
    (["the", "Sri", "Lankan", "army"], "LK"), (["Burkina", "Faso"], "BF"), (["U.S.", "soldiers"], "US"),
    (["local", "police"], None),
])
def test_country_from_demonym_or_name(words, iso2):
    assert country_of(words) == iso2


@pytest.mark.parametrize("words, iso2", [
    (["Welsh", "farmers"], "GB"), (["pashtun", "elders"], "AF"), (["Korean", "workers"], "KR"),
])
def test_actors_read_the_places_demonym_table(words, iso2):
    # One table (demonyms.py) for both components: entries once only in one of them resolve.
    assert country_of(words) == iso2


def test_short_country_names_are_not_demonyms():
    # "US troops" is an actor's country, but for places "US" and "Britain" are toponyms.
    from reportedly.nlp.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    assert country_of(["US", "troops"]) == "US" and country_of(["Britain"]) == "GB"
    assert gaz.demonym("US") is None and gaz.demonym("Britain") is None
    assert gaz.demonym("Welsh") == "GB" and gaz.demonym("Koreans") == "KR"


@pytest.mark.parametrize("phrase, sector", [
    ("riot police", "police"), ("soldiers", "military"), ("security forces", "security forces"),
    ("the interior ministry", "government"), ("Maoist rebels", "rebels"), ("gunmen", "militants"),
    ("protesters", "protesters"), ("a mob", "rioters"), ("villagers", "civilians"),
    ("journalists", "media"), ("UN peacekeepers", "international organization"),
    ("party activists", "political party"), ("weather", None),
])
def test_sector_from_head_noun(base, phrase, sector):
    assert sector_of(list(base(phrase))) == sector


def _actors(base, text, trigger_word):
    doc = base(text)
    tok = next(t for t in doc if t.text == trigger_word)
    return {a["role"]: a for a in find_actors(doc, tok)}


def test_subject_and_object(base):
    actors = _actors(base, "Kyrgyz police detained two Kazakh journalists in Osh.", "detained")
    assert actors["source"]["text"] == "Kyrgyz police"
    assert (actors["source"]["sector"], actors["source"]["country"]) == ("police", "KG")
    assert (actors["target"]["sector"], actors["target"]["country"]) == ("media", "KZ")


def test_passive_without_agent_has_no_source(base):
    actors = _actors(base, "Forty protesters were arrested in Almaty.", "arrested")
    assert "source" not in actors
    assert actors["target"]["sector"] == "protesters"


def test_group_noun_takes_its_complement(base):
    actors = _actors(base, "Thousands of students marched through Dhaka.", "marched")
    assert actors["source"]["sector"] == "students"


def test_noun_trigger_with_compound_and_on_target(base):
    actors = _actors(base, "The rebel attack on the army base lasted hours.", "attack")
    assert actors["target"]["sector"] == "military"


def test_actor_offsets_are_exact(base):
    doc = base("Ethiopian soldiers shelled Eritrean positions near Badme.")
    tok = next(t for t in doc if t.text == "shelled")
    for a in find_actors(doc, tok):
        assert doc.text[a["start"]:a["end"]] == a["text"]


def test_civil_titles_with_a_military_word_are_government():
    import spacy

    from reportedly.nlp.actors import sector_of

    nlp = spacy.blank("en")
    assert sector_of(list(nlp("party secretary-general John Dayal"))) == "government"
    assert sector_of(list(nlp("the attorney general"))) == "government"
    assert sector_of(list(nlp("SP MLA Mansoor Ahmed"))) == "government"
    assert sector_of(list(nlp("General Musa Ibrahim"))) == "military"
