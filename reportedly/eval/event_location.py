"""``reportedly eval event-location``: where did this event happen?

Data: Prodigy JSONL (Halterman 2019, "Geolocating Political Events in Text"), one record per
event verb: ``text``, ``tokens`` and ``spans`` with one VERB span and zero or more LOCATION
spans. Given the text and the VERB, we predict the event's location span(s) with the places
component's toponym detection plus proper-noun phrases inside locative prepositional phrases
("her Reshimbagh residence"), and ``reportedly.nlp.linking.link_place``.

Metric: token-level precision/recall/F1 over LOCATION tokens pooled over all records
(Prodigy's tokens; a predicted span covers the tokens it overlaps; gold spans are read by
their token_start/token_end, since some records hold token ids in start/end). Records without a
location count too: predicting one there costs precision.

Subsets for tuning (``subset=``): "dev" is the records whose text hashes (CRC-32) to 0 mod 5
(~20%), "tune" the rest; default all records.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

from spacy.tokens import Doc, Span

from ..errors import UsageError
from ..nlp import DEFAULT_MODEL, build_pipeline, load_spacy
from ..nlp.districts import PLACE_NOUNS
from ..nlp.gazetteer import get_gazetteer
from ..nlp.linking import (
    FACILITY_TAILS, LOCATIVE_PREPS, TITLE_TAILS, WEIGHTS_FILE, candidate_features, coordinated, link_place,
    record_features, score_places, threshold,
)
from ..nlp.places import find_mentions, place_dict, resolve
from .common import Tracker, limited, no_progress, prf

# One sentence per record, so only the sentence-internal levels of linking apply; chosen on
# the "tune" subset (see docs/places.md).
LEVELS = "SFL"
# The small model tags many place names ORG/NORP ("Minya University", "Khan Touman");
# only these labels rule a proper noun out as a place.
GENERIC_TAILS = frozenset({"district", "area", "village", "province", "town", "region", "neighborhood",
                           "neighbourhood", "state", "county"})
# Probability above which a place is returned besides the linked one: chosen on out-of-fold
# probabilities of the "tune" subset (0.5: token F1 0.747, 0.6: 0.751, 0.7: 0.750).
ALSO_THRESHOLD = 0.6
NOT_NAMES_EVEN_IN_PP = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
NOT_NAMES = ("PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
NOT_PLACES = ("PERSON", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT")


def in_subset(text: str, subset: str | None) -> bool:
    if subset is None or subset == "all":
        return True
    dev = zlib.crc32(text.encode("utf-8")) % 5 == 0
    if subset == "dev":
        return dev
    if subset == "tune":
        return not dev
    raise UsageError(f"unknown subset {subset!r}; use dev, tune or all")


def read_records(path: Path) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise UsageError(f"{path}:{line_no} is not JSON ({e}); pass a Prodigy JSONL file") from e
            verbs = [s for s in rec.get("spans", []) if s.get("label") == "VERB"]
            if "text" not in rec or not verbs:
                continue
            records.append(rec)
    if not records:
        raise UsageError(f"{path} has no records with a VERB span; pass a Prodigy JSONL file like labeled.jsonl")
    return records


# Nouns that make a following "of X" or a preceding proper noun a place ("the village of
# Sharifah", "Damboa town", "her Reshimbagh residence"): the pipeline's district nouns, plus
# terrain words the benchmark's candidates also take.
LOCATION_NOUNS = PLACE_NOUNS | {"slope", "slopes", "mountaintop", "perimeter"}


def _proper_noun_places(doc: Doc, taken: list[tuple[int, int]]) -> list[dict]:
    """Proper-noun runs that read as places though the gazetteer does not know them: inside
    a locative phrase ("at her Reshimbagh residence"), after "<place noun> of" ("the village
    of Sharifah") or before a place noun ("Damboa town")."""
    out = []
    for span in _proper_noun_runs(doc):
        if any(s < span.end_char and span.start_char < e for s, e in taken):
            continue
        head = span.root
        while head.dep_ in ("compound", "conj", "appos") and head.head.i != head.i:
            head = head.head  # "towns of Khan Touman, Aleis and Alzorba": the first conjunct decides
        if head.ent_type_ in NOT_NAMES_EVEN_IN_PP:
            continue
        governed = head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS
        after_of = (head.dep_ == "pobj" and head.head.lower_ == "of"
                    and head.head.head.lemma_.lower() in LOCATION_NOUNS)
        before_noun = span.end < len(doc) and doc[span.end].lower_ in LOCATION_NOUNS
        # The small model calls many Arabic place names PERSON ("in Sheikh Sa'eed", "between
        # Deir Hafer and Al-Bab"); inside any locative phrase they stay candidates and the
        # scorer sees the NER label (any locative preposition, not only in/near: chosen on tune).
        person = any(t.ent_type_ == "PERSON" for t in span)
        in_place_phrase = after_of or governed
        # "stormed the Heart Hospital", "the Bardo Museum": a name ending in a capitalised
        # place noun is a facility or district, whatever NER calls it.
        facility = span[-1].lower_ in FACILITY_TAILS and span[-1].is_title
        if facility or \
                ((governed or after_of or before_noun) and (not person or in_place_phrase)):
            out.append({"start": span.start_char, "end": span.end_char, "text": span.text,
                        "name": span.text, "precision": "district", "role": "place"})
    return out


def _other_proper_nouns(doc: Doc, taken: list[tuple[int, int]]) -> list[dict]:
    """Every other capitalised proper-noun run, whatever NER calls it ("captured Knin",
    "the entrance to Bethlehem", Arabic names tagged PERSON or ORG). Most are not places;
    their source ("pn-person", "pn-org", "pn-none", ...) is a feature, so the scorer learns
    how far to trust each (tune subset, out of fold: token F1 0.731 -> 0.745)."""
    out = []
    for span in _proper_noun_runs(doc):
        if not (span[0].is_title or span[0].is_upper) or \
                any(s < span.end_char and span.start_char < e for s, e in taken):
            continue
        labels = sorted({t.ent_type_ for t in span} - {""})
        out.append({"start": span.start_char, "end": span.end_char, "text": span.text, "name": span.text,
                    "precision": "district", "role": "place",
                    "reason": f"pn-{labels[0].lower() if labels else 'none'}; any proper noun"})
    return out


def _proper_noun_runs(doc: Doc):
    """Maximal runs of PROPN tokens (with "-" and "'" inside), not ending in "-" and not
    tagged as numbers or dates."""
    i = 0
    while i < len(doc):
        if doc[i].pos_ != "PROPN" or doc[i].ent_type_ in NOT_NAMES_EVEN_IN_PP:
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and (doc[j + 1].pos_ == "PROPN" or doc[j + 1].text in ("-", "'")) and \
                doc[j + 1].ent_type_ not in NOT_NAMES_EVEN_IN_PP:
            j += 1
        if doc[j].text != "-":
            yield doc[i:j + 1]
        i = j + 1


def candidates(doc: Doc) -> list[dict]:
    """Place candidates: the places component's toponyms plus proper-noun place phrases."""
    gaz = get_gazetteer()
    mentions = find_mentions(doc, gaz)
    resolve(doc, mentions, gaz)
    places = [place_dict(m) for m in mentions]
    places += _proper_noun_places(doc, [(p["start"], p["end"]) for p in places])
    places += _other_proper_nouns(doc, [(p["start"], p["end"]) for p in places])
    places.sort(key=lambda p: p["start"])
    for p in places:
        _extend_joined(doc, p)
        _extend_title_tail(doc, p)
    return places


JOINERS = frozenset({"-", "'", "\u2019", "\u2018"})


def _extend_joined(doc: Doc, place: dict) -> None:
    """"Mazar-e-Sharif", "Tal Al-'Eiss": the tokenizer splits names at hyphens and
    apostrophes, and the gazetteer or the proper-noun run may stop at the first piece; a
    word joined to the name by a hyphen or apostrophe with no space is part of it, and so is
    an opening quote glued to it ("'Arak" transliterating an ayin)."""
    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None:
        return
    start, end = span.start, span.end
    while end + 1 < len(doc) and not doc[end - 1].whitespace_ and doc[end].text in JOINERS and \
            not doc[end].whitespace_ and doc[end + 1].is_alpha:
        end += 2
    if start > 0 and doc[start - 1].text in JOINERS and not doc[start - 1].whitespace_:
        start -= 1
    if (start, end) != (span.start, span.end):
        place["start"], place["end"] = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        place["text"] = doc.text[place["start"]:place["end"]]


def _extend_title_tail(doc: Doc, place: dict) -> None:
    """"Henan Province", "Bardo Museum", "Kodori Gorge": a capitalised place noun right
    after a name is part of the name (the annotation marks it; a lower-case one is not)."""
    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return
    end = span.end
    while end < len(doc) and end - span.end < 2 and doc[end].is_title and \
            doc[end].lower_ in TITLE_TAILS:
        end += 1
    if end > span.end:
        place["end"] = doc[end - 1].idx + len(doc[end - 1])
        place["text"] = doc.text[place["start"]:place["end"]]


def predict(doc: Doc, verb: tuple[int, int], levels: str = LEVELS, method: str = "model") -> list[tuple[int, int]]:
    """Character spans of the verb's location.

    method "model": every candidate the learned scorer puts above its threshold;
    method "rules": the linked place (rule levels) and places coordinated with it."""
    places = candidates(doc)
    if method == "model" and WEIGHTS_FILE.exists():
        idx = link_place(doc, verb, places, levels="")  # the scorer only: one sentence per record
        if idx is None:
            return []
        # Gold lists every place of a coordination ("the towns of Khan Touman, Aleis and Alzorba"),
        # and every scene of a distributed event ("two in Miranshah and four in Mir Ali"):
        # other places the scorer is sure of join the linked one.
        chosen = set(coordinated(doc, places, idx))
        chosen |= {i for i, p in enumerate(score_places(doc, verb, places)) if p is not None and p >= ALSO_THRESHOLD}
        return sorted({_trim(doc.text, places[i]["start"], places[i]["end"]) for i in chosen})
    idx = link_place(doc, verb, places, levels=levels, method="rules")
    if idx is None:
        return []
    return [_trim(doc.text, places[i]["start"], places[i]["end"]) for i in coordinated(doc, places, idx)]


def train_linker(data: Path, *, subset: str | None = "tune", limit: int | None = None,
                 model: str = DEFAULT_MODEL, out: Path = WEIGHTS_FILE) -> dict:
    """Fit the place scorer (a logistic regression and a choice model, see
    ``linking.score_places``) on event_location records and write its weights to ``out``.
    Needs scikit-learn and SciPy (development dependencies, not run-time ones). A few minutes
    on the ~7.7k "tune" records."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    files = sorted(data.glob("*.jsonl")) if data.is_dir() else [data]
    records = [r for f in files for r in read_records(f) if in_subset(r["text"], subset)]
    records = list(limited(records, limit))
    nlp = load_spacy(model)
    X: list[dict] = []
    y: list[int] = []
    groups: list[int] = []
    rid: list[int] = []  # the pair's record, among records with at least one candidate
    R: list[dict] = []  # those records' features for the "no place" option
    r_groups: list[int] = []
    for rec, doc in zip(records, nlp.pipe((r["text"] for r in records), batch_size=64)):
        tokens = rec.get("tokens") or [{"start": t.idx, "end": t.idx + len(t)} for t in doc]
        verb = _char_span(next(s for s in rec["spans"] if s["label"] == "VERB"), tokens)
        gold = {k for s in rec["spans"] if s["label"] == "LOCATION" for k in _token_ids(s, tokens)}
        gold_chars = [(tokens[k]["start"], tokens[k]["end"]) for k in gold if k < len(tokens)]
        places = candidates(doc)
        group = zlib.crc32(rec["text"].encode("utf-8"))
        feats = candidate_features(doc, verb, places)
        if not feats:
            continue
        for i, f in feats:
            p = places[i]
            X.append(f)
            y.append(int(any(s < p["end"] and p["start"] < e for s, e in gold_chars)))
            groups.append(group)
            rid.append(len(R))
        R.append(record_features(doc, verb, len(feats)))
        r_groups.append(group)
    vec = DictVectorizer()
    matrix = vec.fit_transform(X)
    rvec = DictVectorizer()
    rmatrix = rvec.fit_transform(R)
    clf = LogisticRegression(C=0.5, max_iter=2000)
    # The threshold is chosen on out-of-fold probabilities: in-sample ones are overconfident
    # with the lexical features (trigger and governor lemmas) and would set it too high.
    # Folds keep a text's records together: one sentence is labelled once per verb, and
    # near-identical pairs on both sides of a fold overstate the fit.
    probs = cross_val_predict(clf, matrix, y, cv=GroupKFold(5), groups=groups, method="predict_proba")[:, 1]
    y_arr, rid_arr = np.array(y, dtype=float), np.array(rid)
    choice_probs = np.zeros(len(y))
    for tr, te in GroupKFold(5).split(rmatrix, groups=r_groups):
        in_tr = np.isin(rid_arr, tr)
        w = _fit_choice(matrix[in_tr], y_arr[in_tr], np.searchsorted(tr, rid_arr[in_tr]), rmatrix[tr])
        in_te = np.isin(rid_arr, te)
        choice_probs[in_te] = _choice_probs(w, matrix[in_te], np.searchsorted(te, rid_arr[in_te]), rmatrix[te])
    probs = (probs + choice_probs) / 2
    clf.fit(matrix, y)
    w = _fit_choice(matrix, y_arr, rid_arr, rmatrix)
    best = max((_f1_at(probs, y, t / 100), t / 100) for t in range(20, 80, 2))
    names, rnames = vec.get_feature_names_out(), rvec.get_feature_names_out()
    n = len(names)
    weights = {
        "about": "place linker: logistic regression over linking.place_features, averaged with "
                 "a choice (softmax) among the sentence's places and 'no place' (choice); "
                 "trained by reportedly.eval.event_location.train_linker",
        "trained_on": f"{data.name} subset={subset} records={len(records)} pairs={len(y)}",
        "threshold": best[1],
        "intercept": round(float(clf.intercept_[0]), 5),
        "coef": {name: round(float(c), 5) for name, c in zip(names, clf.coef_[0]) if abs(c) > 1e-6},
        "choice": {
            "coef": {name: round(float(c), 5) for name, c in zip(names, w[:n]) if abs(c) > 1e-6},
            "none_intercept": round(float(w[n]), 5),
            "none_coef": {name: round(float(c), 5) for name, c in zip(rnames, w[n + 1:]) if abs(c) > 1e-6},
        },
    }
    out.write_text(json.dumps(weights, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return {"pairs": len(y), "positives": sum(y), "threshold": best[1], "train_f1": round(best[0], 4)}


def _fit_choice(X, y, rid, R, C: float = 0.5):
    """Weights of a conditional logit: each record chooses one of its candidate places (rows
    of X, record index rid; y marks the gold ones, any of which counts) or "no place", scored
    by the record's features R plus an unpenalised intercept. L2 penalty 1/(2C), as
    scikit-learn's LogisticRegression; L-BFGS from zero weights, so deterministic."""
    import numpy as np
    from scipy.optimize import minimize

    n_rec, nf = R.shape[0], X.shape[1]
    haspos = np.bincount(rid, weights=y, minlength=n_rec) > 0
    XT, RT = X.T.tocsr(), R.T.tocsr()

    def loss_grad(w):
        wc, wr = w[:nf], w[nf + 1:]
        eu, en, total = _choice_terms(w, X, rid, R)
        pos = np.bincount(rid, weights=eu * y, minlength=n_rec)
        loss = np.sum(np.log(total) - np.log(np.where(haspos, pos, en))) + 0.5 / C * (wc @ wc + wr @ wr)
        target = np.where(y > 0, eu / np.where(pos > 0, pos, 1.0)[rid], 0.0)
        p_none = en / total
        g_none = p_none - (~haspos)
        grad = np.concatenate([XT @ (eu / total[rid] - target) + wc / C, [g_none.sum()], RT @ g_none + wr / C])
        return loss, grad

    res = minimize(loss_grad, np.zeros(nf + 1 + R.shape[1]), jac=True, method="L-BFGS-B",
                   options={"maxiter": 3000})
    return res.x


def _choice_terms(w, X, rid, R):
    """The choice model's exponentiated scores, shifted per record for stability: each
    candidate's, each record's "no place", and each record's total."""
    import numpy as np

    nf = X.shape[1]
    u, un = X @ w[:nf], w[nf] + R @ w[nf + 1:]
    top = un.copy()
    np.maximum.at(top, rid, u)
    eu, en = np.exp(u - top[rid]), np.exp(un - top)
    return eu, en, en + np.bincount(rid, weights=eu, minlength=R.shape[0])


def _choice_probs(w, X, rid, R):
    """Each candidate's probability under the choice model (``_fit_choice``'s weights)."""
    eu, _, total = _choice_terms(w, X, rid, R)
    return eu / total[rid]


def _f1_at(probs, y: list[int], cut: float) -> float:
    tp = sum(1 for p, t in zip(probs, y) if p >= cut and t)
    fp = sum(1 for p, t in zip(probs, y) if p >= cut and not t)
    fn = sum(1 for p, t in zip(probs, y) if p < cut and t)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop what NER glues to a name: trailing "'s", punctuation and whitespace."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    for suffix in ("'s", "\u2019s"):
        if text[start:end].endswith(suffix):
            end -= len(suffix)
    while end > start and text[end - 1].isspace():
        end -= 1
    # The annotation marks the name, not the generic word after it ("in Pattani province"),
    # except where the word is part of the name ("Gaza City", "Aleppo Governorate",
    # "Henan Province": capitalised).
    last = text[start:end].rsplit(" ", 1)
    if len(last) == 2 and last[1].lower() in GENERIC_TAILS and not last[1].istitle():
        end = start + len(last[0])
    return start, end


def _token_ids(span: dict, tokens: list[dict]) -> range | set[int]:
    """Token ids of a Prodigy span. Its token_start/token_end (inclusive) are trusted over
    start/end: in some records start/end hold token ids, not character offsets."""
    if "token_start" in span and "token_end" in span and rec_tokens_ok(span, tokens):
        return range(span["token_start"], span["token_end"] + 1)
    return {k for k, t in enumerate(tokens) if t["start"] < span["end"] and span["start"] < t["end"]}


def rec_tokens_ok(span: dict, tokens: list[dict]) -> bool:
    return 0 <= span["token_start"] <= span["token_end"] < len(tokens)


def _char_span(span: dict, tokens: list[dict]) -> tuple[int, int]:
    ids = _token_ids(span, tokens)
    if ids and tokens and "start" in tokens[0]:
        return tokens[min(ids)]["start"], tokens[max(ids)]["end"]
    return span["start"], span["end"]


def pipeline_spans(doc: Doc, verb: tuple[int, int]) -> list[tuple[int, int]]:
    """What the pipeline gives an event at the gold verb: the places component's
    ``rp_places`` and the very ``link_place`` call the events component makes (all levels,
    learned scorer, one place; no benchmark-only candidates, no second places)."""
    places = doc._.rp_places or []
    idx = link_place(doc, verb, places) if places else None
    return [] if idx is None else [_trim(doc.text, places[idx]["start"], places[idx]["end"])]


def event_spans(doc: Doc, verb: tuple[int, int]) -> tuple[bool, list[tuple[int, int]]]:
    """(found, spans): whether the pipeline made an event whose trigger or a mention covers
    the gold verb, and that event's place span; a verb the events component does not take
    as an event gets no place at all, as in the user's dataset."""
    places = doc._.rp_places or []
    for ev in doc._.rp_events or []:
        if any(m["start"] < verb[1] and verb[0] < m["end"] for m in [ev["trigger"], *ev.get("mentions", [])]):
            i = ev.get("place")
            if isinstance(i, int) and 0 <= i < len(places):
                return True, [_trim(doc.text, places[i]["start"], places[i]["end"])]
            return True, []
    return False, []


class _Tokens:
    """Pooled token counts for one way of predicting."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: set[int], tokens: list[dict], spans: list[tuple[int, int]]) -> None:
        pred = {k for k, t in enumerate(tokens) for s, e in spans if t["start"] < e and s < t["end"]}
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def prf(self) -> tuple[float, float, float]:
        scores = prf(self.tp, self.tp + self.fp, self.tp + self.fn)
        return scores["p"], scores["r"], scores["f1"]


def evaluate(data: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL,
             track: Tracker = no_progress, subset: str | None = None, levels: str = LEVELS,
             method: str = "model") -> dict:
    """Token P/R/F1 of three predictions per record, all from one run of the full pipeline:

    - ``token_*``: the benchmark's own candidates (``candidates``: gazetteer places plus
      facility/district names and any proper noun, which the pipeline does not produce)
      and ``predict``; an upper reference, not what users get;
    - ``pipeline``: the pipeline's places and its ``link_place`` call for the gold verb
      (``pipeline_spans``): what an event at that verb gets;
    - ``pipeline_events``: only through the events the pipeline detects (``event_spans``);
      ``verbs_with_event`` is the share of gold verbs it makes an event of.
    """
    files = sorted(data.glob("*.jsonl")) if data.is_dir() else [data]
    records = [r for f in files for r in read_records(f) if in_subset(r["text"], subset)]
    records = list(limited(records, limit))
    # The full pipeline: its components only add doc._ extensions, so the benchmark's
    # candidates see the same parse and entities as with the bare model.
    nlp = build_pipeline(model)
    bench, linked, evented = _Tokens(), _Tokens(), _Tokens()
    found = 0
    docs = nlp.pipe((r["text"] for r in records), batch_size=64)
    for rec, doc in track(zip(records, docs), len(records), "event-location"):
        tokens = rec.get("tokens") or [{"start": t.idx, "end": t.idx + len(t)} for t in doc]
        verb = _char_span(next(s for s in rec["spans"] if s["label"] == "VERB"), tokens)
        gold = {k for s in rec["spans"] if s["label"] == "LOCATION" for k in _token_ids(s, tokens)}
        bench.add(gold, tokens, predict(doc, verb, levels, method))
        linked.add(gold, tokens, pipeline_spans(doc, verb))
        has_event, spans = event_spans(doc, verb)
        found += has_event
        evented.add(gold, tokens, spans)
    p, r, f1 = bench.prf()
    lp, lr, lf = linked.prf()
    ep, er, ef = evented.prf()
    return {"token_p": p, "token_r": r, "token_f1": f1, "n": len(records), "subset": subset or "all",
            "pipeline": {"p": lp, "r": lr, "f1": lf},
            "pipeline_events": {"p": ep, "r": er, "f1": ef,
                                "verbs_with_event": round(found / len(records), 4) if records else 0.0}}
