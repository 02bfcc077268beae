"""The `--format table` view: who says what, and what happened, for people."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..records import Report
from .format import format_bounds, format_date, format_quantity, shorten, source_names


def report_renderable(report: Report) -> Group:
    art = report.article
    head = Text()
    head.append(art.title or "(untitled)", style="bold")
    meta = " · ".join(x for x in (art.outlet, art.published, art.url) if x)
    if meta:
        head.append(f"\n{meta}", style="dim")
    return Group(head, statements_table(report), events_table(report))


def statements_table(report: Report) -> Table:
    table = Table(title=f"Statements ({len(report.statements)})", title_justify="left", expand=True)
    for col, kw in (("who", {"ratio": 2}), ("via", {"ratio": 2}), ("channel", {"ratio": 1}),
                    ("hedges", {"ratio": 1}), ("kind", {"ratio": 1}), ("says", {"ratio": 6})):
        table.add_column(col, overflow="fold", **kw)
    names = {s.id: s for s in report.sources}
    for st in sorted(report.statements, key=lambda s: s.content.start):
        src = names.get(st.source) if st.source else None
        who = f"{src.name} [{src.kind}]" if src else "(reporter)"
        if st.source_span and src and st.source_span.text != src.name:
            who += f" ← “{st.source_span.text}”"
        table.add_row(who, ", ".join(source_names(report, st.via)), st.channel or "", ", ".join(st.hedges),
                      st.kind, shorten(st.content.text))
    return table


def events_table(report: Report) -> Table:
    table = Table(title=f"Events ({len(report.events)})", title_justify="left", expand=True)
    for col, kw in (("type", {"ratio": 2}), ("trigger", {"ratio": 1}), ("modality", {"ratio": 1}),
                    ("actors", {"ratio": 3}), ("numbers", {"ratio": 3}), ("place", {"ratio": 2}),
                    ("date", {"ratio": 2}), ("asserted by", {"ratio": 2})):
        table.add_column(col, overflow="fold", **kw)
    by_event: dict[str, list[str]] = {}
    for q in report.quantities:
        if q.event:
            by_event.setdefault(q.event, []).append(format_quantity(q))
    for ev in sorted(report.events, key=lambda e: e.trigger.start):
        kind = ev.type + (f"/{ev.mode}" if ev.mode else "")
        if ev.acled:
            kind += f"\n{ev.acled.sub_event_type}"
        actors = "; ".join(f"{a.role}: {a.name}" + (f" ({a.sector}" + (f", {a.country})" if a.country else ")")
                                                     if a.sector else "") for a in ev.actors)
        place = ""
        if ev.place:
            place = ev.place.name + (f", {ev.place.country}" if ev.place.country else "")
        table.add_row(kind, ev.trigger.text, ev.modality, actors, "\n".join(by_event.get(ev.id, [])), place,
                      format_date(ev.date), ", ".join(source_names(report, ev.asserted_by)) or "(reporter)")
    loose = [q for q in report.quantities if not q.event]
    if loose:
        table.caption = "Numbers not linked to an event: " + "; ".join(
            f"{q.kind} {format_bounds(q.low, q.high, q.qualifier)} “{q.text}”" for q in loose)
    return table
