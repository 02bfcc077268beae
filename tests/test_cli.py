"""The CLI as a user runs it: exit codes, formats, the schema."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.records import Report, json_schema

runner = CliRunner()
ARTICLE = ("Title: Clashes in Lagos\nPublished: 2022-01-06\nOutlet: Lagos Ledger\n\n"
           '"At least 12 people were killed," the police commissioner said on Thursday. '
           "Protesters blocked the road to the airport, witnesses said.\n")


def _write(tmp_path, name="a.txt", text=ARTICLE):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_extract_json_is_one_valid_object(tmp_path):
    result = runner.invoke(app, ["extract", str(_write(tmp_path))])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    report = Report.model_validate(data)
    assert report.article.outlet == "Lagos Ledger" and report.article.published == "2022-01-06"


def test_extract_several_is_json_lines_and_options_override(tmp_path):
    a, b = _write(tmp_path, "a.txt"), _write(tmp_path, "b.txt", ARTICLE.replace("12", "15"))
    result = runner.invoke(app, ["extract", str(a), str(b), "--published", "2022-02-01", "--outlet", "Wire"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(lines) == 2 and all(x["article"]["published"] == "2022-02-01" for x in lines)
    assert all(x["article"]["outlet"] == "Wire" for x in lines)


def test_extract_table_is_readable(tmp_path):
    result = runner.invoke(app, ["extract", str(_write(tmp_path)), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "Statements" in result.stdout and "Events" in result.stdout and "Clashes in Lagos" in result.stdout


def test_exit_codes(tmp_path):
    assert runner.invoke(app, ["extract", str(tmp_path / "missing.txt")]).exit_code == 2
    assert runner.invoke(app, ["extract", str(_write(tmp_path)), "--published", "someday"]).exit_code == 2
    empty = _write(tmp_path, "empty.txt", "")
    result = runner.invoke(app, ["extract", str(_write(tmp_path)), str(empty)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["article"]["title"] == "Clashes in Lagos"


def test_schema_command_prints_the_contract():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema == json_schema()
    for name in ("schema", "article", "sources", "statements", "events", "quantities"):
        assert name in schema["properties"]


def test_unknown_eval_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["eval", "nope", "--data", str(tmp_path)])
    assert result.exit_code == 2
