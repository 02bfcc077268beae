"""Ingest: every format, every typed failure, and the normalisation contract."""

from __future__ import annotations

import json

import pytest

from reportedly.errors import IngestError
from reportedly.ingest import ArticleInput, Failure, normalize_text, parse_published, read_inputs
from reportedly.ingest.normalize import MAX_CHARS, decode_bytes, looks_english


def _read(tmp_path, name, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return list(read_inputs([path]))


def test_txt_header_is_metadata_and_body_is_text(tmp_path):
    [art] = _read(tmp_path, "a.txt", "Title: Clashes in Almaty\nPublished: 6 January 2022\nOutlet: Steppe Daily\n"
                                     "URL: https://example.org/a\n\nPolice fired tear gas.\n")
    assert isinstance(art, ArticleInput)
    assert (art.title, art.published, art.outlet, art.url) == (
        "Clashes in Almaty", "2022-01-06", "Steppe Daily", "https://example.org/a")
    assert art.text.strip() == "Police fired tear gas."


def test_txt_without_header_keeps_every_line(tmp_path):
    [art] = _read(tmp_path, "b.txt", "Note: this line is not a header key.\nSecond line.")
    assert art.title is None and art.text.startswith("Note: this line")


def test_jsonl_reads_each_line_and_reports_broken_ones(tmp_path):
    lines = [json.dumps({"text": "Protesters marched.", "published": "2022-01-05", "outlet": "Wire"}),
             "{not json", json.dumps(["a list"]), json.dumps({"title": "no text"})]
    results = _read(tmp_path, "c.jsonl", "\n".join(lines))
    assert isinstance(results[0], ArticleInput) and results[0].outlet == "Wire"
    assert [r.reason for r in results[1:]] == ["bad_json", "bad_json", "empty"]
    assert results[1].origin.endswith("c.jsonl:2")


def test_csv_needs_a_text_column_and_flags_ragged_rows(tmp_path):
    ok = _read(tmp_path, "d.csv", 'text,title,published\n"Troops moved in.",T,2022-01-05\n"x",T,2022-01-05,extra\n')
    assert isinstance(ok[0], ArticleInput) and ok[0].published == "2022-01-05"
    assert isinstance(ok[1], Failure) and ok[1].reason == "bad_csv"
    [bad] = _read(tmp_path, "e.csv", "body2,title\nx,y\n")
    assert bad.reason == "bad_csv" and "text" in bad.message


def test_html_uses_trafilatura(tmp_path):
    html = ("<html><head><title>Strike in Lagos</title></head><body><nav>Home | About</nav><article><h1>Strike in Lagos"
            "</h1><p>" + "Workers walked out of the port on Monday, union leaders said. " * 8 + "</p></article></body></html>")
    [art] = _read(tmp_path, "f.html", html)
    assert isinstance(art, ArticleInput)
    assert "Workers walked out" in art.text and "Home | About" not in art.text


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b"   \n\t ", "empty"), (b"PK\x03\x04\x14\x00zipdata", "binary"),
    (b"\x00\x01\x02binary", "binary"), (b"%PDF-1.4 ...", "binary"),
])
def test_bad_files_become_typed_failures(tmp_path, data, reason):
    [failure] = _read(tmp_path, "bad.txt", data)
    assert isinstance(failure, Failure) and failure.reason == reason


def test_missing_path_and_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("One article.")
    (tmp_path / "ignored.bin").write_bytes(b"\x00")
    results = list(read_inputs([tmp_path, tmp_path / "nope.txt"]))
    assert isinstance(results[0], ArticleInput)
    assert results[-1].reason == "missing_file"
    assert len(results) == 2


def test_encodings_are_decoded():
    assert decode_bytes("Café “quoted”".encode("utf-16"), "x") == "Café “quoted”"
    assert decode_bytes("Café".encode("cp1252"), "x") == "Café"
    assert decode_bytes("\ufeffCafé".encode("utf-8"), "x") == "Café"


def test_normalize_repairs_mojibake_keeps_curly_quotes_and_is_idempotent():
    raw = "police said the â€œmobâ€\x9d attacked\r\n\r\n\r\n\r\nzero\u200bwidth   spaces"
    text = normalize_text(raw)
    assert "“mob”" in text and "\r" not in text and "\n\n\n" not in text
    assert "zerowidth spaces" in text
    assert normalize_text(text) == text


def test_normalize_rejects_empty_and_huge():
    with pytest.raises(IngestError) as e:
        normalize_text(" \n ")
    assert e.value.reason == "empty"
    with pytest.raises(IngestError) as e:
        normalize_text("a" * (MAX_CHARS + 1))
    assert e.value.reason == "too_large" and "split" in str(e.value)


@pytest.mark.parametrize("value,expected", [
    ("2022-01-06", "2022-01-06"), ("2022-01-06T14:30:00", "2022-01-06T14:30:00"),
    ("January 6, 2022", "2022-01-06"), ("6 Jan 2022", "2022-01-06"), (None, None), ("", None),
])
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "not a date 12", "0000-01-01", "9999-12-31"])
def test_parse_published_rejects_unreadable_or_absurd(value):
    with pytest.raises(IngestError) as e:
        parse_published(value)
    assert e.value.reason == "bad_date"


def test_language_check():
    english = "The police said on Friday that the protesters had gathered in the square and were dispersed. " * 3
    other = "Die Polizei teilte am Freitag mit, dass sich die Demonstranten auf dem Platz versammelt hätten. " * 3
    assert looks_english(english) and not looks_english(other)


@pytest.mark.parametrize("data", [b"\n\xd7\r\x1f\x8b", b'text\n"unterminated\r\x00'])
def test_fuzz_regressions_csv_never_crash(tmp_path, data):
    results = _read(tmp_path, "fuzz.csv", data)
    assert all(isinstance(r, (ArticleInput, Failure)) for r in results)


def test_fuzz_regression_odd_length_utf16():
    assert isinstance(decode_bytes(b"\xff\xfe\xef\xff\xe2\xff#", "x"), str)


def test_language_check_short_non_latin_text():
    assert not looks_english("Полиция задержала около 40 человек в Алматы в пятницу.")
    assert not looks_english("اعتقلت الشرطة 40 شخصا في القاهرة يوم الجمعة")
    assert looks_english("Police detained 40 people in Almaty on Friday.")
