"""spaCy makes a new Token object on every access (``doc[0] is doc[0]`` is False), so a test
such as ``tok.head is tok`` never holds: the root check silently fails and loops run to their
caps. Compare ``.i`` instead. This guard found nine such tests in 2026-12 (one had made the
main event's parse depth 30 for every event)."""

from __future__ import annotations

import re
from pathlib import Path

import spacy

PACKAGE = Path(__file__).resolve().parents[1] / "reportedly"
IDENTITY = re.compile(r"\.head is (not )?\w|\bis (not )?\w+\.head\b")


def test_tokens_are_new_objects_on_each_access():
    doc = spacy.blank("en")("a b")
    assert doc[0] is not doc[0] and doc[0] == doc[0]


def test_no_token_is_compared_by_identity():
    found = [f"{p.relative_to(PACKAGE.parent)}:{n}: {line.strip()}"
             for p in sorted(PACKAGE.rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if IDENTITY.search(line)]
    assert not found, "compare tokens by .i, not identity:\n" + "\n".join(found)
