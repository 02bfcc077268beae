"""ACLED event type and sub-event type from a PLOVER type, mode and actors.

ACLED has 6 event types and 25 sub-event types (ACLED codebook 2023):

    Battles                      Armed clash; Government regains territory;
                                 Non-state actor overtakes territory
    Explosions/Remote violence   Chemical weapon; Air/drone strike; Suicide bomb;
                                 Shelling/artillery/missile attack; Remote explosive/landmine/IED;
                                 Grenade
    Violence against civilians   Sexual violence; Attack; Abduction/forced disappearance
    Protests                     Peaceful protest; Protest with intervention;
                                 Excessive force against protesters
    Riots                        Violent demonstration; Mob violence
    Strategic developments       Agreement; Arrests; Change to group/activity;
                                 Disrupted weapons use; Headquarters or base established;
                                 Looting/property destruction; Non-violent transfer of territory;
                                 Other

The mapping (also in docs/events.md) is per event; ``main_acled`` looks at all the
events of a short report (an ACLED-style snippet) to pick the sub-type that needs the
context: a protest met by police force is "Protest with intervention", or "Excessive
force against protesters" when the force was lethal.
"""

from __future__ import annotations

from .actors import FORCE_SECTORS

ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory",
                               "Other"),
}
SUB_TO_TYPE = {sub: typ for typ, subs in ACLED_TYPES.items() for sub in subs}

# CASE 2021 task 2 labels <-> ACLED sub-event types.
CASE_LABELS: dict[str, str] = {
    "Armed clash": "ARMED_CLASH", "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Chemical weapon": "CHEM_WEAP", "Air/drone strike": "AIR_STRIKE", "Suicide bomb": "SUIC_BOMB",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Remote explosive/landmine/IED": "REM_EXPLOS", "Grenade": "GRENADE",
    "Sexual violence": "SEX_VIOL", "Attack": "ATTACK", "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Peaceful protest": "PEACE_PROTEST", "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Violent demonstration": "VIOL_DEMONSTR", "Mob violence": "MOB_VIOL",
    "Agreement": "AGREEMENT", "Arrests": "ARREST", "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP", "Headquarters or base established": "HQ_ESTABLISHED",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER", "Other": "OTHER",
}

ARMED = frozenset({"military", "rebels", "militants", "security forces", "police"})
CROWD = frozenset({"protesters", "rioters", "students", "workers", "political party", "civilians"})
_EXPLOSIVE_MODES = {"explosives": "Remote explosive/landmine/IED",
                    "suicide-attack": "Suicide bomb", "aerial": "Air/drone strike",
                    "drone": "Air/drone strike", "heavy-weapons": "Shelling/artillery/missile attack",
                    "unconventional": "Chemical weapon", "grenade": "Grenade"}


def _sectors(actors: list[dict], role: str) -> set[str]:
    return {a["sector"] for a in actors if a.get("role") == role and a.get("sector")}


def _acled(sub: str) -> dict:
    return {"event_type": SUB_TO_TYPE[sub], "sub_event_type": sub}


def acled_for(plover: str, mode: str | None, actors: list[dict], modality: str = "asserted") -> dict | None:
    """ACLED {event_type, sub_event_type} for one event, or None (not an ACLED event).

    Only acts that happened are ACLED events: threats, demands, plans and denials are not.
    """
    if modality not in ("asserted", "alleged"):
        return None
    src, tgt = _sectors(actors, "source"), _sectors(actors, "target")
    if plover == "ASSAULT":
        if mode in _EXPLOSIVE_MODES:
            return _acled(_EXPLOSIVE_MODES[mode])
        if mode == "sexual":
            return _acled("Sexual violence")
        if mode == "abduct":
            return _acled("Abduction/forced disappearance")
        if mode == "destroy":
            if src & {"rioters", "protesters"}:
                return _acled("Violent demonstration")
            return _acled("Looting/property destruction")
        if mode == "crowd-control":
            return _acled("Excessive force against protesters") if tgt & {"protesters"} \
                else _acled("Protest with intervention")
        if mode == "territory":
            return _acled("Government regains territory") if src & FORCE_SECTORS \
                else _acled("Non-state actor overtakes territory")
        if tgt & {"protesters"}:
            return _acled("Excessive force against protesters")
        if src & {"rioters", "protesters", "political party", "students", "civilians", "workers"}:
            return _acled("Mob violence")
        if src & ARMED and tgt & ARMED:
            return _acled("Armed clash")
        if src & FORCE_SECTORS and tgt & {"protesters"}:
            return _acled("Excessive force against protesters")
        if mode == "clash":
            return _acled("Armed clash") if (src | tgt) & ARMED or not (src | tgt) else _acled("Mob violence")
        return _acled("Attack")
    if plover == "PROTEST":
        if mode == "riot":
            return _acled("Violent demonstration")
        return _acled("Peaceful protest")
    if plover == "COERCE":
        if mode == "arrest":
            return _acled("Arrests")
        if mode == "seize" and tgt & {"weapons"}:
            return _acled("Disrupted weapons use")
        if mode == "seize":
            return _acled("Disrupted weapons use") if src & FORCE_SECTORS else _acled("Other")
        if mode == "restrict" and src & FORCE_SECTORS and tgt & {"protesters", "rioters"}:
            return _acled("Protest with intervention")  # "police dispersed the protesters"
        if mode in ("ban", "curfew", "restrict", "censor", "withhold", "deport"):
            return _acled("Change to group/activity")
        return _acled("Other")
    if plover in ("AGREE", "SUPPORT") and mode in (None, "agreement", "sign", "ceasefire"):
        return _acled("Agreement")
    if plover == "RETREAT":
        if mode == "withdraw":
            return _acled("Non-violent transfer of territory")
        if mode == "ceasefire":
            return _acled("Agreement")
        if mode == "release":
            return _acled("Other")
        return _acled("Change to group/activity")
    if plover == "MOBILIZE":
        return _acled("Headquarters or base established") if mode == "base" else _acled("Change to group/activity")
    return None


# Priority of sub-event types when a snippet holds several events: the most specific,
# most violent one is the report's main event (ACLED codes one event per report).
PRIORITY = (
    "Chemical weapon", "Suicide bomb", "Air/drone strike", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade", "Sexual violence",
    "Abduction/forced disappearance", "Excessive force against protesters",
    "Government regains territory", "Non-state actor overtakes territory", "Armed clash",
    "Mob violence", "Violent demonstration", "Protest with intervention", "Attack",
    "Peaceful protest", "Looting/property destruction", "Arrests", "Disrupted weapons use",
    "Headquarters or base established", "Non-violent transfer of territory", "Agreement",
    "Change to group/activity", "Other",
)
_RANK = {sub: i for i, sub in enumerate(PRIORITY)}


_KILL_WORDS = ("kill", "shot dead", "death", "dead", "died", "lynch", "murder", "massacre")
_WEAPON_WORDS = ("weapon", "arms", "ammunition", "explosive", "bomb", "ied", "grenade", "rifle", "gun",
                 "cache", "mine")


def _lethal(e: dict, quantities: list[dict]) -> bool:
    words = " ".join(m["text"].lower() for m in e.get("mentions", [e["trigger"]]))
    if any(w in words for w in _KILL_WORDS) or "injur" in words or "wound" in words:
        return True
    return any(quantities[q].get("kind") in ("killed", "injured") for q in e.get("quantities", [])
               if q < len(quantities))


def main_acled(events: list[dict], quantities: list[dict] | None = None,
               main: dict | None = None) -> dict | None:
    """The ACLED type of a short report (an ACLED-style snippet) from all its events.

    Starts from ``main`` (the report's main event, see events.main_event) when it has
    an ACLED type, else the highest-priority coded event, then applies the context
    rules ACLED's codebook states for the main event:

    - a protest met by state force -> Protest with intervention; by lethal force or
      force that wounded -> Excessive force against protesters; a protest with
      vandalism, arson or stone-throwing by the crowd -> Violent demonstration;
    - a clash in which firearms or explosives were used, or between armed groups, is an
      Armed clash; a clash between party supporters or villagers without weapons is
      Mob violence;
    - explosives or ammunition seized, defused or recovered -> Disrupted weapons use.
    """
    quantities = quantities or []
    coded = [e for e in events if e.get("acled")]
    if not coded:
        return None
    subs = {e["acled"]["sub_event_type"] for e in coded}
    state_force = [e for e in coded if e["type"] in ("ASSAULT", "COERCE")
                   and _sectors(e.get("actors", []), "source") & FORCE_SECTORS]
    protest = any(e["type"] == "PROTEST" and e.get("mode") != "riot" for e in coded) or any(
        "protesters" in _sectors(e.get("actors", []), "target") for e in state_force)
    if protest and any(e["type"] == "ASSAULT" and e.get("mode") != "crowd-control" and _lethal(e, quantities)
                       for e in state_force):
        return _acled("Excessive force against protesters")
    crowd = [e for e in coded if e["type"] == "ASSAULT" and e.get("mode") in ("destroy", "primitive", None)
             and not _sectors(e.get("actors", []), "source") & FORCE_SECTORS]
    if protest and (crowd or subs & {"Violent demonstration", "Looting/property destruction"}):
        return _acled("Violent demonstration")
    if protest and (state_force or subs & {"Protest with intervention"}):
        return _acled("Protest with intervention")
    pick = main if main is not None and main.get("acled") else min(
        coded, key=lambda e: _RANK.get(e["acled"]["sub_event_type"], 99))
    sub = pick["acled"]["sub_event_type"]
    if pick["type"] == "ASSAULT" and pick.get("mode") == "clash":
        # Weapons the clashing sides used; police firing to restore order does not count.
        sides_weapons = [e for e in coded if not _sectors(e.get("actors", []), "source") & FORCE_SECTORS]
        armed = any(e["acled"]["sub_event_type"] in ("Remote explosive/landmine/IED", "Grenade",
                                                     "Shelling/artillery/missile attack")
                    or e.get("mode") == "firearms" for e in sides_weapons)
        sides = _sectors(pick.get("actors", []), "source") | _sectors(pick.get("actors", []), "target")
        sub = "Armed clash" if armed or sides & (ARMED - {"police"}) else "Mob violence"
    if pick["type"] == "COERCE" and pick.get("mode") == "seize":
        sub = "Disrupted weapons use" if any(
            any(w in a["text"].lower() for w in _WEAPON_WORDS) for a in pick.get("actors", [])) else "Arrests" \
            if "Arrests" in subs else sub
    return _acled(sub)
