"""Textual's own key descriptions, marked here so the zh_CN catalog translates them too:
F1 lists the focused widget's keys (table cursor, text editing) beside secdesk's own.

Wing: locale. Must not import anything of secdesk but i18n.
"""

from secdesk.i18n import N_

TEXTUAL_KEY_DESCRIPTIONS = (
    N_("Quit"), N_("Quit the app and return to the command prompt."), N_("Focus Next"),
    N_("Focus Previous"), N_("Copy selected text"), N_("Cursor up"), N_("Cursor down"),
    N_("Cursor left"), N_("Cursor right"), N_("Home"), N_("End"), N_("Page up"),
    N_("Page down"), N_("Page Left"), N_("Page Right"), N_("Select"), N_("Top"),
    N_("Bottom"), N_("Scroll Up"), N_("Scroll Down"), N_("Move cursor left"),
    N_("Move cursor right or accept the completion suggestion"), N_("Go to start"),
    N_("Go to end"), N_("Page Up"), N_("Page Down"), N_("Move cursor left and select"),
    N_("Move cursor left a word"), N_("Move cursor left a word and select"),
    N_("Move cursor right and select"), N_("Move cursor right a word"),
    N_("Move cursor right a word and select"), N_("Delete character left"),
    N_("Select all"), N_("Select line start"), N_("Select line end"),
    N_("Delete character right"), N_("Submit"), N_("Delete left to start of word"),
    N_("Delete all to the left"), N_("Delete right to start of word"),
    N_("Delete all to the right"), N_("Cut selected text"),
    N_("Paste text from the clipboard"), N_("Up"), N_("Down"), N_("Scroll Left"),
    N_("Scroll Right"), N_("First"), N_("Last"), N_("Toggle"), N_("Cursor line start"),
    N_("Cursor line end"), N_("Cursor page up"), N_("Cursor page down"),
    N_("Cursor word left"), N_("Cursor word right"), N_("Select line"), N_("Cut"),
    N_("Copy"), N_("Paste"), N_("Delete to line start"), N_("Delete to line end"),
    N_("Delete line"), N_("Redo"), N_("Scroll Home"), N_("Scroll End"), N_("palette"),
    N_("Open the command palette"),
)  # fmt: skip
