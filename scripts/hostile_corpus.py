"""Write a corpus of hostile inputs for ingest robustness checks (nothing is committed: it is generated).

    python scripts/hostile_corpus.py OUT_DIR [--big-mb 50]

Every file is something a real news archive has thrown at us: binaries, huge or empty files,
broken encodings, junk HTML, broken JSON Lines and CSV, absurd dates and numbers, invisible
characters, other languages. Each must end as a Report or a typed Failure.
"""

from __future__ import annotations

import argparse
import io
import json
import zipfile
from pathlib import Path

ENGLISH = ("Police fired tear gas at about 300 protesters in Lagos on Friday, witnesses said. "
           "At least 6 people were injured, the health ministry said in a statement. ")


def write_corpus(out: Path, big_mb: int = 50) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "binary.txt": bytes(range(256)) * 64,
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\r\n   \n",
        "invalid-utf8.txt": ENGLISH.encode() + b"\xff\xfe\xc3\x28 broken \xa0\xa1",
        "utf16-bom.txt": ("Title: UTF-16 article\n\n" + ENGLISH).encode("utf-16"),
        "latin1.txt": ("Caf\u00e9 owners in Bogot\u00e1 said police detained 12 people. " * 3).encode("latin-1"),
        "nested.html": ("<html><body>" + "<div>" * 10_000 + "<script>alert(1)</script>" + ENGLISH
                        + "</div>" * 10_000 + "</body></html>").encode(),
        "scripts.html": (b"<html><head><script>document.write('x')</script></head><body><article><p>"
                         + ENGLISH.encode() * 4 + b"</p><script>alert('xss')</script></article></body></html>"),
        "broken.jsonl": b'{"text": "' + ENGLISH.encode() + b'", "published": "2022-01-05"}\n{"text": "trunc\n'
                        + b'[1, 2]\n{"text": "' + b"x" * 200_000 + b'"}\n{"title": "no text"}\n',
        "columns.csv": b'text,title,published\n"' + ENGLISH.encode() + b'",ok,2022-01-05\n"only text"\n'
                       b'"too",many,2022-01-05,cells,here\n',
        "no-text-column.csv": b"headline,body2\nx,y\n",
        "year-zero.jsonl": json.dumps({"text": ENGLISH, "published": "0000-01-01"}).encode() + b"\n"
                           + json.dumps({"text": ENGLISH, "published": "9999-12-31"}).encode() + b"\n",
        "absurd-numbers.txt": ("Officials said 10^30 people and 1,2,3,4,5 rioters and "
                               "1000000000000000000000000000000 soldiers were detained. " * 3).encode(),
        "rtl-zero-width.txt": ("\u202ePolice\u200b arrested\u200d 40\u2060 people in Cairo. \u05e9\u05dc\u05d5\u05dd "
                               + ENGLISH).encode(),
        "french.txt": ("La police a tiré des gaz lacrymogènes sur les manifestants à Paris vendredi, selon des "
                       "témoins. Au moins six personnes ont été blessées, a indiqué le ministère. " * 3).encode(),
        "mojibake.txt": ENGLISH.replace("said", "said â€œreportedlyâ€\x9d").encode(),
    }
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("a.txt", ENGLISH)
    files["zip-renamed.txt"] = zipped.getvalue()
    paths = []
    for name, data in files.items():
        path = out / name
        path.write_bytes(data)
        paths.append(path)
    if big_mb:
        big = out / "huge.txt"
        with big.open("wb") as f:
            chunk = (ENGLISH * 100).encode()
            for _ in range(big_mb * 1024 * 1024 // len(chunk) + 1):
                f.write(chunk)
        paths.append(big)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--big-mb", type=int, default=50)
    args = parser.parse_args()
    for p in write_corpus(args.out, args.big_mb):
        print(p)
