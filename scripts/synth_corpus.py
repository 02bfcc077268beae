"""Write a synthetic corpus of N template-made articles as JSON Lines (no real text).

    python scripts/synth_corpus.py --n 10000 --out synth-10k.jsonl
    reportedly ingest synth-10k.jsonl --db synth.duckdb

About three articles (different outlets, sources and figures) report each invented
event, so merging and the disagreement view have work to do. Seeded: the same
--n and --seed always give the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reportedly.corpus.synth import synth_inputs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="number of articles")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True, help="the .jsonl file to write")
    args = ap.parse_args(argv)
    with open(args.out, "w", encoding="utf-8") as fh:
        for item in synth_inputs(args.n, seed=args.seed):
            fh.write(json.dumps(item.model_dump(exclude={"origin"}), ensure_ascii=False) + "\n")
    print(f"{args.n} articles written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
