"""The orchestration a newcomer reads first: articles in, Reports out.

    ArticleInput --normalise--> Doc (+ publication date) --spaCy + our components--> Doc
        --assemble--> Report (the reportedly/1 contract)

``Extractor`` loads the spaCy pipeline once and streams Reports with ``nlp.pipe``
(``n_process`` > 1 uses worker processes; our annotations are JSON-safe so they
survive the trip back). A bad article never stops a batch: with ``on_error="yield"``
it comes back, in order, as a typed ``Failure``.
"""

from __future__ import annotations

import logging
from typing import Iterable, Iterator, Literal

from .assemble import assemble
from .errors import IngestError, ReportedlyError
from .ingest import ArticleInput, Failure, looks_english, normalize_text, parse_published
from .nlp import DEFAULT_MODEL, build_pipeline
from .records import Report

log = logging.getLogger(__name__)
_SEQ = "rp_seq"  # our sequence number in doc.user_data: survives worker processes, aligns outputs


class Extractor:
    """A reusable extractor: the model is loaded once, articles are streamed.

    >>> ex = Extractor()
    >>> for report in ex.pipe(["Police arrested 40 people in Almaty on Friday, officials said."]):
    ...     print(report.events[0].type)
    """

    def __init__(self, model: str = DEFAULT_MODEL, *, n_process: int = 1, batch_size: int = 16):
        self.model = model
        self.n_process = n_process
        self.batch_size = batch_size
        self.nlp = build_pipeline(model)
        self._errors: dict[int, str] = {}
        # Only our own components (no .pipe of their own) route errors here; set directly
        # because Language.set_error_handler trips on this model's parser.
        self.nlp.default_error_handler = self._record_error

    @property
    def version(self) -> dict:
        """What produced these records (stored with every run)."""
        from . import __version__

        meta = self.nlp.meta
        return {"reportedly": __version__, "model": f"{meta.get('lang')}_{meta.get('name')}",
                "model_version": meta.get("version"), "pipeline": list(self.nlp.pipe_names)}

    def __call__(self, item: ArticleInput | str) -> Report:
        return next(self.pipe([item], on_error="raise"))  # type: ignore[return-value]

    def pipe(self, items: Iterable[ArticleInput | str | dict], *,
             on_error: Literal["raise", "yield"] = "raise") -> Iterator[Report | Failure]:
        """Reports (or Failures, with on_error="yield") in input order."""
        pending: dict[int, ArticleInput | Failure] = {}
        order: list[int] = []

        def docs():
            for seq, item in enumerate(items):
                order.append(seq)
                prepared = self._prepare(item, seq)
                if isinstance(prepared, Failure):
                    pending[seq] = prepared
                    continue
                article, doc = prepared
                pending[seq] = article
                yield doc

        def drain(upto: int | None) -> Iterator[Report | Failure]:
            # Everything before `upto` that is still pending never came back: a failure.
            while order and (upto is None or order[0] < upto):
                seq = order.pop(0)
                item = pending.pop(seq)
                if isinstance(item, ArticleInput):
                    reason = self._errors.pop(seq, "a pipeline component failed on this article")
                    item = Failure(origin=item.origin, reason="extraction_error", message=f"{item.origin}: {reason}")
                yield self._deliver(item, on_error)

        for doc in self.nlp.pipe(docs(), batch_size=self.batch_size, n_process=self.n_process):
            seq = doc.user_data.pop(_SEQ)
            yield from drain(seq)
            order.pop(0)
            article = pending.pop(seq)
            try:
                result: Report | Failure = assemble(doc, title=article.title, published=doc._.rp_published,
                                                    outlet=article.outlet, url=article.url)
            except Exception as e:  # a bad article never stops the batch
                log.exception("assembling %s failed", article.origin)
                result = Failure(origin=article.origin, reason="extraction_error",
                                 message=f"{article.origin}: {type(e).__name__}: {e}")
            yield self._deliver(result, on_error)
        yield from drain(None)

    def _prepare(self, item, seq: int) -> tuple[ArticleInput, object] | Failure:
        if isinstance(item, str):
            item = ArticleInput(text=item)
        elif isinstance(item, dict):
            item = ArticleInput(**item)
        try:
            text = normalize_text(item.text, item.origin)
            published = parse_published(item.published, item.origin)
        except IngestError as e:
            return Failure(origin=item.origin, reason=e.reason, message=str(e))
        if not looks_english(text):
            return Failure(origin=item.origin, reason="not_english",
                           message=f"{item.origin}: the text does not look like English; extraction skipped")
        doc = self.nlp.make_doc(text)
        doc._.rp_published = published
        doc._.rp_url = item.url
        doc.user_data[_SEQ] = seq
        return item, doc

    def _record_error(self, name, proc, docs, error) -> None:
        for doc in docs:
            seq = doc.user_data.get(_SEQ)
            if seq is not None:
                self._errors[seq] = f"component {name} failed: {type(error).__name__}: {error}"

    @staticmethod
    def _deliver(result: Report | Failure, on_error: str) -> Report | Failure:
        if isinstance(result, Failure) and on_error == "raise":
            raise ReportedlyError(result.message)
        return result


def extract(text: str, *, published=None, title=None, outlet=None, url=None,
            model: str = DEFAULT_MODEL) -> Report:
    """Extract one article. Loads the model on first use (cached per model name)."""
    return _cached_extractor(model)(ArticleInput(text=text, published=published, title=title,
                                                 outlet=outlet, url=url))


_EXTRACTORS: dict[str, Extractor] = {}


def _cached_extractor(model: str) -> Extractor:
    if model not in _EXTRACTORS:
        _EXTRACTORS[model] = Extractor(model)
    return _EXTRACTORS[model]
