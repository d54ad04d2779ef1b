"""/ from anywhere: search everything the desk keeps, results as you type.

The query runs in a worker (the newest typing wins: ``exclusive``), grouped by kind, newest
first; Enter opens the record where it lives (its detail view; a duty note opens the duty
log of its day). Matches are marked by styling the text's offsets, never by markup.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from secdesk.i18n import N_, _, ngettext
from secdesk.screens.base import DeskScreen
from secdesk.screens.work import data_worker
from secdesk.textsafe import marked, safe, text
from secdesk.widgets.footer import DeskFooter

if TYPE_CHECKING:
    from secdesk.services.views import SearchHit, SearchResult


class SearchScreen(DeskScreen):
    """A search box over every kind of record, and what it finds."""

    CSS_PATH = "search.tcss"
    HELP = N_(
        "Search everything the desk keeps: calls, visitors, contacts, documents, meetings, "
        "supervision items, letters and visits, tasks and duty notes. Type any piece of two "
        "or more characters (蓝鲸, 防汛, a number's last digits, English in any case); results "
        "appear as you type, grouped by kind, newest first, the match marked. Filters: "
        "kind:call, from:2026-01-01, to:2026-03-31, who:王. ↓ moves into the results, Enter "
        "opens the selected record (in the box: the first one), Esc goes back. Masked details "
        "(identity numbers, classified titles, whoever reports wrongdoing) are never searched."
    )

    @dataclass
    class Found(Message):
        generation: int
        result: SearchResult
        order: list[str]
        titles: dict[str, str]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.generation = 0
        """Bumped on each keystroke: a slow old search never overwrites a newer one."""
        self.result: SearchResult | None = None

    def compose(self) -> ComposeResult:
        yield Input(
            self.initial,
            placeholder=_("Search: words, kind:call from:2026-01-01 to:… who:王"),
            id="search-box",
        )
        yield Static("", id="search-status", markup=False)
        yield OptionList(id="search-results")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Search")
        self.query_one("#search-results").border_title = _("Found")
        self.query_one("#search-box", Input).focus()
        self._show_status(_("Type two or more characters of anything the desk keeps."))
        if self.initial:
            self._ask(self.initial)

    def refresh_data(self) -> None:
        typed = self.query_one("#search-box", Input).value
        if typed.strip():
            self._ask(typed)

    # -- asking --------------------------------------------------------------------------

    @on(Input.Changed, "#search-box")
    def _typed(self, event: Input.Changed) -> None:
        self._ask(event.value)

    def _ask(self, typed: str) -> None:
        self.generation += 1
        if not typed.strip():
            self.result = None
            self.query_one("#search-results", OptionList).clear_options()
            self._show_status(_("Type two or more characters of anything the desk keeps."))
            return
        self._search(self.generation, typed)

    @data_worker("search")
    def _search(self, generation: int, typed: str) -> Message | None:
        from textual.worker import get_current_worker

        from secdesk.services import search

        titles = {name: source.title for name, source in search.sources().items()}
        result = self.store.run(search.search, typed, counted=False)
        if not result.counted and not result.hits:
            # Nothing on the first page: nothing in all, no records to count.
            return self.Found(generation, replace(result, counted=True), search.order(), titles)
        if not result.counted:
            # A one-character query: its hits now; counting reads every record, so the
            # counts follow (a newer query's are shown instead: these are then dropped).
            self.post_message(self.Found(generation, result, search.order(), titles))
            if get_current_worker().is_cancelled:
                return None
            result = self.store.run(search.search, typed)
        return self.Found(generation, result, search.order(), titles)

    @on(Found)
    def _show(self, message: Found) -> None:
        if message.generation != self.generation:
            return
        result = message.result
        results = self.query_one("#search-results", OptionList)
        groups = result.groups(message.order)
        if self.result is not None and self.result.hits == result.hits:
            # The counts of the hits already listed: only the headings change (the
            # highlighted hit stays where it is).
            place = 0
            for kind, hits in groups:
                results.replace_option_prompt_at_index(place, self._heading(message, kind, hits))
                place += len(hits) + 1
        else:
            results.clear_options()
            options: list[Option] = []
            for kind, hits in groups:
                options.append(Option(self._heading(message, kind, hits), disabled=True))
                options.extend(Option(self._line(hit), id=f"{hit.kind}:{hit.id}") for hit in hits)
            results.add_options(options)
        self.result = result
        self._show_status(self._summary(result))

    @staticmethod
    def _heading(message: Found, kind: str, hits: list[SearchHit]) -> Text:
        """A kind's heading: its title and how many of it there are (once counted)."""
        title = _(message.titles.get(kind, kind))
        if not message.result.counted:
            return text(title, "bold underline")
        n = message.result.counts.get(kind, len(hits))
        return text(_("{kind}: {n}").format(kind=title, n=n), "bold underline")

    @staticmethod
    def _line(hit: SearchHit) -> Text:
        line = text(hit.at.strftime("%Y-%m-%d") if hit.at else "", "dim")
        line.append("  ")
        line.append(text(hit.title or f"#{hit.id}", "bold"))
        line.append("  ")
        line.append(marked(hit.snippet, hit.marks))
        line.no_wrap = True
        line.overflow = "ellipsis"
        return line

    @staticmethod
    def _summary(result: SearchResult) -> str:
        parts = []
        if not result.hits:
            parts.append(_("Nothing found."))
        elif not result.counted:
            return _("The newest {n} shown; counting them all…").format(n=len(result.hits))
        else:
            total = result.total
            parts.append(ngettext("{n} found", "{n} found", total).format(n=total))
            if total > len(result.hits):
                parts.append(_("(the newest {n} shown)").format(n=len(result.hits)))
        if result.problems:
            parts.append(
                _("Not understood: {filters}").format(filters=safe(" ".join(result.problems)))
            )
        if result.scanned:
            parts.append(_("(one character: every record was read)"))
        return "  ".join(parts)

    def _show_status(self, message: str) -> None:
        self.query_one("#search-status", Static).update(message)

    # -- opening -------------------------------------------------------------------------

    @on(Input.Submitted, "#search-box")
    def _open_first(self) -> None:
        results = self.query_one("#search-results", OptionList)
        first = next((o for o in results.options if o.id is not None), None)
        if first is not None and first.id is not None:
            self._open_option(first.id)

    @on(OptionList.OptionSelected, "#search-results")
    def _open_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._open_option(event.option.id)

    def _open_option(self, option_id: str) -> None:
        if self.result is None:
            return
        kind, _colon, number = option_id.partition(":")
        hit = next((h for h in self.result.hits if h.kind == kind and str(h.id) == number), None)
        if hit is not None:
            self.open_hit(hit)

    def open_hit(self, hit: SearchHit) -> None:
        """Open the record where it lives: its detail view, or the duty log of its day."""
        if hit.kind == "duty":
            from secdesk.screens.dutylog import DutyLogScreen

            day = hit.at.date() if hit.at else None
            self.app.push_screen(DutyLogScreen(day))
            return
        self.desk.open_record(hit.kind, hit.id)

    def action_to_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            results.focus()
            if results.highlighted is None:
                results.action_first()

    def action_back(self) -> None:
        self.app.pop_screen()
