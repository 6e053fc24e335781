"""Every string that leaves the library: text, JSON, Markdown and the explain listing.

The CLI and the golden files both render through here, so a golden diff is exactly what a
user would see from `cleaner PAGE --format ...`.
"""

from __future__ import annotations

from typing import Literal

from cleaner.document import Document

Format = Literal["text", "json", "markdown", "explain"]
FORMATS: tuple[Format, ...] = ("text", "json", "markdown", "explain")
SUFFIXES: dict[Format, str] = {"text": ".txt", "json": ".json", "markdown": ".md", "explain": ".txt"}


def render(document: Document, format: Format, *, explain: bool = False) -> str:
    """The document in one of FORMATS, ending in a newline."""
    if format == "text":
        body = document.text
    elif format == "json":
        body = document.to_json(explain=explain)
    elif format == "markdown":
        body = markdown(document)
    else:
        body = explain_listing(document)
    return body.rstrip("\n") + "\n"


def markdown(document: Document) -> str:
    """The body as Markdown: the title as a heading, headings, bullets and quotes marked."""
    lines = [f"# {document.title}"] if document.title else []
    facts = [fact for fact in (document.author, document.date, document.sitename) if fact]
    if facts:
        lines.append("*" + " · ".join(facts) + "*")
    for block in document.blocks or ():
        if block.kind == "heading":
            lines.append(f"## {block.text}")
        elif block.kind == "list_item":
            lines.append(f"- {block.text}")
        elif block.kind == "quote":
            lines.append(f"> {block.text}")
        elif block.kind == "code":
            lines.append(f"```\n{block.text}\n```")
        else:
            lines.append(block.text)
    if not document.blocks and document.text:
        lines.append(document.text)
    if document.tags:
        lines.append("Tags: " + ", ".join(document.tags))
    return "\n\n".join(lines)


def explain_listing(document: Document) -> str:
    """The kept text, then one line per removal (filter, path, reason, start of the text), then
    one per block a structure rule kept against trafilatura's verdict."""
    lines = [document.text, "", f"# removed {len(document.removed)} blocks"]
    for removal in document.removed:
        lines.append("\t".join((removal.filter, removal.path, removal.reason, _preview(removal.text))))
    rescued = [block for block in document.blocks if block.rescued]
    if rescued:
        lines += ["", f"# kept {len(rescued)} blocks that trafilatura left out"]
        lines += ["\t".join(("structure", b.path, b.rescued, _preview(b.text))) for b in rescued]
    return "\n".join(lines)


def _preview(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."
