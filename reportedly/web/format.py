"""Display helpers for the review UI: counts with their bounds, dates with their
precision, and stable colours per event type. Pure functions, used as Jinja filters
and by the ``.json`` twins (which carry the same display strings as the pages)."""

from __future__ import annotations

from ..output.format import format_bounds, number  # noqa: F401  (Jinja filters)

# Okabe–Ito-derived palette: distinguishable for common colour-vision deficiencies.
# Violent types get the warm colours so a map reads at a glance.
TYPE_COLOURS: dict[str, str] = {
    "ASSAULT": "#c0392b",
    "COERCE": "#d35400",
    "MOBILIZE": "#8e44ad",
    "PROTEST": "#e69f00",
    "THREATEN": "#b03a74",
    "SANCTION": "#7f5a3c",
    "ACCUSE": "#cc79a7",
    "REJECT": "#6c5b7b",
    "REQUEST": "#56b4e9",
    "RETREAT": "#0b7a75",
    "AID": "#009e73",
    "COOPERATE": "#2e86c1",
    "CONCEDE": "#5d9b9b",
    "SUPPORT": "#27ae60",
    "CONSULT": "#0072b2",
    "AGREE": "#1a5276",
}
UNKNOWN_COLOUR = "#7f8c8d"

def type_colour(event_type: str | None) -> str:
    return TYPE_COLOURS.get(event_type or "", UNKNOWN_COLOUR)


# One formatter for the CLI table and the web pages.
count = format_bounds


def date_range(earliest: str | None, latest: str | None, precision: str | None = None) -> str:
    """'2024-03-02' for a day; '2024-03-02 – 2024-03-08 (week)' otherwise."""
    if not earliest and not latest:
        return ""
    e = (earliest or "")[:10]
    l_ = (latest or "")[:10]
    if precision == "month" and e[:7] == l_[:7]:
        return e[:7]
    if precision == "year" and e[:4] == l_[:4]:
        return e[:4]
    if not l_ or e == l_:
        base = e or l_
        if precision == "part_of_day" and earliest and len(earliest) > 10:
            return f"{base} {earliest[11:16]}–{(latest or '')[11:16]}".rstrip("–")
        return base
    label = f"{e} – {l_}"
    return f"{label} ({precision})" if precision and precision != "day" else label


def label(value: str | None) -> str:
    """'press_conference' -> 'press conference'."""
    return (value or "").replace("_", " ")
