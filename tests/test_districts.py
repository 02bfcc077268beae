"""District-precision places for names the gazetteer lacks (invented names and sentences)."""

from __future__ import annotations

from reportedly.nlp import load_spacy


def _places(doc):
    return {p["text"]: p for p in doc._.rp_places}


def test_district_in_a_scene_phrase_takes_its_enclosing_place(pipeline):
    doc = pipeline("Gunmen opened fire in the Ulverby district of Garissa on Sunday.")
    places = _places(doc)
    district, town = places["Ulverby"], places["Garissa"]
    assert district["precision"] == "district" and district["geonameid"] is None
    assert (district["lat"], district["lon"], district["country"]) == (town["lat"], town["lon"], town["country"])
    assert "enclosing place Garissa" in district["reason"]
    [event] = [e for e in doc._.rp_events if e["trigger"]["text"] == "fire"]
    assert doc._.rp_places[event["place"]]["text"] == "Ulverby"  # the more specific place


def test_names_describing_people_are_not_places(pipeline):
    doc = pipeline("Doctors at Ulverby General Hospital said nine people died.")
    assert "Ulverby General Hospital" not in _places(doc)


def test_district_without_any_known_place_has_no_coordinates(pipeline):
    doc = pipeline("She was arrested at Harlow Terrace.")
    place = _places(doc)["Harlow Terrace"]
    assert place["precision"] == "district" and place["lat"] is None and place["country"] is None


def test_districts_can_be_switched_off():
    nlp = load_spacy()
    nlp.add_pipe("reportedly_places", config={"districts": False})
    doc = nlp("Gunmen opened fire in the Ulverby district of Garissa on Sunday.")
    assert [p["text"] for p in doc._.rp_places] == ["Garissa"]
