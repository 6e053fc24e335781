"""A rules file (TOML) turns into a filter tuple: the only configuration besides Python.

    skip = ["outside_body"]                 # filters to leave out, by name
    widget_phrases = ["ask the expert"]     # extra phrases for widget_phrase

Unknown keys and unknown filter names are errors, so a typo never silently does nothing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from cleaner.errors import RulesError
from cleaner.filters import Filter, WidgetPhrase
from cleaner.pipeline import DEFAULT_FILTERS

_KEYS = {"skip", "widget_phrases"}


def configure(
    *, skip: Iterable[str] = (), widget_phrases: Sequence[str] = (), base: Sequence[Filter] = DEFAULT_FILTERS
) -> tuple[Filter, ...]:
    """`base` without the filters named in `skip`, with extra widget phrases added."""
    skip = set(skip)
    unknown = skip - {f.name for f in base}
    if unknown:
        known = ", ".join(f.name for f in base)
        raise RulesError(f"unknown filter name(s): {', '.join(sorted(unknown))} (known: {known})")
    filters: list[Filter] = []
    for step in base:
        if step.name in skip:
            continue
        if isinstance(step, WidgetPhrase) and widget_phrases:
            step = replace(step, phrases=(*step.phrases, *widget_phrases))
        filters.append(step)
    return tuple(filters)


def load_rules(path: Path, *, skip: Iterable[str] = ()) -> tuple[Filter, ...]:
    """The filter tuple a rules file describes (plus `skip` from the command line)."""
    try:
        rules = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RulesError(f"{path}: cannot read rules file ({error.strerror or error})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise RulesError(f"{path}: not valid TOML ({error})") from None
    unknown = set(rules) - _KEYS
    if unknown:
        raise RulesError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}; known: skip, widget_phrases")
    for key in _KEYS & set(rules):
        if not isinstance(rules[key], list) or not all(isinstance(item, str) for item in rules[key]):
            raise RulesError(f"{path}: {key} must be a list of strings")
    return configure(skip=[*rules.get("skip", []), *skip], widget_phrases=rules.get("widget_phrases", []))
