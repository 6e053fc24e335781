"""Golden cases: a page, and the text and metadata cleaner must produce from it.

    golden/<slug>/input.html | input.txt   the page, bytes exactly as saved
                  url.txt                  optional: the page's URL, for metadata
                  expected.txt             the clean text (as `cleaner input --format text`)
                  expected.json            metadata and every removal with its reason
                  NOTES.md                 optional: where the page came from, why the case exists

Expected files are written normalised (UTF-8, LF, one final newline) and compared exactly;
a case without expected files, or with files we do not know, fails rather than passing.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

from cleaner.decode import PageKind
from cleaner.document import Document
from cleaner.errors import CleanerError
from cleaner.output import render
from cleaner.pipeline import clean

INPUT_NAMES = ("input.html", "input.txt")
EXPECTED_NAMES = ("expected.txt", "expected.json")
OPTIONAL_NAMES = ("url.txt", "NOTES.md")


@dataclass(frozen=True, slots=True)
class Case:
    slug: str
    folder: Path

    @property
    def input_path(self) -> Path | None:
        found = [self.folder / name for name in INPUT_NAMES if (self.folder / name).exists()]
        return found[0] if len(found) == 1 else None

    @property
    def url(self) -> str | None:
        path = self.folder / "url.txt"
        return path.read_text(encoding="utf-8").strip() or None if path.exists() else None


def find_cases(root: Path, slugs: tuple[str, ...] = ()) -> list[Case]:
    """The cases under `root` in slug order (only `slugs` when given); CleanerError if none match."""
    if not root.is_dir():
        raise CleanerError(f"{root}: no such golden folder")
    cases = [Case(path.name, path) for path in sorted(root.iterdir()) if path.is_dir()]
    if slugs:
        unknown = set(slugs) - {case.slug for case in cases}
        if unknown:
            raise CleanerError(f"no golden case named {', '.join(sorted(unknown))} in {root}")
        cases = [case for case in cases if case.slug in slugs]
    if not cases:
        raise CleanerError(f"{root}: holds no golden cases")
    return cases


def produce(case: Case) -> dict[str, str]:
    """The expected files' contents as the current code produces them."""
    path = case.input_path
    if path is None:
        raise CleanerError(f"{case.slug}: needs exactly one of {', '.join(INPUT_NAMES)}")
    kind: PageKind = "html" if path.suffix == ".html" else "text"
    document = clean(path.read_bytes(), url=case.url, kind=kind)
    return {"expected.txt": render(document, "text"), "expected.json": expected_json(document)}


def expected_json(document: Document) -> str:
    """Metadata, field sources and removals: everything but the text, which is expected.txt."""
    data = document.to_dict(explain=True)
    del data["text"]
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def problems(case: Case) -> list[str]:
    """What is wrong with a case: layout errors, missing expected files, or unified diffs."""
    names = {path.name for path in case.folder.iterdir()}
    stray = names - set(INPUT_NAMES) - set(EXPECTED_NAMES) - set(OPTIONAL_NAMES)
    if stray:
        return [f"{case.slug}: unknown file(s) {', '.join(sorted(stray))}"]
    try:
        produced = produce(case)
    except CleanerError as error:
        return [f"{case.slug}: {error}"]
    except Exception as error:  # a bug in cleaner: this case fails, the others are still checked
        return [f"{case.slug}: internal error: {type(error).__name__}: {error}"]
    found: list[str] = []
    for name, text in produced.items():
        path = case.folder / name
        if not path.exists():
            found.append(
                f"{case.slug}: {name} is missing; create it with "
                f"`cleaner golden update {case.folder.parent} {case.slug}`"
            )
            continue
        expected = path.read_text(encoding="utf-8")
        if expected != text:
            diff = difflib.unified_diff(
                expected.splitlines(),
                text.splitlines(),
                f"{case.slug}/{name} (expected)",
                f"{case.slug}/{name} (obtained)",
                lineterm="",
            )
            found.append("\n".join(diff))
    return found


def update(case: Case) -> list[str]:
    """Rewrite a case's expected files from the current code; the names of those that changed."""
    changed = []
    for name, text in produce(case).items():
        path = case.folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(name)
    return changed
