"""secdesk's screens and actions in the command palette (Ctrl+P), beside Textual's own."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from secdesk.i18n import N_, _

#: (title msgid, help msgid, app action). A new module adds its line here.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    (N_("Dashboard"), N_("Go back to the day at a glance"), "show_dashboard"),
    (N_("Log a call"), N_("Log a telephone call (from anywhere)"), "log_call"),
    (N_("Register a visitor"), N_("Register a visitor (from anywhere)"), "log_visit"),
    (N_("Calls log"), N_("Every call, searchable"), "show_calls"),
    (N_("Visits log"), N_("Every visitor, searchable"), "show_visits"),
    (N_("Contact book"), N_("People and units, their numbers; import and merge"), "show_contacts"),
    (N_("New contact"), N_("Add a person to the contact book"), "new_contact"),
    (N_("Duty log"), N_("The day's diary and handover note"), "show_duty_log"),
    (N_("Refresh"), N_("Read the database again now"), "refresh_all"),
    (N_("Help"), N_("Keys of the current screen"), "help"),
    (N_("Language: 中文"), N_("Switch the interface to Simplified Chinese"), "set_language('zh')"),
    (N_("Language: English"), N_("Switch the interface to English"), "set_language('en')"),
    (N_("Quit"), N_("Leave secdesk"), "quit"),
)


class DeskCommands(Provider):
    """Go to a screen or run an action by name."""

    def _commands(self) -> list[tuple[str, str, str]]:
        extra = getattr(self.app, "palette_commands", ())
        return [(_(t), _(h), a) for t, h, a in (*COMMANDS, *extra)]

    async def discover(self) -> Hits:
        for title, help_text, action in self._commands():
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            score = max(matcher.match(title), matcher.match(help_text) * 0.8)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action),
                    help=help_text,
                )
