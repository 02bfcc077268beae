"""reportedly_events on invented sentences: types, modes, modality, actors, links, coreference."""

from __future__ import annotations

import json

import pytest
import spacy

from reportedly.nlp import DEFAULT_MODEL
from reportedly.nlp.events import main_event


@pytest.fixture(scope="module")
def ev_nlp():
    """Base model + the events component only: events must work with the others absent."""
    import reportedly.nlp  # noqa: F401  (registers the factories)

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("reportedly_events")
    return nlp


def events(nlp, text: str) -> list[dict]:
    return nlp(text)._.rp_events


def only(nlp, text: str, typ: str | None = None) -> dict:
    found = [e for e in events(nlp, text) if typ is None or e["type"] == typ]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, typ, mode", [
    ("Police arrested 40 protesters in Almaty on Monday.", "COERCE", "arrest"),
    ("Two civilians were killed in an Israeli air strike on Gaza.", "ASSAULT", "aerial"),
    ("A drone strike hit a vehicle near Mogadishu.", "ASSAULT", "drone"),
    ("A roadside bomb exploded near an army convoy in Kismayo.", "ASSAULT", "explosives"),
    ("Militants lobbed a grenade at a police patrol in Srinagar.", "ASSAULT", "grenade"),
    ("Police fired tear gas at the crowd in Nairobi.", "ASSAULT", "crowd-control"),
    ("Teachers went on strike across Nigeria over unpaid salaries.", "PROTEST", "strike"),
    ("A jailed activist began a hunger strike in Cairo.", "PROTEST", "hunger"),
    ("Rioters looted shops in Johannesburg.", "ASSAULT", "destroy"),
    ("Gunmen abducted twelve villagers in Zamfara.", "ASSAULT", "abduct"),
    ("The government imposed a curfew in Yangon.", "COERCE", "curfew"),
    ("Insurgents seized the town of Palma.", "ASSAULT", "territory"),
    ("The army deployed troops along the border with Tajikistan.", "MOBILIZE", "troops"),
])
def test_type_and_mode(ev_nlp, text, typ, mode):
    e = main_event(ev_nlp(text))
    assert (e["type"], e["mode"]) == (typ, mode)


@pytest.mark.parametrize("text, typ, modality", [
    ("Police beat the protesters in Minsk.", "ASSAULT", "asserted"),
    ("The Kazakh police denied firing on protesters.", "ASSAULT", "negated"),
    ("Police did not arrest anyone in Bishkek.", "COERCE", "negated"),
    ("If the police fire on the crowd, the opposition will leave the talks.", "ASSAULT", "hypothetical"),
    ("Workers will march to parliament in Harare next week.", "PROTEST", "future"),
    ("The union plans to protest outside the ministry.", "PROTEST", "future"),
    ("Soldiers allegedly beat two journalists in Goma.", "ASSAULT", "alleged"),
    ("The opposition called for the release of the detained students.", "RETREAT", "demanded"),
    ("The rebels threatened to attack the capital.", "THREATEN", "threatened"),
])
def test_modality(ev_nlp, text, typ, modality):
    e = only(ev_nlp, text, typ)
    assert e["modality"] == modality


def test_spoken_threat_is_threaten_not_assault(ev_nlp):
    found = events(ev_nlp, '"We must kill them all," the militia commander said.')
    assert [e["type"] for e in found] == ["THREATEN"]
    assert found[0]["modality"] == "threatened"


def test_demand_is_a_request_and_the_demanded_act_keeps_its_type(ev_nlp):
    found = events(ev_nlp, "The opposition called for the release of the detained students.")
    request = only(ev_nlp, "The opposition called for the release of the detained students.", "REQUEST")
    assert (request["mode"], request["modality"]) == ("yield", "asserted")
    release = next(e for e in found if e["type"] == "RETREAT")
    assert release["modality"] == "demanded" and release["acled"] is None
    assert main_event(ev_nlp("The opposition called for the release of the detained students."))["type"] == "REQUEST"


def test_actors_sector_and_country(ev_nlp):
    e = only(ev_nlp, "Kazakh police detained 12 journalists in Almaty.", "COERCE")
    source = next(a for a in e["actors"] if a["role"] == "source")
    target = next(a for a in e["actors"] if a["role"] == "target")
    assert (source["sector"], source["country"]) == ("police", "KZ")
    assert target["sector"] == "media"


def test_passive_agent_is_source(ev_nlp):
    e = only(ev_nlp, "Three villagers were abducted by rebels near Beni.", "ASSAULT")
    roles = {a["role"]: a["sector"] for a in e["actors"]}
    assert roles == {"source": "rebels", "target": "civilians"}


def test_result_is_absorbed_by_its_cause(ev_nlp):
    found = events(ev_nlp, "Two civilians were killed in an Israeli air strike on Gaza.")
    assert len(found) == 1
    assert {m["text"] for m in found[0]["mentions"]} == {"air strike", "killed"}
    assert found[0]["acled"] == {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}


def test_coreference_merges_repeated_arrests(ev_nlp):
    text = ("Police arrested 40 protesters in Almaty on Monday. "
            "The police said later that they arrested the protesters for blocking a road.")
    arrests = [e for e in events(ev_nlp, text) if e["type"] == "COERCE"]
    assert len(arrests) == 1
    assert len(arrests[0]["mentions"]) == 2


def test_coreference_keeps_different_places_apart(ev_nlp):
    doc = ev_nlp.make_doc("Police arrested 40 people in Almaty. Police arrested 12 people in Astana.")
    text = doc.text
    doc._.rp_places = [
        {"start": text.index("Almaty"), "end": text.index("Almaty") + 6, "text": "Almaty", "name": "Almaty",
         "country": "KZ", "admin1": None, "lat": None, "lon": None, "geonameid": 1526384,
         "precision": "city", "reason": "test", "role": "place"},
        {"start": text.index("Astana"), "end": text.index("Astana") + 6, "text": "Astana", "name": "Astana",
         "country": "KZ", "admin1": None, "lat": None, "lon": None, "geonameid": 1526273,
         "precision": "city", "reason": "test", "role": "place"},
    ]
    doc = ev_nlp(doc)
    arrests = [e for e in doc._.rp_events if e["type"] == "COERCE"]
    assert len(arrests) == 2
    assert sorted(e["place"] for e in arrests) == [0, 1]


def test_quantity_linked_and_kind_sharpened(ev_nlp):
    doc = ev_nlp.make_doc("Security forces rounded up 4,000 people in Tashkent.")
    text = doc.text
    start = text.index("4,000")
    doc._.rp_quantities = [{"start": start, "end": start + 5, "text": "4,000", "low": 4000, "high": 4000,
                            "qualifier": "exact", "kind": "other", "counted": None,
                            "head": text.index("rounded")}]
    doc = ev_nlp(doc)
    e = only(ev_nlp, text, "COERCE")  # same sentence, for the shape
    linked = [x for x in doc._.rp_events if x["quantities"] == [0]]
    assert linked and linked[0]["type"] == e["type"] == "COERCE"
    assert doc._.rp_quantities[0]["kind"] == "arrested"


def test_lower_case_mojibake_free_text_works(ev_nlp):
    e = main_event(ev_nlp("ahmedabad: police resorted to lathi-charge and fired tear gas shells to disperse the mob."))
    assert e["type"] == "ASSAULT"
    assert any(a["sector"] == "police" for a in e["actors"] if a["role"] == "source")


def test_police_inaction_is_negated_police_event(ev_nlp):
    e = only(ev_nlp, "the police remained mute spectators as the mob burnt shops.", "MOBILIZE")
    assert e["modality"] == "negated"


def test_weak_trigger_needs_security_actor(ev_nlp):
    assert any(e["type"] == "MOBILIZE" for e in events(ev_nlp, "Police rushed to the spot."))
    assert not any(e["type"] == "MOBILIZE" for e in events(ev_nlp, "Shoppers rushed to the market."))


def test_dates_are_not_protests(ev_nlp):
    assert not any(e["type"] == "PROTEST" for e in events(ev_nlp, "On 3 March 2019, gunmen shot a trader in Kano."))


def test_events_are_json_safe_with_exact_offsets(ev_nlp):
    doc = ev_nlp("Police arrested 40 protesters and fired tear gas in Almaty, officials said.")
    assert doc._.rp_events
    assert json.loads(json.dumps(doc._.rp_events)) == doc._.rp_events
    for e in doc._.rp_events:
        assert set(e) == {"type", "mode", "acled", "trigger", "mentions", "actors", "place", "date",
                          "modality", "quantities", "confidence"}
        for span in [e["trigger"], *e["mentions"], *e["actors"]]:
            assert doc.text[span["start"]:span["end"]] == span["text"]


def test_two_worker_processes(ev_nlp):
    texts = ["Police arrested 40 protesters in Almaty.", "Rebels attacked an army base in Mali."] * 2
    single = [d._.rp_events for d in ev_nlp.pipe(texts)]
    double = [d._.rp_events for d in ev_nlp.pipe(texts, n_process=2)]
    assert single == double


def test_blocking_a_road_is_protest_by_farmers_and_policing_by_police(ev_nlp):
    protest = events(ev_nlp, "Farmers blocked the highway near Meerut.")
    assert [(e["type"], e["mode"]) for e in protest] == [("PROTEST", "obstruct")]
    police = events(ev_nlp, "Police blocked the road to the parliament.")
    assert [(e["type"], e["mode"]) for e in police] == [("COERCE", "restrict")]


def test_conjoined_noun_trigger_takes_the_verb_subject(ev_nlp):
    e = only(ev_nlp, "Police used batons and water cannon in Lahore.", "ASSAULT")
    assert e["mode"] == "crowd-control"
    assert [a["sector"] for a in e["actors"] if a["role"] == "source"] == ["police"]


def test_recipient_is_the_target_of_verbal_events(ev_nlp):
    e = main_event(ev_nlp("Argentina apologized to Brazil for the incident."))
    assert e["type"] == "SUPPORT"
    assert [a["text"] for a in e["actors"] if a["role"] == "target"] == ["Brazil"]


def test_named_sources_of_different_bodies_do_not_corefer(ev_nlp):
    text = ("The suspects were remanded in custody by a magistrate on Friday. "
            "They had been arrested by a police team on Thursday.")
    arrests = [e for e in events(ev_nlp, text) if e["type"] == "COERCE"]
    assert len(arrests) == 2


def test_definite_reference_joins_the_earlier_event(ev_nlp):
    text = "Police opened fire on a mob in Petlad on Friday. One person was killed in the firing."
    firings = [e for e in events(ev_nlp, text) if e["type"] == "ASSAULT"]
    assert len(firings) == 1
    assert {m["text"] for m in firings[0]["mentions"]} >= {"fire", "firing", "killed"}


def test_another_act_is_not_merged_into_an_earlier_one():
    from reportedly.nlp.event_coref import merge_coreferent

    text = "Police fired on the crowd. There were no reports of any other violence."
    def event(word):
        start = text.index(word)
        span = {"start": start, "end": start + len(word), "text": word}
        return {"type": "ASSAULT", "mode": None, "modality": "asserted", "trigger": span, "mentions": [span],
                "actors": [], "quantities": [], "place": 0, "date": None, "acled": None, "confidence": 0.5}
    places = [{"geonameid": 1, "name": "Anand"}]
    assert len(merge_coreferent([event("fired"), event("violence")], places, [], text)) == 2
    # without the words that say so, the same mentions would be one event
    plain = text.replace("any other violence", "any violence")
    first = {**event("fired"), "trigger": {"start": 7, "end": 12, "text": "fired"}}
    start = plain.index("violence")
    later = {**event("fired"), "trigger": {"start": start, "end": start + 8, "text": "violence"},
             "mentions": [{"start": start, "end": start + 8, "text": "violence"}]}
    assert len(merge_coreferent([first, later], places, [], plain)) == 1


def test_place_names_before_a_noun_trigger_are_not_its_doers(ev_nlp):
    doc = ev_nlp.make_doc("The Quetta bombing killed 26 people at the railway station.")
    doc._.rp_places = [{"start": 4, "end": 10, "text": "Quetta", "name": "Quetta", "country": "PK",
                        "admin1": None, "lat": None, "lon": None, "geonameid": 1167528, "precision": "city",
                        "reason": "test", "role": "place"}]
    e = main_event(ev_nlp(doc))
    assert e["trigger"]["text"] == "bombing"
    assert not [a for a in e["actors"] if a["role"] == "source"]


def test_mentions_of_one_blast_merge_when_place_and_date_agree(ev_nlp):
    doc = ev_nlp.make_doc("A suicide bombing hit the station in Quetta. The blast in Quetta wounded 40.")
    text = doc.text
    quetta = [i for i in range(len(text)) if text.startswith("Quetta", i)]
    doc._.rp_places = [{"start": s, "end": s + 6, "text": "Quetta", "name": "Quetta", "country": "PK",
                        "admin1": None, "lat": None, "lon": None, "geonameid": 1167528, "precision": "city",
                        "reason": "test", "role": "place"} for s in quetta]
    doc = ev_nlp(doc)
    assaults = [e for e in doc._.rp_events if e["type"] == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0]["acled"]["sub_event_type"] == "Suicide bomb"


def test_announced_attack_is_a_threat(ev_nlp):
    e = main_event(ev_nlp("The group said it would attack more convoys on the highway."))
    assert (e["type"], e["modality"]) == ("THREATEN", "threatened")


def test_carrying_out_a_strike_is_an_attack_and_denial_negates_it(ev_nlp):
    found = events(ev_nlp, "The army denied carrying out the strike near Gondar.")
    assert [(e["type"], e["modality"]) for e in found] == [("ASSAULT", "negated")]


def test_refusal_to_step_down_is_a_rejection(ev_nlp):
    e = main_event(ev_nlp("The president said he would not step down under pressure."))
    assert e["type"] == "REJECT"


@pytest.mark.parametrize("text, mode", [
    ("Police opened fire on the crowd in Petlad.", "firearms"),
    ("A mob set the housing colony on fire.", "destroy"),
])
def test_fire_is_shooting_or_arson(ev_nlp, text, mode):
    assert main_event(ev_nlp(text))["mode"] == mode


def test_those_who_died_are_victims_not_doers(ev_nlp):
    e = main_event(ev_nlp("Three people who died in the police firing were buried on Monday."))
    assert [a["sector"] for a in e["actors"] if a["role"] == "source"] == ["police"]


def test_insisting_on_a_past_fact_is_a_claim_not_a_request():
    import reportedly

    claim = reportedly.extract("He insisted that troops had targeted only militant positions outside the town.")
    assert "REQUEST" not in [e.type for e in claim.events]
    demand = reportedly.extract("The union insisted that the government withdraw the tax.")
    assert "REQUEST" in [e.type for e in demand.events]


def test_a_turnout_given_in_another_sentence_belongs_to_the_protest():
    import reportedly

    report = reportedly.extract("Thousands of people marched through the capital on Thursday against the reform. "
                                "Organisers said 180,000 people took part. Police put the number of marchers at 42,000.")
    march = next(e for e in report.events if e.type == "PROTEST")
    turnout = [q for q in report.quantities if q.low in (180000, 42000)]
    assert len(turnout) == 2 and all(q.event == march.id for q in turnout)


def test_an_act_announced_as_done_is_no_plan():
    import reportedly

    done = reportedly.extract("Authorities lifted the curfew on Monday, the prefecture announced.")
    assert [e.modality for e in done.events if e.trigger.text == "lifted"] == ["asserted"]
    planned = reportedly.extract("The government announced that it would lift the curfew on Monday.")
    assert [e.modality for e in planned.events if e.trigger.text == "lift"] == ["future"]


def test_a_toll_beside_an_accusation_belongs_to_the_attack():
    import reportedly

    report = reportedly.extract("At least 14 people were killed when a drone struck a wedding convoy on Sunday. "
                                "The news agency put the toll at 21 dead and blamed the coalition.")
    events = {e.id: e for e in report.events}
    toll = next(q for q in report.quantities if q.low == 21)
    assert events[toll.event].type == "ASSAULT"


def test_a_wire_dateline_is_no_actor(ev_nlp):
    e = only(ev_nlp, "GUSAU, Nigeria — Gunmen on motorcycles stormed a village late Sunday.", "ASSAULT")
    source = next(a for a in e["actors"] if a["role"] == "source")
    assert source["text"].startswith("Gunmen")


def test_an_anonymity_formula_is_no_event(ev_nlp):
    found = events(ev_nlp, "A spokesperson, who asked not to be named, said 9 people were injured.")
    assert all(e["trigger"]["text"] != "asked" for e in found)


@pytest.mark.parametrize("text, threat", [
    ("The toll could rise, the hospital source warned.", False),
    ("The ministry warned that the toll could rise.", False),
    ("The militia warned it would attack army bases.", True),
    ("Police warned protesters to disperse.", True),
    ("Rebels issued a warning to the government.", True),
])
def test_a_warning_is_a_threat_only_with_someone_warned_or_an_act(ev_nlp, text, threat):
    assert any(e["type"] == "THREATEN" for e in events(ev_nlp, text)) == threat


def test_a_toll_in_a_sentence_without_an_event_joins_the_articles_attack(ev_nlp):
    import reportedly

    report = reportedly.extract("Security forces killed at least 12 people in Kinshasa on Saturday, the opposition said. "
                                "Human Rights Watch, citing witnesses, put the toll at 14.")
    attack = next(e for e in report.events if e.type == "ASSAULT")
    linked = {q.low for q in report.quantities if q.event == attack.id and q.kind == "killed"}
    assert {12, 14} <= linked


def test_a_figure_counting_places_or_things_is_no_participant_or_victim_count():
    import reportedly

    report = reportedly.extract("Thousands of farmers blocked national highways at more than 40 places on Monday. "
                                "The mob torched 12 buses, killing 3.")
    kinds = {q.text: q.kind for q in report.quantities}
    assert kinds["more than 40"] == "other" and kinds["12"] == "other"
    assert kinds["Thousands"] == "participants"
