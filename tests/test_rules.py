from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import DEFAULT_FILTERS, RulesError
from cleaner.filters import WidgetPhrase
from cleaner.rules import configure, load_rules


def test_configure_skips_and_extends() -> None:
    filters = configure(skip=["outside_body"], widget_phrases=["ask the expert"])
    assert [f.name for f in filters] == [f.name for f in DEFAULT_FILTERS if f.name != "outside_body"]
    widget = next(f for f in filters if isinstance(f, WidgetPhrase))
    assert "ask the expert" in widget.phrases
    assert configure() == DEFAULT_FILTERS


def test_unknown_names_keys_and_bad_toml_are_errors(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="unknown filter name"):
        configure(skip=["nope"])
    path = tmp_path / "rules.toml"
    path.write_text("skipp = []\n", encoding="utf-8")
    with pytest.raises(RulesError, match="unknown key"):
        load_rules(path)
    path.write_text("skip = [\n", encoding="utf-8")
    with pytest.raises(RulesError, match="not valid TOML"):
        load_rules(path)
    with pytest.raises(RulesError, match="cannot read"):
        load_rules(tmp_path / "missing.toml")
