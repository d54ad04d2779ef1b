"""markdown_escape: user text written into Markdown renders as the text itself, and Chinese
text stays readable in the file."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secdesk.textsafe import markdown_escape
from tests.markdown_text import markdown_text

HOSTILE_MARKDOWN = [
    "*bold* and **strong** and _em_",
    "# heading",
    "###### small heading",
    "[link](http://example.com) and ![img](x.png) and [ref]: /url",
    "<script>alert(1)</script>",
    "<http://autolink.example>",
    "- a list item",
    "+ another",
    "* and another",
    "1. ordered",
    "12) ordered too",
    "> a quote",
    "`code` and ```fence```",
    "~~struck~~",
    "a | b",
    "&amp; &copy; &#42; &#x2A;",
    "back\\slash \\*",
    "---",
    "***",
    "___",
    "===",
    "    four spaces make code",
    "{: .class} $x$",
]


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_hostile_text_renders_as_itself(text: str) -> None:
    # Leading spaces become no-break spaces (never a code block); a parser may then drop
    # them at the start of a paragraph, which changes no word of the text.
    assert markdown_text(markdown_escape(text)).strip() == text.strip()


def test_a_table_and_a_setext_heading_stay_text() -> None:
    text = "Name | Phone\n--- | ---\n张三 | 123\nTitle\n==="
    escaped = markdown_escape(text)
    # Joined as the duty log joins lines (hard breaks), it is one paragraph of plain text.
    assert markdown_text(escaped.replace("\n", "\\\n")) == text


def test_chinese_and_ordinary_punctuation_are_left_alone() -> None:
    for text in ("张三来电：会议改到下午3点（急）。", "2026-11-27 10:30, Room 3.2!", "¥100，50%"):
        assert markdown_escape(text) == text


_PIECES = st.sampled_from(
    [*"\\`*_{}[]()#+-.!|<>~$&;:=/'\"%@^ \tab19张三。，", "&amp;", "&#42;", "<b>", "1. ", "- ", "# "]
)


@settings(max_examples=500)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_any_line_renders_as_itself(text: str) -> None:
    text = text.strip(" \t")  # a paragraph's outer spaces are not part of its text
    assert markdown_text(markdown_escape(text)) == text
