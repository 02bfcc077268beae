"""Documentation stays true: every command is in the README, every doc link resolves."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from reportedly.cli import app

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text()


def _command_names(typer_app) -> set[str]:
    group = typer.main.get_group(typer_app)
    names = set()
    for name, command in group.commands.items():
        names.add(name)
        for sub in getattr(command, "commands", {}) or {}:
            names.add(f"{name} {sub}")
    return names


def test_every_command_is_in_the_readme():
    undocumented = [n for n in _command_names(app) if f"reportedly {n.split()[0]}" not in README]
    assert not undocumented, f"commands missing from README's CLI table: {undocumented}"


def test_readme_quick_start_has_two_commands():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert len(re.findall(r"```bash\n", quick)) == 2


def test_doc_links_resolve():
    for doc in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#\s]+)", doc.read_text()):
            if "://" in target:
                continue
            assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"
