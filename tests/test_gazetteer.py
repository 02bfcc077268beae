"""The offline gazetteer: lookup, alternate names, demonyms, load cost."""

from __future__ import annotations

import time

from reportedly.nlp.gazetteer import ADMIN1, CITY, COUNTRY, get_gazetteer, normalise


def test_normalise_folds_case_accents_and_punctuation():
    assert normalise("Alma-Ata") == "alma ata"
    assert normalise("St. Paul") == "st paul"
    assert normalise("Bogotá") == "bogota"
    assert normalise("Gujarat's") == "gujarat"


def test_alternate_name_resolves_to_current_city():
    names = {(e.name, e.country) for e in get_gazetteer().lookup("Alma-Ata")}
    assert ("Almaty", "KZ") in names


def test_ambiguous_name_has_candidates_in_several_countries():
    countries = {e.country for e in get_gazetteer().lookup("Paris") if e.kind == CITY}
    assert {"FR", "US"} <= countries


def test_countries_admin1_and_aliases():
    gaz = get_gazetteer()
    assert any(e.kind == COUNTRY and e.country == "US" for e in gaz.lookup("U.S."))
    assert any(e.kind == ADMIN1 and e.country == "IN" for e in gaz.lookup("Gujarat"))
    assert any(e.kind == ADMIN1 and e.name == "Louisiana" for e in gaz.lookup("La."))
    assert gaz.lookup("Zzyzxqvillenotaplace") == []


def test_generic_words_around_a_name_are_tried():
    gaz = get_gazetteer()
    assert any(e.name == "Kabul" for e in gaz.lookup("Kabul city"))
    assert any(e.kind == ADMIN1 and e.name == "Texas" for e in gaz.lookup("the state of Texas"))


def test_demonyms():
    gaz = get_gazetteer()
    assert gaz.demonym("Kazakh") == "KZ"
    assert gaz.demonym("Indian") == "IN"
    assert gaz.demonym("Ukrainians") == "UA"
    assert gaz.demonym("Table") is None


def test_entries_have_coordinates_and_capital_flag():
    gaz = get_gazetteer()
    kabul = max((e for e in gaz.lookup("Kabul") if e.kind == CITY), key=lambda e: e.population)
    assert kabul.country == "AF" and kabul.capital
    assert 34 < kabul.lat < 35 and 69 < kabul.lon < 70


def test_loaded_once_and_fast():
    get_gazetteer.cache_clear()
    t = time.perf_counter()
    gaz = get_gazetteer()
    elapsed = time.perf_counter() - t
    assert get_gazetteer() is gaz
    assert elapsed < 3.0  # ~0.6 s on the dev machine; generous for slow CI
