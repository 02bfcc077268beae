"""Small, shared formatters: numbers with their bounds, source names, dates."""

from __future__ import annotations

import math

from ..records import DateValue, Quantity, Report


def number(value: float | int | None) -> str:
    """4000 -> '4,000'; 2.5 -> '2.5'; None -> ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def format_bounds(low: float | None, high: float | None, qualifier: str | None = None) -> str:
    """A figure as a reader should see it: '6', '≥ 6', '≤ 4,000', '6–9', '~ 50'.

    The bounds are the truth and the qualifier only picks the sign, so a record with
    qualifier 'at_least' but both bounds set still shows the range it claims.
    """
    if low is None and high is None:
        return "some" if qualifier == "vague" else "?"
    if low is not None and high is not None:
        if low == high:
            return f"{'~ ' if qualifier == 'about' else ''}{number(low)}"
        return f"{number(low)}–{number(high)}"
    # One-sided bounds are inclusive in the record ("more than 2,000" is stored as
    # low=2001), so the sign is always ≥ / ≤ whatever the qualifier said.
    if low is not None:
        return f"{'~ ' if qualifier == 'about' else '≥ '}{number(low)}"
    return f"{'~ ' if qualifier == 'about' else '≤ '}{number(high)}"


def format_quantity(q: Quantity) -> str:
    what = q.counted.text if q.counted else ""
    vague = " (vague)" if q.qualifier == "vague" else ""
    return f"{q.kind} {format_bounds(q.low, q.high, q.qualifier)}{vague}" + (f" {what}" if what else "")


def format_date(d: DateValue | None) -> str:
    if d is None:
        return ""
    if d.earliest == d.latest or d.precision == "day":
        when = d.earliest[:10] if d.precision == "day" else d.earliest
    else:
        when = f"{d.earliest} … {d.latest}"
    return f"{when} ({d.precision})"


def source_names(report: Report, ids: list[str]) -> list[str]:
    names = {s.id: s.name for s in report.sources}
    return [names.get(i, i) for i in ids]


def shorten(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
