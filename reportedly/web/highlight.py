"""Cut an article's text into marked segments for the Article and Analyse pages.

Input is a ``Report`` as a plain dict (``Report.to_dict()``); output is a list of
segments ``{"text", "start", "classes", "refs"}`` that the template renders as
``<span>``s. The text itself is never turned into markup here: Jinja escapes each
segment, so an article containing ``<script>`` shows as text. ``refs`` name the records
under a segment (``"st:<id>"``, ``"q:<id>"``, ...) that the page's script shows on
hover or click, from a JSON table embedded with a safe serialiser.
"""

from __future__ import annotations

from typing import Any

N_SOURCE_COLOURS = 8  # CSS defines .src-0 ... .src-7; more sources reuse colours


def source_colours(report: dict) -> dict[str | None, int]:
    """Source id -> colour slot, in order of first statement (stable for a given report)."""
    slots: dict[str | None, int] = {}
    for st in report.get("statements", []):
        key = st.get("source")
        if key not in slots:
            slots[key] = len(slots) % N_SOURCE_COLOURS
    return slots


def annotations(report: dict) -> tuple[list[tuple[int, int, str, str]], dict[str, dict]]:
    """Every marked span as (start, end, css class, ref) plus the records by ref."""
    marks: list[tuple[int, int, str, str]] = []
    records: dict[str, dict] = {}
    sources = {s["id"]: s for s in report.get("sources", [])}
    colours = source_colours(report)

    def name_of(source_id: str | None) -> str:
        if source_id is None:
            return "the reporter"
        return sources.get(source_id, {}).get("name") or source_id

    for i, st in enumerate(report.get("statements", [])):
        ref = f"st:{st.get('id') or i}"
        slot = colours.get(st.get("source"), 0)
        records[ref] = {
            "kind": "statement",
            "who": name_of(st.get("source")),
            "via": [name_of(v) for v in st.get("via", [])],
            "channel": st.get("channel"),
            "statement_kind": st.get("kind"),
            "hedges": st.get("hedges", []),
            "says": st["content"]["text"],
        }
        marks.append((st["content"]["start"], st["content"]["end"], f"st src-{slot}", ref))
        if st.get("source_span"):
            sp = st["source_span"]
            marks.append((sp["start"], sp["end"], f"who src-{slot}", ref))
        if st.get("cue"):
            marks.append((st["cue"]["start"], st["cue"]["end"], "cue", ref))
    for i, ev in enumerate(report.get("events", [])):
        ref = f"ev:{ev.get('id') or i}"
        records[ref] = {
            "kind": "event",
            "type": ev.get("type"),
            "mode": ev.get("mode"),
            "acled": ev.get("acled"),
            "modality": ev.get("modality"),
            "actors": [f"{a.get('name')} ({a.get('role')})" for a in ev.get("actors", [])],
            "place": (ev.get("place") or {}).get("name"),
            "date": (ev.get("date") or {}).get("text"),
            "asserted_by": [name_of(s) for s in ev.get("asserted_by", [])] or ["the reporter"],
        }
        seen = set()
        for span in [ev["trigger"], *ev.get("mentions", [])]:
            if (span["start"], span["end"]) in seen:
                continue
            seen.add((span["start"], span["end"]))
            marks.append((span["start"], span["end"], f"ev t-{ev.get('type')}", ref))
    for i, q in enumerate(report.get("quantities", [])):
        ref = f"q:{q.get('id') or i}"
        records[ref] = {
            "kind": "quantity",
            "quantity_kind": q.get("kind"),
            "low": q.get("low"),
            "high": q.get("high"),
            "qualifier": q.get("qualifier"),
            "counted": (q.get("counted") or {}).get("text"),
            "asserted_by": [name_of(s) for s in q.get("asserted_by", [])] or ["the reporter"],
        }
        marks.append((q["start"], q["end"], "qty", ref))
    for i, p in enumerate(report.get("places", [])):
        ref = f"p:{i}"
        records[ref] = {
            "kind": "place",
            **{k: p.get(k) for k in ("name", "country", "admin1", "lat", "lon", "precision")},
        }
        marks.append((p["start"], p["end"], "plc", ref))
    for i, d in enumerate(report.get("dates", [])):
        ref = f"d:{i}"
        records[ref] = {
            "kind": "date",
            **{k: d.get(k) for k in ("text", "earliest", "latest", "precision")},
        }
        marks.append((d["start"], d["end"], "dt", ref))
    return marks, records


def segments(text: str, marks: list[tuple[int, int, str, str]],
             target: tuple[int, int] | None = None) -> list[dict[str, Any]]:
    """Split ``text`` at every mark boundary; each piece lists the marks covering it.

    A sweep over sorted boundaries, so the cost is O(n log n) in the number of marks,
    not marks × segments. ``target`` (start, end) marks the evidence span a link
    pointed at, so the page can show it without script.
    """
    n = len(text)
    cuts = {0, n}
    for s, e, _, _ in marks:
        cuts.add(max(0, min(s, n)))
        cuts.add(max(0, min(e, n)))
    if target:
        cuts.update((max(0, min(target[0], n)), max(0, min(target[1], n))))
    bounds = sorted(cuts)
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for k, (s, e, _, _) in enumerate(marks):
        if e > s:
            starts.setdefault(s, []).append(k)
            ends.setdefault(e, []).append(k)
    active: set[int] = set()
    out: list[dict[str, Any]] = []
    for a, b in zip(bounds, bounds[1:]):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        if b <= a:
            continue
        ordered = sorted(active)
        classes: list[str] = []
        refs: list[str] = []
        for k in ordered:
            for c in marks[k][2].split():
                if c not in classes:
                    classes.append(c)
            if marks[k][3] not in refs:
                refs.append(marks[k][3])
        if target and target[0] <= a and b <= target[1]:
            classes.append("target")
        out.append({"text": text[a:b], "start": a, "classes": " ".join(classes), "refs": " ".join(refs)})
    return out


def who_says_what(report: dict) -> list[dict]:
    """Side panel: statements grouped by source, in order of first appearance."""
    sources = {s["id"]: s for s in report.get("sources", [])}
    colours = source_colours(report)
    groups: dict[str | None, dict] = {}
    for st in report.get("statements", []):
        key = st.get("source")
        if key not in groups:
            src = sources.get(key or "", {})
            groups[key] = {
                "source": key,
                "name": src.get("name") or ("the reporter" if key is None else key),
                "kind": src.get("kind"),
                "description": src.get("description"),
                "slot": colours.get(key, 0),
                "statements": [],
            }
        groups[key]["statements"].append({
            "ref": f"st:{st.get('id')}",
            "start": st["content"]["start"],
            "end": st["content"]["end"],
            "text": st["content"]["text"],
            "channel": st.get("channel"),
            "via": [sources.get(v, {}).get("name") or v for v in st.get("via", [])],
            "hedges": st.get("hedges", []),
        })
    return list(groups.values())
