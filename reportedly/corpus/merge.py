"""Cross-article merging: events from many reports -> clusters = real-world events.

Algorithm and knobs: docs/merging.md. In short:

1. *Blocking*: an event is only compared with clusters that share its type family
   and country (or, without a country, its place name) and lie within
   ``window_days`` of its day. Blocks are dict lookups, so the cost is near-linear.
2. *Scoring* a candidate cluster: place agreement, same day, ACLED sub-type, shared
   or clashing actors, and figures that agree or clearly differ (a later "the toll
   rose to 40" is an update, not a clash).
3. *Greedy assignment* in a fixed order (family, country, day, publication, ids):
   the event joins the best cluster scoring at least ``threshold``, else starts one.
   Two events of one article merge more easily (``w_same_article``): extractors often
   emit "attacked" and "killed", or an attack and a bombing, for one happening.
   Two events of one article that its coreference kept apart for a visible reason
   (weapon group, district, doer sector, state vs non-state target) never share a
   cluster (``kept_apart``); across articles, different weapon groups and districts
   keep same-day attacks in one city apart.

An event without a place or an explicit day takes them from an event of the same
family in its article (else the article's first resolved place), as a reader would.

The result is deterministic, so re-running merge on the same store gives the same clusters.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Iterable, Iterator

from ..records import content_id
from .disagreement import CONTEXT_CHARS, UPDATE_CUE, Figure, summarize

if TYPE_CHECKING:
    from ..store import Store

# Types that may describe the same happening; anything else is its own family.
FAMILIES: dict[str, str] = {"ASSAULT": "violence", "COERCE": "coercion", "PROTEST": "protest",
                            "MOBILIZE": "mobilize", "THREATEN": "threat"}
# Only things said to have happened are real-world events; threats, plans, denials are not clustered.
FACTUAL = ("asserted", "alleged")
CITY_PRECISION = ("city", "district")
# Weapon modes grouped by the act a reader would call one thing ("the grenade", "the blast").
# Two reports of one attack may name the weapon differently within a group, rarely across.
# Non-weapon modes (abduct, destroy, territory, ...) say nothing about which attack it was.
WEAPONS: dict[str, str] = {"firearms": "shooting", "explosives": "blast", "grenade": "blast",
                           "suicide-attack": "blast", "aerial": "air", "drone": "air",
                           "heavy-weapons": "shelling", "primitive": "cold"}
# "thrown" / "hurled" get the primitive mode from the lexicon whatever was thrown (a stone or
# a grenade), so the verb alone does not name a weapon.
_THROW = ("throw", "threw", "thrown", "hurl", "lob")
STATE = frozenset({"police", "military", "security forces", "government"})
_PRONOUNS = frozenset({"they", "he", "she", "it", "we", "i", "who", "them"})


@dataclass(frozen=True)
class MergeConfig:
    """The knobs (docs/merging.md explains each)."""

    window_days: int = 1
    radius_km: float = 30.0
    threshold: float = 2.25
    w_same_place: float = 1.0
    w_near_place: float = 0.25        # one side only knows the country / admin1
    w_no_place: float = -0.5          # neither side knows where
    w_same_article: float = 1.0       # the cluster has an event of this article: likely a duplicate trigger
    w_same_day: float = 0.5
    w_same_subtype: float = 0.5
    w_diff_subtype: float = -1.0
    w_shared_actor: float = 1.0
    w_shared_sector: float = 0.25     # "gunmen" vs "militants": both armed groups, no clash
    w_diff_actor: float = -1.5
    w_close_figure: float = 0.5
    w_far_figure: float = -1.0
    close_ratio: float = 1.5
    far_ratio: float = 3.0
    max_candidates: int = 64          # bound on clusters scored per event (keeps worst case linear)
    w_diff_weapon: float = -1.5       # firearms vs grenade: two attacks, unless much else agrees


@dataclass(slots=True)
class Item:
    """One event as merging sees it."""

    article_id: str
    event_id: str
    type: str
    family: str
    sub_type: str | None
    country: str | None
    admin1: str | None
    place: str | None                   # normalised place name
    geonameid: int | None
    lat: float | None
    lon: float | None
    precise: bool                       # city/district-level place
    day: int                            # date ordinal
    published: str
    outlet: str | None
    actors: frozenset[str]              # normalised source-role actor names
    sectors: frozenset[str]             # their sectors
    figures: dict[str, list[tuple[float, float, bool]]]  # kind -> [(low, high, is_update)]
    explicit_day: bool = True           # False: the day is the publication day, not said in the text
    acled: tuple[str, str] | None = None  # (event type, sub-event type)
    shown: tuple | None = None          # the event's own (place name, country, admin1, lat, lon, precision)
    mode: str | None = None             # PLOVER mode as extracted
    weapon: str | None = None           # WEAPONS group of the event's mode; None = not said
    district: str | None = None         # normalised own district-level place (a part of a city)
    doers: frozenset[str] | None = frozenset()  # source sectors, else names; None = a pronoun ("they")
    targets: frozenset[str] = frozenset()       # target sectors
    pos: int = 0                        # trigger offset: an article's events are visited in text order

    @property
    def block(self) -> tuple[str, str]:
        return self.family, self.country or f"?{self.place or ''}"


@dataclass
class Cluster:
    seed: Item
    members: list[tuple[Item, float | None]] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    days: set[int] = field(default_factory=set)
    subs: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    geonames: set[int] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)
    admin1s: set[str] = field(default_factory=set)
    weapons: set[str] = field(default_factory=set)
    districts: set[str] = field(default_factory=set)
    by_article: dict[str, list[Item]] = field(default_factory=dict)
    figures: dict[str, list[tuple[float, float, str]]] = field(default_factory=dict)  # kind -> (lo, hi, published)
    latest: str = ""

    def add(self, it: Item, score: float | None) -> None:
        self.members.append((it, score))
        self.articles.add(it.article_id)
        self.by_article.setdefault(it.article_id, []).append(it)
        if it.weapon:
            self.weapons.add(it.weapon)
        if it.district:
            self.districts.add(it.district)
        self.days.add(it.day)
        if it.sub_type:
            self.subs.add(it.sub_type)
        self.actors |= it.actors
        self.sectors |= it.sectors
        if it.precise:
            if it.place:
                self.places.add(it.place)
            if it.geonameid is not None:
                self.geonames.add(it.geonameid)
            if it.lat is not None and it.lon is not None:
                self.points.append((it.lat, it.lon))
        if it.admin1:
            self.admin1s.add(it.admin1)
        for kind, figs in it.figures.items():
            self.figures.setdefault(kind, []).extend((lo, hi, it.published) for lo, hi, _ in figs)
        self.latest = max(self.latest, it.published)

    @property
    def precise(self) -> bool:
        return bool(self.places or self.geonames)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = a, b
    p1, p2 = math.radians(la1), math.radians(la2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _mid(lo: float, hi: float) -> float:
    return (lo + hi) / 2 if math.isfinite(hi) else lo


def kept_apart(a: Item, b: Item) -> bool:
    """Two events of one article that its own coreference kept apart for a reason we can see:
    different weapons, districts, doers or targets (the rules of nlp/event_coref.py). They are
    two happenings, so no cluster may hold both. Events with nothing to tell them apart ("the
    attack" next to "killed") may still share one: coreference often misses those."""
    if a.weapon and b.weapon and a.weapon != b.weapon:
        return True
    if a.district and b.district and a.district != b.district:
        return True
    if a.doers and b.doers and not a.doers & b.doers:
        return True
    # Targets only split when one side is the state and the other not ("policemen" vs "people"):
    # "people", "protesters" and "rioters" are often one crowd named differently.
    return bool(a.targets and b.targets and not a.targets & b.targets
                and bool(a.targets & STATE) != bool(b.targets & STATE))


def score(it: Item, cl: Cluster, cfg: MergeConfig) -> float | None:
    """How much evidence says `it` is `cl`'s event; None = cannot be (hard constraint)."""
    if min(abs(it.day - d) for d in cl.days) > cfg.window_days:
        return None
    if any(kept_apart(it, m) for m in cl.by_article.get(it.article_id, ())):
        return None  # the article itself says these are two events
    if it.district and cl.districts and it.district not in cl.districts:
        return None  # Lyari and Saddar are both in Karachi, but two districts are two events
    s = 1.0  # same family, place block and date window
    if it.article_id in cl.articles:
        s += cfg.w_same_article
    # place
    if it.precise and cl.precise:
        same = (it.geonameid is not None and it.geonameid in cl.geonames) or (it.place in cl.places)
        if not same and it.lat is not None and cl.points:
            same = min(_km((it.lat, it.lon), p) for p in cl.points) <= cfg.radius_km  # type: ignore[arg-type]
        if not same:
            return None  # two different towns are two events
        s += cfg.w_same_place
    elif it.country is None and it.place is None:
        s += cfg.w_no_place
    elif it.admin1 and it.admin1 in cl.admin1s:
        s += cfg.w_near_place
    # day
    if it.day in cl.days:
        s += cfg.w_same_day
    # weapon: a shooting and a grenade attack in one city on one day are two attacks
    if it.weapon and cl.weapons and it.weapon not in cl.weapons:
        s += cfg.w_diff_weapon
    # ACLED sub-type. Within one article, an event with no mode at all ("wounded", "the attack")
    # has a default sub-type: it is no evidence against the article's own event.
    if it.sub_type and cl.subs:
        if it.sub_type in cl.subs:
            s += cfg.w_same_subtype
        elif it.mode or it.article_id not in cl.articles:
            s += cfg.w_diff_subtype
    # actors (speaker/perpetrator aware)
    if it.actors and cl.actors:
        if it.actors & cl.actors:
            s += cfg.w_shared_actor
        elif it.sectors & cl.sectors or _umbrella(it.sectors, cl.sectors):
            s += cfg.w_shared_sector
        else:
            s += cfg.w_diff_actor
    # figures (number aware)
    for kind, figs in it.figures.items():
        theirs = cl.figures.get(kind)
        if not theirs:
            continue
        best = math.inf
        for lo, hi, upd in figs:
            for tlo, thi, tpub in theirs:
                if lo <= thi and tlo <= hi:
                    best = 1.0
                    break
                m1, m2 = max(_mid(lo, hi), 1.0), max(_mid(tlo, thi), 1.0)
                ratio = max(m1, m2) / min(m1, m2)
                if m1 > m2 and upd:
                    ratio = 1.0  # "the toll rose to 40": an update of this event
                elif m1 > m2 and it.published > tpub:
                    ratio = min(ratio, cfg.far_ratio)  # tolls grow over days: a later, larger figure is no clash
                best = min(best, ratio)
            if best == 1.0:
                break
        if best <= cfg.close_ratio:
            s += cfg.w_close_figure
        elif best > cfg.far_ratio:
            s += cfg.w_far_figure
    return s


def _umbrella(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> bool:
    """"Security forces" on one side, police or soldiers on the other: one outlet's umbrella
    term for the other's forces, not a different doer (police and soldiers stay apart)."""
    return ("security forces" in a and bool(b & _FORCES)) or ("security forces" in b and bool(a & _FORCES))


_FORCES = frozenset({"police", "military"})


class _Clusterer:
    """Greedy assignment over items arriving in (block, day, published, ids) order.

    Clusters whose last day is more than ``window_days`` behind the current item can take
    no more members: ``add`` hands them back as finished, so memory stays bounded by the
    events of one block within one window, not by the corpus.
    """

    def __init__(self, cfg: MergeConfig):
        self.cfg = cfg
        self.open: dict[int, Cluster] = {}
        self.index: dict[tuple[str, str, int], list[int]] = defaultdict(list)
        self.next_id = 0
        self.block: tuple[str, str] | None = None
        self.day = 0

    def add(self, it: Item) -> list[Cluster]:
        cfg = self.cfg
        if it.block != self.block:
            done = self.finish()
        elif it.day != self.day:  # clusters only age when the day moves on
            done = self._expire(it.day - cfg.window_days)
        else:
            done = []
        self.block, self.day = it.block, it.day
        fam, where = it.block
        cand: list[int] = []
        seen: set[int] = set()
        for d in range(it.day - cfg.window_days, it.day + cfg.window_days + 1):
            for ci in self.index.get((fam, where, d), ()):
                if ci not in seen:
                    seen.add(ci)
                    cand.append(ci)
        best, best_score = None, cfg.threshold
        for ci in cand[-cfg.max_candidates:]:  # the most recent clusters are the likeliest
            sc = score(it, self.open[ci], cfg)
            if sc is not None and sc >= best_score and (best is None or sc > best_score):
                best, best_score = ci, sc
        if best is None:
            best, used = self.next_id, None
            self.open[best] = Cluster(seed=it)
            self.next_id += 1
        else:
            used = best_score
        self.open[best].add(it, used)
        key = (fam, where, it.day)
        if best not in self.index[key]:
            self.index[key].append(best)
        return done

    def _expire(self, before_day: int) -> list[Cluster]:
        gone = [ci for ci, cl in self.open.items() if max(cl.days) < before_day]
        if not gone:
            return []
        for key in [k for k in self.index if k[2] < before_day]:
            del self.index[key]
        return [self.open.pop(ci) for ci in gone]

    def finish(self) -> list[Cluster]:
        done = [self.open[ci] for ci in sorted(self.open)]
        self.open.clear()
        self.index.clear()
        return done


def cluster_items(items: Iterable[Item], cfg: MergeConfig = MergeConfig()) -> list[Cluster]:
    """Greedy blocked clustering of items in memory (the store streams instead); deterministic."""
    clusterer = _Clusterer(cfg)
    out: list[Cluster] = []
    for it in sorted(items, key=_order):
        out.extend(clusterer.add(it))
    out.extend(clusterer.finish())
    return out


def _order(it: Item) -> tuple:
    return it.block, it.day, it.published, it.article_id, it.pos, it.event_id


# -- store side -------------------------------------------------------------------------------

def _family_sql() -> str:
    whens = " ".join(f"WHEN '{t}' THEN '{f}'" for t, f in FAMILIES.items())
    return f"CASE e.type {whens} ELSE e.type END"


# Work tables live in the store file, inside the merge transaction (never committed): unlike
# TEMP tables they are buffer-managed, so a large corpus does not have to fit in memory.
# One row per factual event with what merging needs, the article's borrowing rules applied
# (see _fill docs in docs/merging.md), and its figures as a list. Kept in DuckDB, not Python.
ITEMS_SQL = """
CREATE OR REPLACE TABLE _merge_items AS
WITH single AS (
    SELECT article_id, any_value(id) AS event_id FROM events GROUP BY article_id HAVING count(*) = 1
), figs AS (
    SELECT q.article_id, coalesce(q.event_id, sg.event_id) AS event_id,
           list({{'kind': q.kind, 'low': q.low,
                  'high': CASE WHEN q.high IS NOT NULL THEN q.high
                               WHEN q.qualifier IN ('at_least', 'over') THEN 'inf'::DOUBLE ELSE q.low END,
                  'upd': regexp_matches(substring(a.text, greatest(q.start - {ctx} + 1, 1), least(q.start, {ctx})),
                                        $cue)}}) AS figures
    FROM quantities q JOIN articles a ON a.id = q.article_id
    LEFT JOIN single sg ON sg.article_id = q.article_id
    WHERE q.low IS NOT NULL AND q.kind <> 'other' AND coalesce(q.event_id, sg.event_id) IS NOT NULL
    GROUP BY ALL
), aplace AS (
    SELECT article_id, arg_min(name, idx) AS name, arg_min(country, idx) AS country, arg_min(admin1, idx) AS admin1
    FROM places WHERE country IS NOT NULL GROUP BY article_id
), ev AS (
    SELECT e.*, {family} AS family, e.date_precision IN ('day', 'part_of_day') AS explicit_day
    FROM events e WHERE e.modality IN (SELECT unnest($factual)) AND e.event_day IS NOT NULL
), filled AS (
    SELECT ev.*,
        first_value(CASE WHEN country IS NOT NULL THEN {{'c': country, 'a': admin1, 'p': place_name}} END
                    IGNORE NULLS) OVER w AS donor,
        first_value(CASE WHEN explicit_day THEN event_day END IGNORE NULLS) OVER w AS donor_day
    FROM ev
    WINDOW w AS (PARTITION BY article_id, family ORDER BY trigger_start, id
                 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
SELECT f.article_id, f.id AS event_id, f.type, f.family, f.acled_event_type, f.acled_sub_event_type,
       f.mode, f.trigger, f.trigger_start,
       f.place_name, f.country AS own_country, f.admin1 AS own_admin1, f.geonameid, f.lat, f.lon,
       f.place_precision, f.explicit_day,
       CASE WHEN f.country IS NULL AND f.place_name IS NULL THEN coalesce(f.donor.c, ap.country) ELSE f.country END
           AS country,
       CASE WHEN f.country IS NULL AND f.place_name IS NULL
            THEN (CASE WHEN f.donor IS NOT NULL THEN f.donor.a ELSE ap.admin1 END) ELSE f.admin1 END AS admin1,
       CASE WHEN f.country IS NULL AND f.place_name IS NULL
            THEN (CASE WHEN f.donor IS NOT NULL THEN f.donor.p ELSE ap.name END) ELSE f.place_name END AS place,
       CASE WHEN f.explicit_day THEN f.event_day ELSE coalesce(f.donor_day, f.event_day) END AS day,
       coalesce(a.published, '') AS published, a.outlet, f.actors, fg.figures
FROM filled f JOIN articles a ON a.id = f.article_id
LEFT JOIN aplace ap ON ap.article_id = f.article_id
LEFT JOIN figs fg ON fg.article_id = f.article_id AND fg.event_id = f.id
"""

# Python's _norm, in SQL: the block key of an event with no country is its place name.
_WHERE_SQL = ("coalesce(country, '?' || coalesce(array_to_string(string_split_regex(trim("
              "replace(lower(place), 'the ', ' ')), '\\s+'), ' '), ''))")
# Numbered in merge order (block, day, publication, article, text order): paging by number is
# cheap (zone maps). Text order lets an article's first, fullest mention seed its cluster.
NUMBER_SQL = f"""
CREATE OR REPLACE TABLE _merge_order AS
SELECT *, row_number() OVER (ORDER BY family, {_WHERE_SQL}, day, published, article_id, trigger_start,
                                  event_id) AS rn
FROM _merge_items ORDER BY rn
"""
PAGE_SQL = "SELECT * EXCLUDE (rn) FROM _merge_order WHERE rn > ? AND rn <= ? ORDER BY rn"


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("the ", " ").split())


def _prepare(store: "Store") -> int:
    """Build the numbered item table in DuckDB; returns how many events it holds."""
    sql = ITEMS_SQL.format(ctx=CONTEXT_CHARS, family=_family_sql())
    store.con.execute(sql, {"factual": list(FACTUAL), "cue": "(?i)" + UPDATE_CUE.pattern})
    store.con.execute(NUMBER_SQL)
    store.con.execute("DROP TABLE _merge_items")
    return store.con.execute("SELECT count(*) FROM _merge_order").fetchone()[0]


def _weapon(mode: str | None, trigger: str | None) -> str | None:
    if mode == "primitive" and trigger and trigger.lower().split()[-1].startswith(_THROW):
        return None
    return WEAPONS.get(mode or "")


def _doers(acts: list[dict]) -> frozenset[str] | None:
    """The doers' sectors; None for a pronoun ("they" may be anyone). Only sectors, not bare
    names: a doer named "group" or "attack" without a sector is too often a parsing slip to
    split an article's events on."""
    if any((a.get("text") or a["name"]).lower() in _PRONOUNS for a in acts):
        return None
    return frozenset(a["sector"] for a in acts if a.get("sector"))


def _item(r: dict) -> Item:
    every = json.loads(r["actors"] or "[]")
    acts = [a for a in every if a.get("role") == "source" and a.get("name")]
    figures: dict[str, list[tuple[float, float, bool]]] = {}
    for f in r["figures"] or ():
        figures.setdefault(f["kind"], []).append((f["low"], f["high"], bool(f["upd"])))
    own_place, own_country, prec = r["place_name"], r["own_country"], r["place_precision"]
    day = r["day"]
    return Item(
        article_id=r["article_id"], event_id=r["event_id"], type=r["type"], family=r["family"],
        sub_type=r["acled_sub_event_type"], country=r["country"], admin1=r["admin1"],
        place=_norm(r["place"]) if r["place"] else None, geonameid=r["geonameid"], lat=r["lat"], lon=r["lon"],
        # a borrowed place is not precise: it can join a town's cluster but never splits one
        precise=bool(own_place) and (prec in CITY_PRECISION or (prec is None and not own_country)),
        day=day.toordinal() if isinstance(day, date) else int(day), published=r["published"], outlet=r["outlet"],
        actors=frozenset(_norm(a["name"]) for a in acts), sectors=frozenset(a["sector"] for a in acts if a.get("sector")),
        figures=figures, explicit_day=bool(r["explicit_day"]),
        acled=(r["acled_event_type"], r["acled_sub_event_type"]) if r["acled_event_type"] else None,
        shown=(own_place, own_country, r["own_admin1"], r["lat"], r["lon"], prec),
        mode=r["mode"], weapon=_weapon(r["mode"], r["trigger"]),
        district=_norm(own_place) if own_place and prec == "district" else None,
        doers=_doers(acts), pos=int(r["trigger_start"] or 0),
        targets=frozenset(a["sector"] for a in every if a.get("role") == "target" and a.get("sector")),
    )


def _items(store: "Store", n: int, page: int = 4096) -> Iterator[Item]:
    """Items in merge order, a page at a time. Each page is fetched whole, so the caller may
    write to the same connection (and transaction) between pages."""
    for lo in range(0, n, page):
        res = store.con.execute(PAGE_SQL, [lo, lo + page])
        cols = [d[0] for d in res.description]
        for row in res.fetchall():
            yield _item(dict(zip(cols, row)))


def load_items(store: "Store") -> list[Item]:
    """Every factual event of the store as merging sees it (for tests and analysis; merge streams)."""
    n = _prepare(store)
    items = list(_items(store, n))
    store.con.execute("DROP TABLE IF EXISTS _merge_order")
    return items


def merge_store(store: "Store", cfg: MergeConfig = MergeConfig(), *, flush_every: int = 1000) -> dict[str, int]:
    """Recompute every cluster of the store in one transaction. Returns counts.

    Memory is bounded by one block's open clusters plus ``flush_every`` finished ones:
    events are streamed from DuckDB block by block, and finished clusters are written
    as they come.
    """
    counts = {"events": 0, "clusters": 0, "multi": 0}
    with store.transaction():  # readers never see a half-made clustering
        store.replace_clusters([], [])
        n = _prepare(store)
        clusterer = _Clusterer(cfg)
        pending: list[Cluster] = []
        for it in _items(store, n):
            counts["events"] += 1
            pending.extend(clusterer.add(it))
            if len(pending) >= flush_every:
                _write_clusters(store, pending, counts)
                pending = []
        pending.extend(clusterer.finish())
        _write_clusters(store, pending, counts)
        store.con.execute("DROP TABLE IF EXISTS _merge_order")
        _write_summaries(store)
    return counts


# ACLED's residual sub-types: a report coded with one of them says less about what happened.
_RESIDUAL_SUBTYPES = frozenset({"Other", "Change to group/activity"})


def _cluster_acled(items: list[Item]) -> tuple[str, str] | None:
    """The members' most common ACLED (type, sub-type); a tie goes to a specific sub-type
    ("Arrests") over a residual one ("Other"), then to the earliest member's."""
    counts = Counter(it.acled for it in items if it.acled)
    if not counts:
        return None
    top = max(counts.values())
    tied = [label for label, n in counts.items() if n == top]  # insertion order: earliest first
    return min(tied, key=lambda label: label[1] in _RESIDUAL_SUBTYPES)


def _write_clusters(store: "Store", clusters: list[Cluster], counts: dict[str, int]) -> None:
    cluster_rows, member_rows = [], []
    for cl in clusters:
        cid = content_id("cl", cl.seed.article_id, cl.seed.event_id)
        its = [it for it, _ in cl.members]
        name, country, admin1, lat, lon, _p = max(
            (it.shown for it in its if it.shown), key=lambda s: (_PREC_RANK.get(s[5], 0), s[0] is not None))
        days = sorted(date.fromordinal(it.day) for it in its)
        typ = Counter(it.type for it in its).most_common(1)[0][0]
        acled = _cluster_acled(its)
        cluster_rows.append({
            "id": cid, "type": typ, "family": cl.seed.family,
            "acled_event_type": acled[0] if acled else None,
            "acled_sub_event_type": acled[1] if acled else None,
            "place_name": name, "country": country or cl.seed.country, "admin1": admin1, "lat": lat, "lon": lon,
            "date_earliest": days[0].isoformat(), "date_latest": days[-1].isoformat(),
            "n_events": len(its), "n_articles": len(cl.articles),
            "n_outlets": len({it.outlet for it in its if it.outlet}) or len(cl.articles),
            "conflict": False, "summary": "{}",
            "title": " ".join(x for x in (typ.lower(), name and f"in {name}", f"on {days[0].isoformat()}") if x),
        })
        member_rows.extend({"cluster_id": cid, "article_id": it.article_id, "event_id": it.event_id, "score": sc}
                           for it, sc in cl.members)
        counts["clusters"] += 1
        counts["multi"] += len(cl.articles) > 1
    store.append_clusters(cluster_rows, member_rows)


_PREC_RANK = {"district": 4, "city": 3, "admin1": 2, "country": 1}


def _write_summaries(store: "Store", chunk: int = 1000) -> None:
    """Per-kind range and conflict flag of each cluster, a chunk of clusters at a time."""
    from .disagreement import load_figures

    last = ""
    while ids := [r[0] for r in store.con.execute(
            "SELECT id FROM clusters WHERE id > ? ORDER BY id LIMIT ?", [last, chunk]).fetchall()]:
        last = ids[-1]
        updates = []
        for cid, kinds in load_figures(store, ids).items():
            views = {k: summarize(k, fs) for k, fs in kinds.items()}
            summary = {k: {"low": v.low, "high": v.high, "open_ended": v.open_ended,
                           "n_figures": len(v.figures), "conflict": v.conflict} for k, v in sorted(views.items())}
            updates.append({"id": cid, "conflict": any(v.conflict for v in views.values()),
                            "summary": json.dumps(summary)})
        store.update_clusters(updates)


def config_dict(cfg: MergeConfig) -> dict:
    return asdict(cfg)


__all__ = ["MergeConfig", "Item", "Cluster", "cluster_items", "load_items", "merge_store", "FAMILIES", "Figure"]
