"""The disagreement view: for one real-world event, every source's figure side by side.

For each cluster (docs/merging.md) and each quantity kind (killed, injured, ...):
every figure with who gave it (source, relay chain, channel), where it was printed
(outlet, report time), its bounds and qualifier and the evidence quote; the overall
range; and a conflict flag when two figures' bounds cannot both be true.

A figure is *superseded* when a later report, or a later sentence of the same
article, updates it ("the toll rose to 40"), or the same source gives a new figure later; superseded figures are shown but do not
make a conflict, since a rising toll is news, not disagreement.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from ..errors import UsageError

if TYPE_CHECKING:
    from ..store import Store

# Words just before a figure that mark it as an update of an earlier toll.
UPDATE_CUE = re.compile(r"\b(rose|risen|rising|climbed|climbing|increased|jumped|reached|now|updated|"
                        r"revised|raising|bringing)\b[^.]*$", re.IGNORECASE)
# Words just before a figure that make it a part of a total given beside it ("the toll rose
# to 26, including six soldiers"): shown, but neither a total of its own nor an update.
PART_CUE = re.compile(r"\b(including|among them|among whom|of them|of whom|of which)\s+"
                      r"(?:at least |more than |over |some |about |nearly |almost )?$", re.IGNORECASE)
CONTEXT_CHARS = 60  # how far before a figure we look for an update cue
SENTENCE_CHARS = 240  # how far around a figure we look for its sentence (the quote of a reporter's figure)
_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+|\n")


@dataclass
class Figure:
    kind: str
    low: float | None
    high: float | None                     # None = unbounded above ("at least 12")
    qualifier: str
    text: str                              # the figure as printed
    quote: str                             # the evidence: the statement content, else the figure
    source: str | None = None              # who gives it; None = the outlet's own reporting
    source_kind: str | None = None
    via: list[str] = field(default_factory=list)
    channel: str | None = None
    outlet: str | None = None
    published: str | None = None           # report time (publication of the article)
    said_on: str | None = None             # when the source said it, if the article says
    article_id: str = ""
    event_id: str | None = None
    quantity_id: str = ""
    start: int = 0                         # offset of the figure in its article
    update: bool = False                   # phrased as an update ("rose to")
    part: bool = False                     # a part of a total beside it ("including six soldiers")
    superseded: bool = False

    @property
    def bounds(self) -> tuple[float, float]:
        low = self.low if self.low is not None else 0.0
        high = self.high if self.high is not None else (math.inf if self.qualifier in ("at_least", "over")
                                                         else low)
        return low, high

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class KindView:
    kind: str
    low: float | None                      # smallest lower bound of the current figures
    high: float | None                     # largest stated number of the current figures
    open_ended: bool                       # some current figure is unbounded above
    conflict: bool
    figures: list[Figure]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["figures"] = [f.to_dict() for f in self.figures]
        return d


def sentence(before: str, here: str) -> str:
    """The sentence around a figure, from the text before it and the text from it on."""
    starts = [m.end() for m in _BOUNDARY.finditer(before)]
    head = before[starts[-1]:] if starts else before
    end = _BOUNDARY.search(here)
    tail = here[:end.start() + 1] if end else here
    return (head + tail).strip()


def is_update(context_before: str) -> bool:
    """Does the text just before a figure phrase it as an update ("the toll rose to")?"""
    return bool(UPDATE_CUE.search(context_before[-CONTEXT_CHARS:]))


def is_part(context_before: str) -> bool:
    """Does the text just before a figure make it part of a total ("…, including six soldiers")?"""
    return bool(PART_CUE.search(context_before[-CONTEXT_CHARS:]))


def _later(g: Figure, f: Figure) -> bool:
    """g was reported after f: a later article, or further on in the same article."""
    if g.article_id and g.article_id == f.article_id:
        return g.start > f.start
    return (g.published or "") > (f.published or "")


def mark_superseded(figures: list[Figure]) -> None:
    """Flag figures replaced by a later update ("rose to 40") or by the same source's later figure."""
    for f in figures:
        f.superseded = False
    for f in figures:
        if f.part:
            continue  # a part is not replaced by the total it belongs to
        for g in figures:
            if g is f or g.part or not _later(g, f):
                continue
            if g.update and g.bounds[0] >= f.bounds[0]:
                f.superseded = True
                break
            if f.source and g.source and f.source.lower() == g.source.lower():
                f.superseded = True
                break


def conflicting(figures: Iterable[Figure]) -> bool:
    """True when two current figures' bounds do not overlap: they cannot both be right."""
    current = [f.bounds for f in figures if not f.superseded and not f.part
               and (f.low is not None or f.high is not None)]
    if len(current) < 2:
        return False
    return max(lo for lo, _ in current) > min(hi for _, hi in current)


def summarize(kind: str, figures: list[Figure]) -> KindView:
    """The per-kind view: figures in report order, overall range, conflict flag."""
    figures = sorted(figures, key=lambda f: (f.published or "", f.outlet or "", f.quantity_id))
    mark_superseded(figures)
    numeric = [f for f in figures if f.low is not None or f.high is not None]
    current = [f for f in numeric if not f.superseded and not f.part] or [f for f in numeric if not f.part] or numeric
    low = min((f.low for f in current if f.low is not None), default=None)
    stated = [f.high if f.high is not None else f.low for f in current]
    high = max((v for v in stated if v is not None), default=None)
    open_ended = any(math.isinf(f.bounds[1]) for f in current)
    return KindView(kind=kind, low=low, high=high, open_ended=open_ended, conflict=conflicting(figures),
                    figures=figures)


# -- reading figures from a store -----------------------------------------------------------

# Figures of member events. A quantity the extractor did not link to an event still counts
# when its article has a single event: there is nothing else it could be about.
FIGURES_SQL = f"""
WITH member AS (
    SELECT m.cluster_id, m.article_id, m.event_id FROM cluster_members m
    WHERE m.cluster_id IN (SELECT unnest($ids))
), single AS (
    SELECT article_id, any_value(id) AS event_id FROM events GROUP BY article_id HAVING count(*) = 1
)
SELECT mb.cluster_id, q.kind, q.low, q.high, q.qualifier, q.text, q.id AS quantity_id, q.start,
       mb.event_id, q.article_id, a.outlet, a.published,
       st.content AS quote,
       st.source_name, s.kind AS source_kind, st.via_names, st.channel, st.date_earliest AS said_on,
       substring(a.text, greatest(q.start - {SENTENCE_CHARS} + 1, 1), least(q.start, {SENTENCE_CHARS})) AS before,
       substring(a.text, q.start + 1, q."end" - q.start + {SENTENCE_CHARS}) AS here,
       q.asserted_by
FROM quantities q
JOIN articles a ON a.id = q.article_id
LEFT JOIN single sg ON sg.article_id = q.article_id
JOIN member mb ON mb.article_id = q.article_id
             AND mb.event_id = coalesce(q.event_id, sg.event_id)
LEFT JOIN statements st ON st.article_id = q.article_id AND st.id = q.statement_id
LEFT JOIN sources s ON s.article_id = st.article_id AND s.id = st.source_id
WHERE q.kind <> 'other'
"""


def load_figures(store: "Store", cluster_ids: list[str]) -> dict[str, dict[str, list[Figure]]]:
    """cluster id -> kind -> figures, for the given clusters."""
    out: dict[str, dict[str, list[Figure]]] = {}
    if not cluster_ids:
        return out
    names = _source_names(store, cluster_ids)
    for r in store.sql(FIGURES_SQL, {"ids": cluster_ids}):
        source = r["source_name"]
        if source is None and r["asserted_by"]:  # quantity attributed without a statement row
            ids = json.loads(r["asserted_by"])
            source = names.get((r["article_id"], ids[0])) if ids else None
        out.setdefault(r["cluster_id"], {}).setdefault(r["kind"], []).append(Figure(
            kind=r["kind"], low=r["low"], high=r["high"], qualifier=r["qualifier"], text=r["text"],
            quote=r["quote"] or sentence(r["before"] or "", r["here"] or r["text"]), source=source, source_kind=r["source_kind"],
            via=json.loads(r["via_names"]) if r["via_names"] else [], channel=r["channel"],
            outlet=r["outlet"], published=r["published"], said_on=r["said_on"], article_id=r["article_id"],
            event_id=r["event_id"], quantity_id=r["quantity_id"], start=r["start"],
            update=is_update(r["before"] or ""), part=is_part(r["before"] or ""),
        ))
    return out


def _source_names(store: "Store", cluster_ids: list[str]) -> dict[tuple[str, str], str]:
    rows = store.sql("SELECT s.article_id, s.id, s.name FROM sources s WHERE s.article_id IN "
                     "(SELECT article_id FROM cluster_members WHERE cluster_id IN (SELECT unnest($ids)))",
                     {"ids": cluster_ids})
    return {(r["article_id"], r["id"]): r["name"] for r in rows}


def cluster_views(store: "Store", cluster_ids: list[str]) -> dict[str, dict[str, KindView]]:
    """cluster id -> kind -> KindView."""
    figs = load_figures(store, cluster_ids)
    return {cid: {kind: summarize(kind, fs) for kind, fs in sorted(kinds.items())} for cid, kinds in figs.items()}


def resolve_cluster_id(store: "Store", ident: str) -> str:
    """A cluster id, or the id of any member event (event ids are stable, cluster ids may change)."""
    if store.sql("SELECT 1 FROM clusters WHERE id = ?", [ident]):
        return ident
    rows = store.sql("SELECT cluster_id FROM cluster_members WHERE event_id = ? ORDER BY article_id LIMIT 1",
                     [ident])
    if rows:
        return rows[0]["cluster_id"]
    raise UsageError(f"no event or cluster {ident!r} in {store.path}; list them with "
                     f"`reportedly events --db {store.path}`")


def cluster_view(store: "Store", ident: str) -> dict[str, Any]:
    """Everything `reportedly event ID` shows, JSON-safe: the cluster, its reports, its figures."""
    cid = resolve_cluster_id(store, ident)
    cluster = store.sql("SELECT * FROM clusters WHERE id = ?", [cid])[0]
    cluster["summary"] = json.loads(cluster["summary"]) if cluster.get("summary") else {}
    members = store.sql(
        "SELECT m.event_id, m.article_id, m.score, a.outlet, a.published, a.title, a.url, e.type, e.trigger, "
        "e.place_name, e.date_earliest, e.modality FROM cluster_members m "
        "JOIN articles a ON a.id = m.article_id "
        "JOIN events e ON e.article_id = m.article_id AND e.id = m.event_id "
        "WHERE m.cluster_id = ? ORDER BY a.published, a.outlet, m.event_id", [cid])
    kinds = cluster_views(store, [cid]).get(cid, {})
    return {"cluster": cluster, "reports": members,
            "quantities": {k: v.to_dict() for k, v in kinds.items()}}
