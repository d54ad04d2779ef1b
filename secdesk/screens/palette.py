"""secdesk's screens and actions in the command palette (Ctrl+P), beside Textual's own:
every record kind's list and new-record form from the registry, and the desk's own."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from secdesk.i18n import N_, _
from secdesk.kinds import kinds

#: (title msgid, help msgid, app action) of what is not a record kind.
DESK_COMMANDS: tuple[tuple[str, str, str], ...] = (
    (N_("Dashboard"), N_("Go back to the day at a glance"), "show_dashboard"),
    (N_("Duty log"), N_("The day's diary and handover note"), "show_duty_log"),
    (
        N_("Search"),
        N_("Search everything: calls, visitors, documents, meetings, notes..."),
        "search",
    ),
    (
        N_("Work summary"),
        N_("The work summary's figures for a week, month, quarter or year"),
        "show_reports",
    ),
    (
        N_("Holiday schedules"),
        N_("Enter a year's official holiday schedule (国务院节假日安排)"),
        "show_holidays",
    ),
    (
        N_("Supervision report"),
        N_("This month's supervision items: closed on time, overdue (text and .docx)"),
        "supervision_report",
    ),
    (N_("Refresh"), N_("Read the database again now"), "refresh_all"),
    (N_("Help"), N_("Keys of the current screen"), "help"),
    (N_("Language: 中文"), N_("Switch the interface to Simplified Chinese"), "set_language('zh')"),
    (N_("Language: English"), N_("Switch the interface to English"), "set_language('en')"),
    (N_("Quit"), N_("Leave secdesk"), "quit"),
)


def commands() -> list[tuple[str, str, str]]:
    """Every palette entry as (title, help, action), translated."""
    out = [(_(t), _(h), a) for t, h, a in DESK_COMMANDS[:1]]
    for kind in kinds():
        if kind.enterable:
            out.append(
                (
                    _(kind.new_label),  # the form's title unless the kind names the key
                    _("Open the form for a new {what}").format(what=_(kind.noun)),
                    f"new({kind.name!r})",
                )
            )
        if kind.listing:
            out.append(
                (_(kind.listing.title), _(kind.listing.summary), f"show_list({kind.name!r})")
            )
    out.extend((_(t), _(h), a) for t, h, a in DESK_COMMANDS[1:])
    return out


class DeskCommands(Provider):
    """Go to a screen or run an action by name."""

    async def discover(self) -> Hits:
        for title, help_text, action in commands():
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in commands():
            score = max(matcher.match(title), matcher.match(help_text) * 0.8)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action),
                    help=help_text,
                )
