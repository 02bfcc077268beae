"""The quality gate: score reportedly against a small hand-annotated gold set.

Modelled on trafilatura's ``tests/eval_gate.py`` + ``eval_baseline.json``: the gold
articles and their annotations live in ``tests/gold/`` (matching rules in
``tests/gold/README.md``), ``tests/gold/baseline.json`` pins per-metric floors and a
sha256 fingerprint of the gold files *and* the floors, and ``tests/test_quality_gate.py``
fails when a metric drops under its floor or when the gold set or a floor changed without
the fingerprint being updated.

Run it by hand (from the repository root, venv active)::

    python tests/quality_gate.py                   # scores as JSON on stdout
    python tests/quality_gate.py --per-article     # plus per-article counts
    python tests/quality_gate.py --write-baseline  # re-measure, floors = measured rounded down to 0.05

``--write-baseline`` never lowers an existing floor unless ``--allow-lower`` is given, so a
regression cannot be blessed by accident.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

GOLD_DIR = Path(__file__).resolve().parent / "gold"
BASELINE = GOLD_DIR / "baseline.json"
FIELDS = ("statements", "events", "quantities", "places", "dates")
# Attributes scored as accuracy over matched pairs (only where the gold item specifies them).
ATTRIBUTES = {
    "statements": ("source_kind", "kind", "cue", "via", "channel", "hedges"),
    "events": ("modality", "acled", "place", "date"),
    "quantities": ("qualifier",),
    "places": ("country", "name"),
    "dates": ("interval", "precision"),
}
MIN_OVERLAP = 0.5  # statements' content: share of *each* span covered by the other
FLOOR_STEP = 0.05


class GoldError(ValueError):
    """The gold set itself is broken (a span that cannot be found, an unknown value)."""


# --------------------------------------------------------------------------- gold loading

@dataclass
class Span:
    start: int
    end: int
    text: str

    def overlap(self, other: "Span") -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@dataclass
class GoldArticle:
    name: str
    txt: Path
    annotation: dict
    published: str | None = None
    body: str = ""
    meta: dict = field(default_factory=dict)


def gold_files(gold_dir: Path = GOLD_DIR) -> list[Path]:
    """The files the fingerprint covers: every article and annotation (not README/baseline)."""
    return sorted(p for p in gold_dir.iterdir()
                  if p.suffix in (".txt", ".json") and p.name != BASELINE.name)


def read_article(path: Path) -> tuple[dict[str, str], str]:
    """The header (lower-case keys) and body of a gold ``.txt``, in the format ``reportedly``'s
    ingest reads. Parsed here, not through the package, so a broken package cannot hide a
    broken gold set (``test_gold_set_is_sound`` runs without the pipeline)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    meta: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            return meta, "\n".join(lines[i + 1:])
        key, sep, value = line.partition(":")
        if not sep:
            break
        meta[key.strip().lower()] = value.strip()
    raise GoldError(f"{path.name}: the header must end with a blank line before the body")


def load_gold(gold_dir: Path = GOLD_DIR) -> list[GoldArticle]:
    """Every ``<name>.json`` annotation with its ``<name>.txt`` article."""
    articles = []
    for ann_path in sorted(gold_dir.glob("*.json")):
        if ann_path.name == BASELINE.name:
            continue
        annotation = json.loads(ann_path.read_text(encoding="utf-8"))
        txt = gold_dir / annotation.get("article", ann_path.with_suffix(".txt").name)
        if not txt.is_file():
            raise GoldError(f"{ann_path.name}: article {txt.name} is missing; add it or fix 'article'")
        meta, body = read_article(txt)
        articles.append(GoldArticle(name=ann_path.stem, txt=txt, annotation=annotation,
                                    published=meta.get("published"), body=body,
                                    meta={"title": meta.get("title"), "outlet": meta.get("outlet"),
                                          "url": meta.get("url"), "origin": str(txt)}))
    if not articles:
        raise GoldError(f"no gold annotations (*.json) in {gold_dir}")
    return articles


def locate(text: str, spec: Any, *, base: int = 0, where: str = "") -> Span:
    """Find a gold span in ``text[base:]``: a string that occurs exactly once, or
    ``{"text": ..., "in": context}`` where the context occurs once and contains the text."""
    if isinstance(spec, str):
        needle, context = spec, None
    elif isinstance(spec, dict) and isinstance(spec.get("text"), str):
        needle, context = spec["text"], spec.get("in")
    else:
        raise GoldError(f"{where}: a span must be a string or {{'text': ..., 'in': ...}}, got {spec!r}")
    hay = context if context is not None else needle
    hits = [m.start() for m in re.finditer(re.escape(hay), text[base:])]
    if len(hits) != 1:
        fix = "give a longer, unique 'in' context" if hits else "copy it exactly from the article"
        raise GoldError(f"{where}: {hay!r} occurs {len(hits)} times in the article body; {fix}")
    start = base + hits[0]
    if context is not None:
        inner = context.find(needle)
        if inner < 0:
            raise GoldError(f"{where}: {needle!r} is not inside its context {context!r}")
        start += inner
    return Span(start, start + len(needle), needle)


def body_offset(text: str, body: str) -> int:
    """Where the article body starts in the report's text (robust to a prepended title)."""
    head = body.strip()[:60]
    at = text.find(head)
    if at < 0:
        raise GoldError("the article body was not found in the report's text; did normalisation change it?")
    return at


def resolve_annotation(ann: dict, text: str, base: int, name: str) -> dict[str, list[dict]]:
    """Gold items of every field with their spans located in ``text``."""
    out: dict[str, list[dict]] = {f: [] for f in FIELDS}
    for fld in FIELDS:
        for i, item in enumerate(ann.get(fld, [])):
            where = f"{name}.json {fld}[{i}]"
            g = dict(item)
            if fld == "statements":
                g["_content"] = locate(text, item["content"], base=base, where=where + ".content")
                g["_cue"] = (locate(text, item["cue"], base=base, where=where + ".cue")
                             if item.get("cue") is not None else None)
            elif fld == "events":
                spans = [item["trigger"], *item.get("mentions", [])]
                g["_triggers"] = [locate(text, s, base=base, where=where + ".trigger") for s in spans]
            else:
                g["_span"] = locate(text, _span_spec(item), base=base, where=where + ".text")
            out[fld].append(g)
    return out


def _span_spec(item: dict) -> Any:
    return {"text": item["text"], "in": item["in"]} if "in" in item else item["text"]


ACLED_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments", None}


def _vocabulary() -> dict[tuple[str, str], set]:
    """The values each annotated attribute may take: the contract's own enums (records.py)."""
    from typing import get_args

    from reportedly import records as r

    return {
        ("statements", "kind"): set(get_args(r.StatementKind)),
        ("statements", "channel"): set(get_args(r.Channel)) | {None},
        ("statements", "source_kind"): set(get_args(r.SourceKind)),
        ("events", "type"): set(get_args(r.PloverType)),
        ("events", "modality"): set(get_args(r.Modality)),
        ("events", "acled"): ACLED_TYPES,
        ("quantities", "kind"): set(get_args(r.QuantityKind)),
        ("quantities", "qualifier"): set(get_args(r.Qualifier)),
        ("dates", "precision"): set(get_args(r.DatePrecision)),
    }


def validate_gold(articles: Iterable[GoldArticle]) -> list[str]:
    """Every problem in the gold set (empty list = sound): unlocatable spans, unknown values."""
    allowed = _vocabulary()
    problems = []
    for art in articles:
        try:
            resolved = resolve_annotation(art.annotation, art.body, 0, art.name)
        except GoldError as e:
            problems.append(str(e))
            continue
        for fld, items in resolved.items():
            for i, g in enumerate(items):
                for (f2, attr), values in allowed.items():
                    if f2 != fld or attr not in g:
                        continue
                    for v in _options(g[attr]):
                        if v not in values:
                            problems.append(f"{art.name}.json {fld}[{i}].{attr}: {v!r} is not one of {sorted(map(str, values))}")
                if fld == "dates" and g["earliest"] > g["latest"]:
                    problems.append(f"{art.name}.json dates[{i}]: earliest is after latest")
                if fld == "quantities":
                    lo, hi = g.get("low"), g.get("high")
                    if lo is not None and hi is not None and lo > hi:
                        problems.append(f"{art.name}.json quantities[{i}]: low > high")
    return problems


# --------------------------------------------------------------------------- matching

_PUNCT = re.compile(r"[^\w@\s]+")


def norm_name(name: str) -> str:
    """Case, possessives, punctuation and a leading article do not distinguish names."""
    s = name.casefold().replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = _PUNCT.sub(" ", s)
    s = re.sub(r"^\s*(the|a|an)\s+", "", s)
    return " ".join(s.split())


def names_match(predicted: Iterable[str], gold: Iterable[str]) -> bool:
    """Equal after normalisation, or one ends the other in whole words: titles, roles and
    first names may be added ("President Kairat Serikbayev" ~ "Kairat Serikbayev" ~
    "Serikbayev"), but a truncated name is not the source ("Iraqi" !~ "Iraqi security officials")."""
    ps = {norm_name(p) for p in predicted if p and norm_name(p)}
    gs = {norm_name(g) for g in gold if g and norm_name(g)}
    for p in ps:
        for g in gs:
            if p == g or p.endswith(" " + g) or g.endswith(" " + p):
                return True
    return False


def _options(value: Any) -> list:
    """A gold attribute is a value or a list of acceptable values (for documented ambiguity)."""
    return value if isinstance(value, list) else [value]


def _accepts(gold_value: Any, predicted: Any) -> bool:
    return predicted in (gold_value if isinstance(gold_value, list) else [gold_value])


def _content_overlaps(a: Span, b: Span) -> float:
    """The smaller of the two coverage shares (0..1)."""
    ov = a.overlap(b)
    if ov == 0:
        return 0.0
    return min(ov / max(1, a.end - a.start), ov / max(1, b.end - b.start))


def _pspan(obj: Any) -> Span:
    return Span(obj.start, obj.end, obj.text)


def _source_names(report, source_id: str | None) -> list[str]:
    if source_id is None:
        return []
    for s in report.sources:
        if s.id == source_id:
            return [s.name, *s.aliases]
    return []


def _gold_names(g: dict) -> list[str]:
    return [g["source"], *g.get("aliases", [])]


def _pair_statement(g: dict, st, report) -> float | None:
    if not names_match(_source_names(report, st.source), _gold_names(g)):
        return None
    share = _content_overlaps(g["_content"], _pspan(st.content))
    return share if share >= MIN_OVERLAP else None


def _pair_event(g: dict, ev, report) -> float | None:
    if not _accepts(g["type"], ev.type):
        return None
    pred = [_pspan(ev.trigger), *(_pspan(m) for m in ev.mentions)]
    best = max((p.overlap(t) for p in pred for t in g["_triggers"]), default=0)
    return float(best) if best > 0 else None


def _pair_quantity(g: dict, q, report) -> float | None:
    if not _accepts(g["kind"], q.kind) or not _same_number(q.low, g.get("low")) or not _same_number(q.high, g.get("high")):
        return None
    ov = g["_span"].overlap(_pspan(q))
    return float(ov) if ov > 0 else None


def _pair_span(g: dict, item, report) -> float | None:
    ov = g["_span"].overlap(_pspan(item))
    return float(ov) if ov > 0 else None


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b))


def _attribute_ok(fld: str, attr: str, g: dict, pred, report) -> bool | None:
    """True/False, or None when the gold item does not specify this attribute."""
    if fld == "statements":
        if attr == "cue":
            if g.get("_cue") is None:
                return None
            return pred.cue is not None and g["_cue"].overlap(_pspan(pred.cue)) > 0
        if attr not in g:
            return None
        if attr == "source_kind":
            kinds = [s.kind for s in report.sources if s.id == pred.source]
            return bool(kinds) and _accepts(g[attr], kinds[0])
        if attr == "via":
            via = [_source_names(report, v) for v in pred.via]
            return len(via) == len(g["via"]) and all(names_match(p, [gname]) for p, gname in zip(via, g["via"]))
        if attr == "hedges":
            return sorted(h.casefold() for h in pred.hedges) == sorted(h.casefold() for h in g["hedges"])
        return _accepts(g[attr], getattr(pred, attr))
    if (attr if attr != "interval" else "earliest") not in g:
        return None
    if fld == "events":
        if attr == "acled":
            return _accepts(g[attr], pred.acled.event_type if pred.acled else None)
        if attr == "place":
            if g["place"] is None or pred.place is None:
                return g["place"] is None and pred.place is None
            return (pred.place.country == g["place"]["country"]
                    and names_match([pred.place.name, pred.place.text], _options(g["place"]["name"])))
        if attr == "date":
            if g["date"] is None or pred.date is None:
                return g["date"] is None and pred.date is None
            return (pred.date.earliest[:10] == g["date"]["earliest"]
                    and pred.date.latest[:10] == g["date"]["latest"])
        return _accepts(g[attr], getattr(pred, attr))
    if fld == "places":
        if attr == "name":
            return names_match([pred.name, pred.text], _options(g["name"]))
        return _accepts(g[attr], pred.country)
    if fld == "dates":
        if attr == "interval":
            return pred.earliest[:10] == g["earliest"] and pred.latest[:10] == g["latest"]
        return _accepts(g[attr], pred.precision)
    return _accepts(g[attr], getattr(pred, attr))


_PAIRERS = {"statements": _pair_statement, "events": _pair_event, "quantities": _pair_quantity,
            "places": _pair_span, "dates": _pair_span}


def _predicted(report, fld: str, base: int) -> list:
    """Predicted items of a field, leaving out those anchored before the body (a title)."""
    items = getattr(report, fld)
    if fld == "statements":
        return [s for s in items if s.content.start >= base]
    if fld == "events":
        return [e for e in items if e.trigger.start >= base]
    return [x for x in items if x.start >= base]


def match(gold: list[dict], predicted: list, fld: str, report) -> list[tuple[dict, Any]]:
    """One-to-one greedy matching, best-scoring candidate pairs first."""
    pair = _PAIRERS[fld]
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            score = pair(g, p, report)
            if score is not None:
                candidates.append((-score, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold[gi], predicted[pi]))
    return pairs


# --------------------------------------------------------------------------- scoring

@dataclass
class Tally:
    tp: int = 0
    gold: int = 0
    pred: int = 0
    attr_ok: dict[str, int] = field(default_factory=dict)
    attr_n: dict[str, int] = field(default_factory=dict)


def score_report(report, article: GoldArticle, tallies: dict[str, Tally]) -> dict[str, dict]:
    """Add one article's counts to ``tallies``; return that article's own counts."""
    base = body_offset(report.article.text, article.body)
    gold = resolve_annotation(article.annotation, report.article.text, base, article.name)
    own = {}
    for fld in FIELDS:
        predicted = _predicted(report, fld, base)
        all_pairs = match(gold[fld], predicted, fld, report)
        # Optional gold items (documented "don't care" cases) neither count as misses nor let a
        # prediction that matches them count as spurious; they are not scored at all.
        pairs = [(g, p) for g, p in all_pairs if not g.get("optional")]
        required = [g for g in gold[fld] if not g.get("optional")]
        n_pred = len(predicted) - (len(all_pairs) - len(pairs))
        t = tallies.setdefault(fld, Tally())
        t.tp += len(pairs)
        t.gold += len(required)
        t.pred += n_pred
        matched_g = {id(g) for g, _ in all_pairs}
        matched_p = {id(p) for _, p in all_pairs}
        own[fld] = {"tp": len(pairs), "gold": len(required), "pred": n_pred,
                    "missed": [_describe(fld, g) for g in required if id(g) not in matched_g],
                    "spurious": [_describe_pred(fld, p, report) for p in predicted if id(p) not in matched_p],
                    "wrong": []}
        for attr in ATTRIBUTES[fld]:
            for g, p in pairs:
                ok = _attribute_ok(fld, attr, g, p, report)
                if ok is None:
                    continue
                t.attr_n[attr] = t.attr_n.get(attr, 0) + 1
                t.attr_ok[attr] = t.attr_ok.get(attr, 0) + int(ok)
                if not ok:
                    own[fld]["wrong"].append(f"{attr}: {_describe(fld, g)} <- {_describe_pred(fld, p, report)}")
    return own


def _describe(fld: str, g: dict) -> str:
    """A one-line view of a gold item (for --per-article)."""
    spans = [g[k].text for k in ("_content", "_span") if k in g] + [t.text for t in g.get("_triggers", [])[:1]]
    rest = {k: v for k, v in g.items() if not k.startswith("_") and k not in ("content", "text", "in", "trigger",
                                                                               "mentions", "aliases", "cue")}
    return f"{spans[0][:60]!r} {json.dumps(rest, ensure_ascii=False)}"


_SHOWN = {"statements": ("kind", "channel", "via", "hedges"), "events": ("type", "modality", "acled", "place", "date"),
          "quantities": ("kind", "low", "high", "qualifier"), "places": ("name", "country"),
          "dates": ("earliest", "latest", "precision")}


def _describe_pred(fld: str, p, report) -> str:
    """A one-line view of a predicted item (for --per-article)."""
    span = p.content if fld == "statements" else p.trigger if fld == "events" else p
    shown = {}
    for attr in _SHOWN[fld]:
        v = getattr(p, attr)
        if attr == "via":
            v = [(_source_names(report, x) or [None])[0] for x in v]
        elif attr == "acled":
            v = v.event_type if v else None
        elif attr == "place":
            v = v and f"{v.name}/{v.country}"
        elif attr == "date":
            v = v and f"{v.earliest[:10]}..{v.latest[:10]}"
        shown[attr] = v
    who = ""
    if fld == "statements":
        who = f"{(_source_names(report, p.source) or [None])[0]}: "
        shown["source_kind"] = next((x.kind for x in report.sources if x.id == p.source), None)
    return f"{who}{span.text[:60]!r} {json.dumps(shown, ensure_ascii=False)}"

def summarise(tallies: dict[str, Tally]) -> dict[str, dict]:
    """``{field: {p, r, f1, tp, gold, pred}, "field.attr": {acc, n}}`` rounded to 4 places."""
    out: dict[str, dict] = {}
    for fld in FIELDS:
        t = tallies.get(fld, Tally())
        p = t.tp / t.pred if t.pred else 0.0
        r = t.tp / t.gold if t.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out[fld] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4),
                    "tp": t.tp, "gold": t.gold, "pred": t.pred}
        for attr in ATTRIBUTES[fld]:
            n = t.attr_n.get(attr, 0)
            out[f"{fld}.{attr}"] = {"acc": round(t.attr_ok.get(attr, 0) / n, 4) if n else 0.0, "n": n}
    return out


def run_extractor(articles: list[GoldArticle], extractor=None) -> list:
    """One pipeline pass over the gold articles; Reports (or Failures) in order."""
    from reportedly import Extractor
    from reportedly.ingest import ArticleInput

    extractor = extractor or Extractor(n_process=1)
    items = [ArticleInput(text=a.body, published=a.published, **a.meta) for a in articles]
    return list(extractor.pipe(items, on_error="yield"))


def evaluate(articles: list[GoldArticle] | None = None, reports: list | None = None,
             *, per_article: bool = False) -> dict:
    """Scores over the gold set (running the extractor unless ``reports`` are given)."""
    from reportedly.records import Report

    articles = articles if articles is not None else load_gold()
    reports = reports if reports is not None else run_extractor(articles)
    tallies: dict[str, Tally] = {}
    own: dict[str, Any] = {}
    for article, report in zip(articles, reports, strict=True):
        if not isinstance(report, Report):
            # A failed article scores zero: all its gold items are misses.
            own[article.name] = {"failure": getattr(report, "message", str(report))}
            resolved = resolve_annotation(article.annotation, article.body, 0, article.name)
            for fld in FIELDS:
                tallies.setdefault(fld, Tally()).gold += sum(not g.get("optional") for g in resolved[fld])
            continue
        own[article.name] = score_report(report, article, tallies)
    result = {"scores": summarise(tallies), "n_articles": len(articles)}
    if per_article:
        result["articles"] = own
    return result


# --------------------------------------------------------------------------- baseline

def metric_value(scores: dict, metric: str) -> float:
    """``"events.f1"`` -> scores["events"]["f1"]; ``"events.modality.acc"`` likewise."""
    key, _, stat = metric.rpartition(".")
    return float(scores[key][stat])


def fingerprint(floors: dict[str, float], gold_dir: Path = GOLD_DIR) -> str:
    """sha256 over every gold file (name + bytes) and the floors, so editing either without
    re-running ``--write-baseline`` fails the gate loudly."""
    h = hashlib.sha256()
    for path in gold_files(gold_dir):
        h.update(path.name.encode("utf-8") + b"\0")
        h.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    h.update(json.dumps(floors, sort_keys=True).encode("utf-8"))
    return h.hexdigest()


def floor_for(measured: float) -> float:
    """Just below the measured value: the largest multiple of 0.05 strictly under it (1.0 ->
    0.95), so one borderline item flipping does not fail the gate but a real drop does."""
    steps = math.ceil(measured / FLOOR_STEP - 1e-9) - 1
    return round(max(0, steps) * FLOOR_STEP, 2)


def write_baseline(result: dict, *, allow_lower: bool = False, path: Path = BASELINE) -> dict:
    """Floors from measured scores (metrics measuring ~0 are left out: a floor of 0 guards
    nothing). Existing floors are never lowered unless ``allow_lower``."""
    scores = result["scores"]
    old = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    floors: dict[str, float] = {}
    for key, stats in scores.items():
        metric = f"{key}.f1" if "f1" in stats else f"{key}.acc"
        if "acc" in stats and stats["n"] < 5:
            continue  # too few matched pairs for a stable floor
        value = floor_for(metric_value(scores, metric))
        if value <= 0:
            continue
        prior = old.get("floors", {}).get(metric)
        if prior is not None and value < prior and not allow_lower:
            raise SystemExit(f"{metric} measured {metric_value(scores, metric):.4f} is under its floor {prior}; "
                             f"fix the regression, or pass --allow-lower if lowering it is intended")
        floors[metric] = value
    baseline = {
        "measured": {"date": date.today().isoformat(), "commit": _git_head(),
                     "command": "python tests/quality_gate.py --write-baseline",
                     "n_articles": result["n_articles"], "scores": scores},
        "floors": floors,
        "gold_sha256": fingerprint(floors),
    }
    path.write_text(json.dumps(baseline, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return baseline


def _git_head() -> str | None:
    """The commit measured (working-tree edits are not visible here: measure a clean tree)."""
    import subprocess

    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=GOLD_DIR, capture_output=True,
                             text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-article", action="store_true", help="also print per-article counts")
    ap.add_argument("--write-baseline", action="store_true", help="write tests/gold/baseline.json")
    ap.add_argument("--allow-lower", action="store_true", help="let --write-baseline lower floors")
    args = ap.parse_args(argv)
    articles = load_gold()
    problems = validate_gold(articles)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    result = evaluate(articles, per_article=args.per_article)
    if args.write_baseline:
        write_baseline(result, allow_lower=args.allow_lower)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
