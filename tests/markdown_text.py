"""Markdown as a reader sees it, through a real CommonMark parser (markdown-it-py, which Rich
already brings) with GitHub's tables and strikethrough switched on."""

from __future__ import annotations

from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_PLAIN_BLOCKS = {
    "heading_open",
    "heading_close",
    "paragraph_open",
    "paragraph_close",
    "bullet_list_open",
    "bullet_list_close",
    "list_item_open",
    "list_item_close",
    "inline",
}


def markdown_text(source: str) -> str:
    """The text a reader sees, one block (heading, paragraph, list item) a line, a line
    break as a newline. Fails if anything renders as more than text: emphasis, a link, an
    image, raw HTML, code, a quote, an ordered list, a table, a rule."""
    blocks = []
    for token in _PARSER.parse(source):
        assert token.type in _PLAIN_BLOCKS, f"{token.type} in {source!r}"
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type == "text":
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
            else:
                raise AssertionError(f"{child.type} in {token.content!r}")
        blocks.append("".join(parts))
    return "\n".join(blocks)


def headings(source: str) -> list[str]:
    """The text of every heading, in order."""
    tokens = _PARSER.parse(source)
    return [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open"]
