"""Small, shared formatters: numbers with their bounds, source names, dates."""

from __future__ import annotations

from ..records import DateValue, Quantity, Report


def _num(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.1f}"


def format_bounds(low: float | None, high: float | None, qualifier: str | None = None) -> str:
    """'≥ 6', '≤ 4,000', '6–9', '~300', '20,000' — the figure as the source bounded it."""
    if low is None and high is None:
        return "?"
    if low is not None and high is not None:
        if low == high:
            return ("~" if qualifier == "about" else "") + _num(low)
        return f"{_num(low)}–{_num(high)}"
    if low is not None:
        return f"≥ {_num(low)}"
    return f"≤ {_num(high)}"  # type: ignore[arg-type]


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
