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
STATE_ARMED = frozenset({"military", "security forces", "police"})
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
            return _acled("Government regains territory") if src & STATE_ARMED \
                else _acled("Non-state actor overtakes territory")
        if src & {"rioters", "protesters", "political party", "students", "civilians", "workers"}:
            return _acled("Mob violence")
        if src & ARMED and tgt & ARMED:
            return _acled("Armed clash")
        if src & STATE_ARMED and tgt & {"protesters"}:
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
            return _acled("Disrupted weapons use") if src & STATE_ARMED else _acled("Other")
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


def main_acled(events: list[dict]) -> dict | None:
    """The ACLED type of a short report's main event, using the events' context.

    A protest plus security-force force -> Protest with intervention (Excessive force
    against protesters when the force killed or wounded); a protest plus vandalism or
    clashes -> Violent demonstration; arrests alone stay Arrests.
    """
    coded = [e for e in events if e.get("acled")]
    if not coded:
        return None
    subs = {e["acled"]["sub_event_type"] for e in coded}
    protest = any(e["type"] == "PROTEST" and e.get("mode") != "riot" and e.get("modality") == "asserted"
                  for e in coded)
    state_force = [e for e in coded if e["type"] in ("ASSAULT", "COERCE")
                   and _sectors(e.get("actors", []), "source") & STATE_ARMED]
    lethal = any(e["type"] == "ASSAULT" and e.get("mode") not in ("crowd-control",) and
                 e.get("lethal") for e in state_force)
    if protest and lethal:
        return _acled("Excessive force against protesters")
    crowd_violence = subs & {"Violent demonstration", "Mob violence", "Looting/property destruction"}
    if protest and crowd_violence:
        return _acled("Violent demonstration")
    if protest and (state_force or subs & {"Protest with intervention"}):
        return _acled("Protest with intervention")
    best = min(subs, key=lambda s: _RANK.get(s, 99))
    return _acled(best)
