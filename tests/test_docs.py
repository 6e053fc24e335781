"""The README is tested, not trusted: filter table, CLI options and the CI command."""

from __future__ import annotations

import re
from pathlib import Path

import click

from cleaner import DEFAULT_FILTERS
from cleaner.cli import clean_command
from scripts.readme_filters import filter_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_filter_is_described() -> None:
    for step in DEFAULT_FILTERS:
        assert re.fullmatch(r"[a-z][a-z_]+", step.name)
        assert step.removes.strip() and step.why.strip()


def test_readme_filter_table_matches_the_pipeline() -> None:
    table = README.split("<!-- filters:start -->\n")[1].split("\n<!-- filters:end -->")[0]
    assert table == filter_table(), "run scripts/readme_filters.py to regenerate it"


def test_readme_names_every_cli_option() -> None:
    for param in clean_command.params:
        if isinstance(param, click.Option):
            assert any(opt in README for opt in param.opts), param.opts


def test_ci_runs_the_readme_test_command() -> None:
    commands = re.findall(r"```sh\n(.+?)\n```", README)
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()
