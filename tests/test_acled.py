"""The documented PLOVER type + mode + actors -> ACLED mapping, and snippet context rules."""

from __future__ import annotations

import pytest

from reportedly.nlp.acled import ACLED_TYPES, CASE_LABELS, SUB_TO_TYPE, acled_for, main_acled


def actor(role: str, sector: str | None, text: str = "x") -> dict:
    return {"role": role, "start": 0, "end": len(text), "text": text, "name": text, "sector": sector,
            "country": None}


def event(typ: str, mode: str | None, *actors: dict, modality: str = "asserted", trigger: str = "x") -> dict:
    e = {"type": typ, "mode": mode, "actors": list(actors), "modality": modality,
         "trigger": {"start": 0, "end": len(trigger), "text": trigger}, "quantities": [],
         "mentions": [{"start": 0, "end": len(trigger), "text": trigger}]}
    e["acled"] = acled_for(typ, mode, e["actors"], modality)
    return e


def test_six_types_twenty_five_subtypes_all_with_case_labels():
    assert len(ACLED_TYPES) == 6
    assert len(SUB_TO_TYPE) == 25
    assert set(CASE_LABELS) == set(SUB_TO_TYPE)
    assert len(set(CASE_LABELS.values())) == 25


@pytest.mark.parametrize("typ, mode, actors, sub", [
    ("ASSAULT", "aerial", [], "Air/drone strike"),
    ("ASSAULT", "drone", [], "Air/drone strike"),
    ("ASSAULT", "suicide-attack", [], "Suicide bomb"),
    ("ASSAULT", "explosives", [], "Remote explosive/landmine/IED"),
    ("ASSAULT", "grenade", [], "Grenade"),
    ("ASSAULT", "heavy-weapons", [], "Shelling/artillery/missile attack"),
    ("ASSAULT", "unconventional", [], "Chemical weapon"),
    ("ASSAULT", "sexual", [], "Sexual violence"),
    ("ASSAULT", "abduct", [], "Abduction/forced disappearance"),
    ("ASSAULT", "firearms", [actor("source", "militants"), actor("target", "civilians")], "Attack"),
    ("ASSAULT", "clash", [actor("source", "military"), actor("target", "rebels")], "Armed clash"),
    ("ASSAULT", None, [actor("source", "rioters")], "Mob violence"),
    ("ASSAULT", "firearms", [actor("source", "police"), actor("target", "protesters")],
     "Excessive force against protesters"),
    ("ASSAULT", "destroy", [actor("source", "protesters")], "Violent demonstration"),
    ("ASSAULT", "destroy", [actor("source", "militants")], "Looting/property destruction"),
    ("ASSAULT", "territory", [actor("source", "military")], "Government regains territory"),
    ("ASSAULT", "territory", [actor("source", "rebels")], "Non-state actor overtakes territory"),
    ("PROTEST", "demo", [], "Peaceful protest"),
    ("PROTEST", "riot", [], "Violent demonstration"),
    ("COERCE", "arrest", [], "Arrests"),
    ("COERCE", "curfew", [], "Change to group/activity"),
    ("COERCE", "seize", [actor("source", "police")], "Disrupted weapons use"),
    ("AGREE", None, [], "Agreement"),
    ("RETREAT", "withdraw", [], "Non-violent transfer of territory"),
    ("MOBILIZE", "base", [], "Headquarters or base established"),
])
def test_mapping(typ, mode, actors, sub):
    assert acled_for(typ, mode, actors) == {"event_type": SUB_TO_TYPE[sub], "sub_event_type": sub}


@pytest.mark.parametrize("modality", ["negated", "threatened", "demanded", "future", "hypothetical"])
def test_acts_that_did_not_happen_are_not_acled_events(modality):
    assert acled_for("ASSAULT", "aerial", [], modality) is None


def test_verbal_types_have_no_acled_type():
    assert acled_for("ACCUSE", "disapprove", []) is None
    assert acled_for("CONSULT", None, []) is None


def test_protest_with_police_force_is_intervention():
    events = [event("PROTEST", "demo", actor("source", "workers")),
              event("ASSAULT", "crowd-control", actor("source", "police"), trigger="water cannon")]
    assert main_acled(events)["sub_event_type"] == "Protest with intervention"


def test_protest_with_lethal_force_is_excessive_force():
    events = [event("PROTEST", "demo", actor("source", "students")),
              event("ASSAULT", "firearms", actor("source", "police"), trigger="shot dead")]
    assert main_acled(events)["sub_event_type"] == "Excessive force against protesters"


def test_protest_with_vandalism_is_violent_demonstration():
    events = [event("PROTEST", "demo", actor("source", "protesters")),
              event("ASSAULT", "destroy", actor("source", "protesters"), trigger="vandalized")]
    assert main_acled(events)["sub_event_type"] == "Violent demonstration"


def test_clash_with_bombs_is_armed_clash_without_weapons_mob_violence():
    clash = event("ASSAULT", "clash", actor("source", "political party"), trigger="clashed")
    bombs = event("ASSAULT", "explosives", trigger="bombs exploded")
    assert main_acled([clash, bombs], main=clash)["sub_event_type"] == "Armed clash"
    assert main_acled([clash], main=clash)["sub_event_type"] == "Mob violence"


def test_no_coded_event_gives_none():
    assert main_acled([event("ACCUSE", "disapprove")]) is None


def test_police_firing_to_restore_order_does_not_make_a_clash_armed():
    clash = event("ASSAULT", "clash", actor("source", "political party"), trigger="clashed")
    police = event("ASSAULT", "firearms", actor("source", "police"), trigger="fired 9 shots")
    assert main_acled([clash, police], main=clash)["sub_event_type"] == "Mob violence"
