"""Shared pieces of the evaluators: progress reporting and precision/recall/F1."""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
# track(items, total, description) -> items, reporting progress as they are consumed.
Tracker = Callable[[Iterable[T], int | None, str], Iterator[T]]


def no_progress(items: Iterable[T], total: int | None = None, description: str = "") -> Iterator[T]:
    yield from items


def prf(correct: int, predicted: int, gold: int) -> dict:
    """Precision, recall and F1 as a JSON-safe dict (0.0 where undefined)."""
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4),
            "correct": correct, "predicted": predicted, "gold": gold}


def limited(items: Iterable[T], limit: int | None) -> Iterator[T]:
    for i, item in enumerate(items):
        if limit is not None and i >= limit:
            return
        yield item
