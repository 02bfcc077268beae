"""Trigger words for PLOVER event types and modes, and the cue words of modality.

Written from the PLOVER structured codebook (event and mode definitions) and the
CAMEO verb classes. Keys are lower-case lemmas (single tokens, looked up in a dict
per token) or phrases (matched with a PhraseMatcher on LOWER), so lower-cased and
mojibake-repaired text works as well as clean text.

Entry format: ``lemma: "TYPE/mode:pos"`` where pos is V (verb), N (noun) or * (any),
and mode may be empty. "weak" triggers only count with a security actor (police,
military) as source, because "rushed", "reached" or "patrolled" are events only then.
"""

from __future__ import annotations

_RAW = """
ASSAULT/:V kill murder slay lynch massacre slaughter eliminate
ASSAULT/:N killing murder massacre slaughter lynching bloodshed carnage
ASSAULT/massacre:N massacre genocide pogrom
ASSAULT/firearms:* shoot gun shooting gunfire gunshot bullet live_ammunition live_round live_bullet live_fire
ASSAULT/firearms:V fire
ASSAULT/firearms:N firing ambush
ASSAULT/destroy:N fire
ASSAULT/firearms:V ambush
ASSAULT/primitive:* stab hack machete stone-pelting stoning pelt torch arson
ASSAULT/primitive:V stone throw hurl lob
ASSAULT/beat:* beat thrash assault thrashing beating lathicharge cane
ASSAULT/:* attack raid-attack assault
ASSAULT/explosives:* bomb bombing blast explosion explode detonate ied landmine blow_up
ASSAULT/grenade:N grenade
ASSAULT/heavy-weapons:* shell shelling bombard bombardment artillery mortar rocket missile
ASSAULT/aerial:* airstrike air-strike airstrikes air_raid air_strike bombing_raid
ASSAULT/drone:* drone_strike drone_attack
ASSAULT/suicide-attack:* suicide_bomber suicide_bombing suicide_attack blow_himself_up blow_herself_up blow_themselves_up
ASSAULT/abduct:* abduct kidnap hijack abduction kidnapping hijacking
ASSAULT/torture:* torture
ASSAULT/sexual:* rape raped rapes molest sexual-assault abuse gang-rape gang-raped
ASSAULT/execute:* execute execution behead hang
ASSAULT/assassinate:* assassinate assassination
ASSAULT/destroy:V destroy demolish vandalise vandalize ransack loot burn raze set_ablaze gut plunder
ASSAULT/destroy:* set_fire set_on_fire set_afire set_alight torch
ASSAULT/destroy:N destruction vandalism looting arson
ASSAULT/:* injure wound hurt maim
ASSAULT/clash:* clash fight battle gunbattle skirmish encounter fighting hostilities exchange_fire exchange_of_fire crossfire
ASSAULT/:N violence
ASSAULT/territory:V invade occupy overrun capture recapture retake regain take_control seize_control take_over retook retaken recaptured
ASSAULT/:V storm
ASSAULT/:N invasion occupation offensive
ASSAULT/cleansing:* expel_civilians ethnic_cleansing
ASSAULT/unconventional:* chemical_weapon chemical_attack sarin chlorine nerve_agent chlorine_gas sarin_gas poison_gas mustard_gas toxic_gas
ASSAULT/crowd-control:* tear_gas teargas tear-gas water_cannon rubber_bullet lathi_charge lathi-charge baton_charge pellet_guns
COERCE/arrest:* arrest detain apprehend nab jail imprison detention custody remand round_up take_into_custody hold_in_custody
COERCE/seize:* raid search confiscate seize impound seizure crackdown defuse dismantle
COERCE/restrict:* cordon restrict disperse blockade restriction prohibitory_orders section_144 roadblock
COERCE/curfew:* curfew martial_law state_of_emergency emergency
COERCE/ban:* ban outlaw proscribe prohibit
COERCE/censor:* censor censorship
COERCE/deport:* deport deportation evict
COERCE/withhold:* cut_off shut_off
COERCE/cyber:* hack deface cyberattack cyber-attack
PROTEST/demo:* protest demonstrate demonstration rally march sit-in dharna agitation agitate picket vigil rasta_roko
PROTEST/riot:* riot rioting
PROTEST/strike:* bandh hartal walkout general_strike go_on_strike
PROTEST/hunger:* hunger_strike fast
PROTEST/boycott:* boycott
PROTEST/obstruct:* gherao block_road block_the_road block_the_highway block_traffic
MOBILIZE/troops:* deploy deployment mobilise mobilize mobilisation mobilization reinforce flag_march strengthen on_alert remain_on_alert put_on_alert
MOBILIZE/troops:V train
MOBILIZE/police:N patrol patrolling bandobast security_arrangement security_blanket red_alert high_alert security_cover security_measure security_cordon
MOBILIZE/weapons:* missile_test test-fire nuclear_test
MOBILIZE/base:* establish_base set_up_base set_up_camp establish_camp establish_headquarters set_up_headquarters
THREATEN/:* threaten threat warn warning ultimatum menace
REQUEST/:* demand urge appeal request plead petition call_for call_on implore beseech exhort
REQUEST/:V ask seek press insist
REJECT/:* reject refuse decline rebuff veto spurn rejection refusal turn_down dismiss defy repudiate
ACCUSE/allege:* accuse allege charge blame indict sue prosecute accusation allegation indictment lawsuit
ACCUSE/disapprove:* condemn criticize criticise denounce deplore decry slam lambast censure complain criticism condemnation
ACCUSE/investigate:* investigate probe inquiry enquiry investigation
SANCTION/:* sanction embargo sanctions
SANCTION/expel:V expel
SANCTION/convict:* convict sentence conviction
SANCTION/discontinue:* sever suspend freeze break_off cut_tie sever_tie recall halt cancel curtail suspension
RETREAT/withdraw:* withdraw withdrawal retreat pull_out pullout evacuate hand_over
RETREAT/release:* release free
RETREAT/disarm:* disarm surrender demobilize demobilise
RETREAT/resign:* resign resignation step_down
RETREAT/ceasefire:N ceasefire truce cease-fire
CONCEDE/:* concede yield compromise pardon amnesty lift ease relax give_in back_down allow permit shorten
AGREE/:* agree pledge promise offer invite commit agreement deal consensus accept
AGREE/:N accord
SUPPORT/:* support praise commend welcome endorse back approve hail applaud congratulate laud recognise recognize ratify sign thank apologize apologise forgive establish_tie establish_relation defend
CONSULT/:* meet visit host talk consult discuss negotiate confer telephone summit meeting talks negotiation negotiations visit phone_call hold_talk
CONSULT/visit:N visit trip
CONSULT/third-party:* mediate mediation mediator
COOPERATE/:* cooperate collaborate cooperation collaboration joint_exercise partnership share extradite war_game war_games military_exercise joint_patrol
AID/:* aid assistance relief donate donation rescue shelter asylum grant loan send_aid
"""

# Security-only ("weak") triggers: events only when police/army are the source.
_WEAK = """
MOBILIZE/police:V rush arrive reach patrol guard escort intervene swing_into_action act take_action respond
MOBILIZE/police:N presence action intervention
COERCE/restrict:V control contain chase disperse bring_under_control book register seal lock stop prevent gag silence block cane round evacuate barricade
COERCE/seize:V recover find search comb
COERCE/seize:N combing_operation combing search_operation operation
MOBILIZE/police:V station post alert deputed depute
"""

# Police inaction (IndiaPoliceEvents FAIL): a police MOBILIZE event with modality negated.
_INACTION = """
MOBILIZE/police:* inaction mute_spectator mute_spectators silent_spectator silent_spectators mute_witness look_on stand_by stand_mute remain_mute remain_silent remain_passive nowhere_to_be_seen turn_a_blind_eye do_nothing onlooker onlookers passive_onlooker look_the_other_way stand_by twiddle_their_thumbs twiddling_their_thumbs mingle_with_the mute_spectator fail_to_act fail_to_prevent fail_to_control fail_to_stop fail_to_intervene not_act no_action allow_the_mob let_the_mob inactions fail unable nowhere_in_sight conspicuous_by_its_absence apathy passive_role duck_for_cover no_police_protection deny_protection lack_of_security
"""


def _parse(raw: str) -> dict[str, list[tuple[str, str | None, str]]]:
    table: dict[str, list[tuple[str, str | None, str]]] = {}
    for line in raw.strip().splitlines():
        head, *words = line.split()
        typ_mode, pos = head.split(":")
        typ, mode = typ_mode.split("/")
        for w in words:
            table.setdefault(w.replace("_", " "), []).append((typ, mode or None, pos))
    return table


TRIGGERS = _parse(_RAW)
WEAK_TRIGGERS = _parse(_WEAK)
INACTION_TRIGGERS = _parse(_INACTION)

# Noun/adjective modifiers that set the mode of an ASSAULT or PROTEST trigger.
MODE_MODIFIERS: dict[str, tuple[str, str]] = {
    "air": ("ASSAULT", "aerial"), "aerial": ("ASSAULT", "aerial"), "drone": ("ASSAULT", "drone"),
    "helicopter": ("ASSAULT", "aerial"), "suicide": ("ASSAULT", "suicide-attack"),
    "car": ("ASSAULT", "explosives"), "roadside": ("ASSAULT", "explosives"),
    "grenade": ("ASSAULT", "grenade"), "rocket": ("ASSAULT", "heavy-weapons"),
    "mortar": ("ASSAULT", "heavy-weapons"), "artillery": ("ASSAULT", "heavy-weapons"),
    "missile": ("ASSAULT", "heavy-weapons"), "chemical": ("ASSAULT", "unconventional"),
    "knife": ("ASSAULT", "primitive"),
    "hunger": ("PROTEST", "hunger"), "general": ("PROTEST", "strike"),
    "labour": ("PROTEST", "strike"), "labor": ("PROTEST", "strike"),
    "bomb": ("ASSAULT", "explosives"), "ied": ("ASSAULT", "explosives"),
    "landmine": ("ASSAULT", "explosives"), "mine": ("ASSAULT", "explosives"),
    "gun": ("ASSAULT", "firearms"), "armed": ("ASSAULT", "firearms"),
}

# Victim words: an ASSAULT only when tied to a cause ("died in the blast", "injured in firing").
VICTIM_WORDS = {"die", "death", "dead", "injured", "casualty", "toll"}

# "strike" is an attack or a walkout depending on its modifiers; so is "fire".
AMBIGUOUS_STRIKE = {"strike", "strikes", "raid", "raids"}

# Cue lemmas that put an embedded act under another modality (see event_modality.py).
DENY = {"deny", "refute", "dismiss", "reject", "rubbish", "disown"}
FAIL = {"fail", "refuse", "neglect", "decline", "omit"}
DEMAND = {"demand", "call", "urge", "ask", "appeal", "request", "seek", "press", "insist", "want",
          "petition", "plead", "implore", "exhort", "push"}
THREAT = {"threaten", "warn", "vow", "swear", "promise"}
FUTURE = {"plan", "intend", "prepare", "schedule", "expect", "aim", "decide", "set", "mean",
          "propose", "announce", "due"}
HYPOTHETICAL = {"fear", "risk", "consider", "could", "would", "might", "may", "possibility",
                "chance", "likely", "unless", "if", "whether", "prevent", "avoid"}
ALLEGE = {"allege", "allegedly", "claim", "accuse", "suspect", "purportedly", "reportedly",
          "supposedly", "rumour", "rumor", "charge"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "can"}
THREAT_AUX = {"must", "will", "shall", "'ll", "gon", "going"}

# Acts whose threat/demand turns them into THREATEN / REQUEST (absorbed as the mode).
THREAT_MODE = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations",
               "PROTEST": "restrict", "MOBILIZE": "violence"}
REQUEST_MODE = {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AID": "assist",
                "COOPERATE": "assist", "SUPPORT": "assist"}

# Acts that are cooperative: promised -> AGREE, refused or negated -> REJECT.
COOPERATIVE = {"SUPPORT", "AID", "RETREAT", "CONSULT", "COOPERATE", "CONCEDE", "AGREE"}
# Acts that are coercive: announced for the future -> THREATEN.
COERCIVE = {"COERCE", "SANCTION", "ASSAULT", "MOBILIZE", "PROTEST"}
# Words that announce a future act of the speaker ("said it will", "is ready to").
ANNOUNCE = {"say", "announce", "declare", "confirm", "state", "tell", "add", "warn", "insist",
            "ready", "willing", "prepared", "prepare", "plan", "decide", "intend", "vow"}
# Objects that make "send"/"provide"/"give" an AID event.
AID_OBJECTS = {"aid", "arm", "arms", "weapon", "weapons", "food", "medicine", "medicines",
               "supply", "supplies", "assistance", "relief", "money", "fund", "funds", "equipment",
               "grain", "intelligence", "troop", "troops", "loan", "grant"}
# Objects that make "establish"/"set up"/"open" a base (MOBILIZE/base).
BASE_OBJECTS = {"base", "headquarters", "camp", "outpost", "hq", "position", "checkpoint"}
# Source words that set the mode of an attack ("warplanes bombed", "a suicide bomber").
ACTOR_MODES = (("suicide", "suicide-attack"), ("drone", "drone"), ("aircraft", "aerial"),
               ("warplane", "aerial"), ("jet", "aerial"), ("plane", "aerial"),
               ("helicopter", "aerial"), ("gunship", "aerial"), ("air force", "aerial"))
# Places whose capture is a territorial event (ASSAULT/territory), not a seizure of goods.
TERRITORY_WORDS = {"town", "city", "village", "area", "territory", "district", "base", "post",
                   "outpost", "region", "province", "airport", "port", "hill", "border", "crossing",
                   "camp", "positions", "position", "neighbourhood", "neighborhood", "capital"}
# Things fired or thrown: the target is the "at/on" object, not the direct object.
INSTRUMENTS = {"ammunition", "bullet", "round", "shot", "shell", "gas", "teargas", "cannon",
               "stone", "rock", "brick", "bottle", "missile", "rocket", "grenade", "bomb",
               "pellet", "canister", "salvo", "volley", "fire", "shots", "rounds", "bullets",
               "stones", "bottles", "shells"}
# Verbs that make "security" a police deployment ("security was stepped up").
SECURITY_VERBS = {"step", "tighten", "enhance", "beef", "increase", "intensify", "strengthen",
                  "heighten", "provide", "deploy", "mount", "augment", "reinforce"}
