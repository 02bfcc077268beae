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
   emit "attacked" and "killed", or an attack and a bombing, for one happening;
   distinct events in one article differ in place, actors or figures and stay apart.

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
from typing import TYPE_CHECKING, Iterable

from ..records import content_id
from .disagreement import CONTEXT_CHARS, Figure, is_update, summarize

if TYPE_CHECKING:
    from ..store import Store

# Types that may describe the same happening; anything else is its own family.
FAMILIES: dict[str, str] = {"ASSAULT": "violence", "COERCE": "coercion", "PROTEST": "protest",
                            "MOBILIZE": "mobilize", "THREATEN": "threat"}
# Only things said to have happened are real-world events; threats, plans, denials are not clustered.
FACTUAL = ("asserted", "alleged")
CITY_PRECISION = ("city", "district")


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


@dataclass
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
    figures: dict[str, list[tuple[float, float, str]]] = field(default_factory=dict)  # kind -> (lo, hi, published)
    latest: str = ""

    def add(self, it: Item, score: float | None) -> None:
        self.members.append((it, score))
        self.articles.add(it.article_id)
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


def score(it: Item, cl: Cluster, cfg: MergeConfig) -> float | None:
    """How much evidence says `it` is `cl`'s event; None = cannot be (hard constraint)."""
    if min(abs(it.day - d) for d in cl.days) > cfg.window_days:
        return None
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
    # ACLED sub-type
    if it.sub_type and cl.subs:
        s += cfg.w_same_subtype if it.sub_type in cl.subs else cfg.w_diff_subtype
    # actors (speaker/perpetrator aware)
    if it.actors and cl.actors:
        if it.actors & cl.actors:
            s += cfg.w_shared_actor
        elif it.sectors & cl.sectors:
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


def cluster_items(items: Iterable[Item], cfg: MergeConfig = MergeConfig()) -> list[Cluster]:
    """Greedy blocked clustering; deterministic for a given set of items."""
    ordered = sorted(items, key=lambda i: (i.block, i.day, i.published, i.article_id, i.event_id))
    clusters: list[Cluster] = []
    index: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for it in ordered:
        fam, where = it.block
        cand: list[int] = []
        seen: set[int] = set()
        for d in range(it.day - cfg.window_days, it.day + cfg.window_days + 1):
            for ci in index.get((fam, where, d), ()):
                if ci not in seen:
                    seen.add(ci)
                    cand.append(ci)
        best, best_score = None, cfg.threshold
        for ci in cand[-cfg.max_candidates:]:  # the most recent clusters are the likeliest
            sc = score(it, clusters[ci], cfg)
            if sc is not None and sc >= best_score and (best is None or sc > best_score):
                best, best_score = ci, sc
        if best is None:
            clusters.append(Cluster(seed=it))
            best, sc_used = len(clusters) - 1, None
        else:
            sc_used = best_score
        cl = clusters[best]
        cl.add(it, sc_used)
        key = (fam, where, it.day)
        if best not in index[key]:
            index[key].append(best)
    return clusters


# -- store side -------------------------------------------------------------------------------

EVENTS_SQL = """
SELECT e.article_id, e.id, e.type, e.acled_sub_event_type, e.country, e.admin1, e.place_name, e.geonameid,
       e.lat, e.lon, e.place_precision, e.event_day, e.date_precision, e.actors,
       coalesce(a.published, '') AS published, a.outlet
FROM events e JOIN articles a ON a.id = e.article_id
WHERE e.modality IN (SELECT unnest($factual)) AND e.event_day IS NOT NULL
ORDER BY e.article_id, e.trigger_start, e.id
"""

# The article's first resolved place: the fallback location of its placeless events.
ARTICLE_PLACE_SQL = """
SELECT article_id, arg_min(name, idx), arg_min(country, idx), arg_min(admin1, idx)
FROM places WHERE country IS NOT NULL GROUP BY article_id
"""

# Same rule as the disagreement view: an unlinked figure belongs to its article's only event.
ITEM_FIGURES_SQL = f"""
WITH single AS (
    SELECT article_id, any_value(id) AS event_id FROM events GROUP BY article_id HAVING count(*) = 1
)
SELECT q.article_id, coalesce(q.event_id, sg.event_id) AS event_id, q.kind, q.low, q.high, q.qualifier,
       substring(a.text, greatest(q.start - {CONTEXT_CHARS} + 1, 1), least(q.start, {CONTEXT_CHARS})) AS before
FROM quantities q JOIN articles a ON a.id = q.article_id
LEFT JOIN single sg ON sg.article_id = q.article_id
WHERE q.low IS NOT NULL AND q.kind <> 'other' AND coalesce(q.event_id, sg.event_id) IS NOT NULL
"""


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("the ", " ").split())


def load_items(store: "Store") -> list[Item]:
    """Every factual event of the store, with its figures, as merging sees it."""
    figs: dict[tuple[str, str], dict[str, list[tuple[float, float, bool]]]] = defaultdict(dict)
    cur = store.con.execute(ITEM_FIGURES_SQL)
    while rows := cur.fetchmany(10000):
        for aid, eid, kind, low, high, qual, before in rows:
            hi = high if high is not None else (math.inf if qual in ("at_least", "over") else low)
            figs[(aid, eid)].setdefault(kind, []).append((low, hi, is_update(before or "")))
    article_place = {r[0]: r[1:] for r in store.con.execute(ARTICLE_PLACE_SQL).fetchall()}
    items: list[Item] = []
    article: list[Item] = []
    cur = store.con.execute(EVENTS_SQL, {"factual": list(FACTUAL)})
    while rows := cur.fetchmany(10000):
        for (aid, eid, typ, sub, country, admin1, place, gid, lat, lon, prec, day, dprec, actors,
             published, outlet) in rows:
            if article and article[0].article_id != aid:
                items.extend(_fill_from_article(article, article_place))
                article = []
            acts = [a for a in json.loads(actors or "[]") if a.get("role") == "source" and a.get("name")]
            article.append(Item(
                article_id=aid, event_id=eid, type=typ, family=FAMILIES.get(typ, typ), sub_type=sub,
                country=country, admin1=admin1, place=_norm(place) if place else None, geonameid=gid,
                lat=lat, lon=lon, precise=bool(place) and (prec in CITY_PRECISION or (prec is None and not country)),
                day=day.toordinal() if isinstance(day, date) else int(day), published=published, outlet=outlet,
                actors=frozenset(_norm(a["name"]) for a in acts),
                sectors=frozenset(a["sector"] for a in acts if a.get("sector")),
                figures=figs.get((aid, eid), {}), explicit_day=dprec in ("day", "part_of_day"),
            ))
    items.extend(_fill_from_article(article, article_place))
    return items


def _fill_from_article(events: list[Item], article_place: dict[str, tuple]) -> list[Item]:
    """Placeless / undated events borrow from a same-family event of their article, else its first place."""
    for it in events:
        if it.country is None and it.place is None:
            donor = next((o for o in events if o.family == it.family and o.country), None)
            if donor is not None:
                it.country, it.admin1, it.place = donor.country, donor.admin1, donor.place
            elif it.article_id in article_place:
                name, it.country, it.admin1 = article_place[it.article_id]
                it.place = _norm(name)
            # borrowed, so not precise: it can join a town's cluster but never splits one
        if not it.explicit_day:
            donor = next((o for o in events if o.family == it.family and o.explicit_day), None)
            if donor is not None:
                it.day = donor.day
    return events


def merge_store(store: "Store", cfg: MergeConfig = MergeConfig()) -> dict[str, int]:
    """Recompute every cluster of the store (one transaction). Returns counts."""
    items = load_items(store)
    clusters = cluster_items(items, cfg)
    cluster_rows, member_rows = [], []
    meta = {(r["article_id"], r["id"]): r for r in store.sql(
        "SELECT article_id, id, acled_event_type, acled_sub_event_type, place_name, country, admin1, lat, lon, "
        "place_precision, event_day FROM events WHERE modality IN (SELECT unnest($f))", {"f": list(FACTUAL)})}
    for cl in clusters:
        cid = content_id("cl", cl.seed.article_id, cl.seed.event_id)
        rows = [meta[(it.article_id, it.event_id)] for it, _ in cl.members]
        best_place = max(rows, key=lambda r: (_PREC_RANK.get(r["place_precision"], 0), r["place_name"] is not None))
        days = sorted(date.fromordinal(it.day) for it, _ in cl.members)
        typ = Counter(it.type for it, _ in cl.members).most_common(1)[0][0]
        acled = Counter((r["acled_event_type"], r["acled_sub_event_type"]) for r in rows
                        if r["acled_event_type"]).most_common(1)
        cluster_rows.append({
            "id": cid, "type": typ, "family": cl.seed.family,
            "acled_event_type": acled[0][0][0] if acled else None,
            "acled_sub_event_type": acled[0][0][1] if acled else None,
            "place_name": best_place["place_name"], "country": best_place["country"] or cl.seed.country,
            "admin1": best_place["admin1"], "lat": best_place["lat"], "lon": best_place["lon"],
            "date_earliest": days[0].isoformat(), "date_latest": days[-1].isoformat(),
            "n_events": len(cl.members), "n_articles": len(cl.articles),
            "n_outlets": len({it.outlet for it, _ in cl.members if it.outlet}) or len(cl.articles),
            "conflict": False, "summary": "{}",
            "title": " ".join(x for x in (typ.lower(), best_place["place_name"] and f"in {best_place['place_name']}",
                                          f"on {days[0].isoformat()}") if x),
        })
        member_rows.extend({"cluster_id": cid, "article_id": it.article_id, "event_id": it.event_id, "score": sc}
                           for it, sc in cl.members)
    with store.transaction():  # readers never see a half-made clustering
        store.replace_clusters(cluster_rows, member_rows)
        _write_summaries(store, [r["id"] for r in cluster_rows])
    return {"events": len(items), "clusters": len(cluster_rows),
            "multi": sum(1 for r in cluster_rows if r["n_articles"] > 1)}


_PREC_RANK = {"district": 4, "city": 3, "admin1": 2, "country": 1}


def _write_summaries(store: "Store", cluster_ids: list[str]) -> None:
    """Per-kind range and conflict flag of each cluster."""
    from .disagreement import load_figures

    updates: list[dict] = []
    for start in range(0, len(cluster_ids), 5000):
        chunk = cluster_ids[start:start + 5000]
        for cid, kinds in load_figures(store, chunk).items():
            views = {k: summarize(k, fs) for k, fs in kinds.items()}
            summary = {k: {"low": v.low, "high": v.high, "open_ended": v.open_ended,
                           "n_figures": len(v.figures), "conflict": v.conflict} for k, v in sorted(views.items())}
            updates.append({"id": cid, "conflict": any(v.conflict for v in views.values()),
                            "summary": json.dumps(summary)})
    store.update_clusters(updates)


def config_dict(cfg: MergeConfig) -> dict:
    return asdict(cfg)


__all__ = ["MergeConfig", "Item", "Cluster", "cluster_items", "load_items", "merge_store", "FAMILIES", "Figure"]
