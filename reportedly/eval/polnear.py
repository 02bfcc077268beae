"""``reportedly eval polnear``: attribution spans against PolNeAR (Newell et al., LREC 2018).

Format (any split): ``DIR/text/<article>.txt`` and ``DIR/attributions/<article>_<annotator>.ann``
(brat standoff). Where an article has several ``.ann`` files the first by sorted name is used.

Metric (documented in docs/attribution.md): for each role (source, cue, content) and article,
take the unique gold spans of that role (a discontinuous span counts as its outer extent) and
the unique predicted spans (statements' ``source_span``, ``cue``, ``content``). Both are trimmed
of surrounding whitespace, punctuation and quotation marks; a prediction is correct when its
offsets equal a gold span's. ``overlap`` scores content by overlap instead of equality.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from .common import Tracker, limited, no_progress, prf

ROLES = ("source", "cue", "content")
_BRAT_ROLES = {"Source": "source", "Cue": "cue", "Content": "content"}
# Trimmed from both ends of every span before comparing: space, punctuation, quotation marks.
_TRIM = set(" \t\r\n\u00a0.,;:!?\"'“”‘’«»()[]{}—–-…")


@dataclass
class Article:
    name: str
    text: str
    spans: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    # Relations: one dict per Attribution event, role -> (start, end) (outer extent).
    relations: list[dict[str, tuple[int, int]]] = field(default_factory=list)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets with surrounding whitespace, punctuation and quotes removed."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _parse_ann(path: Path, text: str) -> tuple[dict[str, set[tuple[int, int]]], list[dict]]:
    spans: dict[str, set[tuple[int, int]]] = {r: set() for r in ROLES}
    ids: dict[str, tuple[str, tuple[int, int]]] = {}
    relations: list[dict] = []
    events: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, offsets = parts[1].partition(" ")
            if label not in _BRAT_ROLES:
                continue
            # "12 30;35 50": a discontinuous span counts as its outer extent.
            numbers = [int(x) for piece in offsets.split(";") for x in piece.split()]
            s, e = trim(text, min(numbers), max(numbers))
            if s < e:
                spans[_BRAT_ROLES[label]].add((s, e))
                ids[parts[0]] = (_BRAT_ROLES[label], (s, e))
        elif line.startswith("E"):
            events.append(line)
    for line in events:
        rel: dict[str, tuple[int, int]] = {}
        for arg in line.split("\t")[1].split()[1:]:
            role, _, tid = arg.partition(":")
            if tid in ids and role.rstrip("0123456789") in _BRAT_ROLES:
                rel[ids[tid][0]] = ids[tid][1]
        if rel:
            relations.append(rel)
    return spans, relations


def load(data: Path) -> list[Article]:
    """Every article of a PolNeAR split folder, with its first annotation file."""
    text_dir, ann_dir = data / "text", data / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise UsageError(f"{data} is not a PolNeAR split: expected {text_dir} and {ann_dir} folders")
    anns = sorted(p.name for p in ann_dir.glob("*.ann"))
    articles: list[Article] = []
    for txt in sorted(text_dir.glob("*.txt")):
        stem = txt.stem
        # Annotation files are "<article>_<annotator>.ann"; article names never end in "_xxxx".
        mine = [a for a in anns if a.rsplit("_", 1)[0] == stem]
        if not mine:
            continue
        text = txt.read_text(encoding="utf-8")
        spans, relations = _parse_ann(ann_dir / mine[0], text)
        articles.append(Article(stem, text, spans, relations))
    if not articles:
        raise UsageError(f"no annotated articles found under {data}")
    return articles


def predicted_spans(doc_text: str, statements: list[dict]) -> dict[str, set[tuple[int, int]]]:
    """Unique trimmed (start, end) per role from rp_statements."""
    out: dict[str, set[tuple[int, int]]] = {r: set() for r in ROLES}
    for st in statements:
        if st.get("nested"):
            continue  # PolNeAR is univocal: only the outermost attribution is annotated
        for role, key in (("source", "source_span"), ("cue", "cue"), ("content", "content")):
            sp = st.get(key)
            if sp:
                s, e = trim(doc_text, sp["start"], sp["end"])
                if s < e:
                    out[role].add((s, e))
    return out


def score(pairs: list[tuple[dict[str, set], dict[str, set]]]) -> dict:
    """Metrics from (gold, predicted) span sets per article."""
    result: dict = {}
    for role in ROLES:
        correct = sum(len(g[role] & p[role]) for g, p in pairs)
        result[role] = prf(correct, sum(len(p[role]) for _, p in pairs), sum(len(g[role]) for g, _ in pairs))

    def overlaps(a: tuple[int, int], bs: set[tuple[int, int]]) -> bool:
        return any(a[0] < b[1] and b[0] < a[1] for b in bs)

    hit_pred = sum(sum(overlaps(x, g["content"]) for x in p["content"]) for g, p in pairs)
    hit_gold = sum(sum(overlaps(x, p["content"]) for x in g["content"]) for g, p in pairs)
    n_pred = sum(len(p["content"]) for _, p in pairs)
    n_gold = sum(len(g["content"]) for g, _ in pairs)
    pr = hit_pred / n_pred if n_pred else 0.0
    rc = hit_gold / n_gold if n_gold else 0.0
    f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    result["overlap"] = {"p": round(pr, 4), "r": round(rc, 4), "f1": round(f1, 4),
                         "predicted": n_pred, "gold": n_gold}
    result["n"] = len(pairs)
    return result


def attribution_pipeline(model: str):
    """The base model plus reportedly_attribution only (the other components are not scored)."""
    from ..nlp import load_spacy

    nlp = load_spacy(model)
    nlp.add_pipe("reportedly_attribution")
    return nlp


def evaluate(data: Path, *, limit: int | None = None, model: str | None = None,
             track: Tracker = no_progress) -> dict:
    from ..nlp import DEFAULT_MODEL

    articles = list(limited(load(Path(data)), limit))
    nlp = attribution_pipeline(model or DEFAULT_MODEL)
    pairs = []
    texts = ((a.text, a) for a in articles)
    for doc, art in track(nlp.pipe(texts, as_tuples=True, batch_size=8), len(articles), "polnear"):
        pairs.append((art.spans, predicted_spans(doc.text, doc._.rp_statements or [])))
    return score(pairs)
