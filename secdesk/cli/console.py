"""What the command line prints with Rich: ``secdesk today``'s day, panel by panel as the
dashboard shows it, and ``secdesk search``'s hits.

Wing: cli. Must not import the cli package or __main__.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from secdesk.calendar.workdays import day_kind_text
from secdesk.i18n import _, format_date
from secdesk.kinds import kinds
from secdesk.services.phrases import saying
from secdesk.services.views import Dashboard, SearchResult
from secdesk.textsafe import marked, text

#: Rows printed per panel; the title says how many there are in all.
ROWS = 20
TONE_STYLES = {
    "muted": "dim",
    "strong": "bold",
    "flag": "bold yellow",
    "alert": "bold red",
    "soon": "bold blue",
    "behind": "bold yellow",
    "secret": "magenta",
}


def _day_line(data: Dashboard) -> str:
    day = data.day
    line = f"{format_date(day.day)}  {day_kind_text(day)}"
    if not day.covered:
        line += "  " + _("(no official holiday calendar for {year}: Monday-Friday assumed)").format(
            year=day.day.year
        )
    return line


def print_today(data: Dashboard, console: Console | None = None) -> None:
    console = console or Console()
    console.print(text(_day_line(data), "bold"))
    specs = {k.panel.id: k.panel for k in kinds() if k.panel}
    for panel in data.panels:
        spec = specs[panel.id]
        title = _(spec.title) + (f" · {panel.subtitle}" if panel.subtitle else "")
        console.print()
        if not panel.rows:
            console.print(text(saying(_(spec.title), _(spec.empty)), "dim"))
            continue
        out = Table(title=text(title), title_justify="left", show_edge=False, pad_edge=False)
        for column in spec.columns:
            out.add_column(_(column.label) if column.label else "")
        for row in panel.rows[:ROWS]:
            out.add_row(*[text(cell.text, TONE_STYLES.get(cell.tone, "")) for cell in row.cells])
        console.print(out)


def print_search(
    result: SearchResult, order: list[str], titles: dict[str, str], console: Console | None = None
) -> None:
    """``secdesk search``: the hits grouped by kind, newest first, the matches marked."""
    console = console or Console()
    if not result.hits:
        console.print(text(_("Nothing found for {query}").format(query=result.query), "dim"))
        return
    for kind, hits in result.groups(order):
        console.print(text(_(titles.get(kind, kind)), "bold"))
        for hit in hits:
            line = text(hit.at.strftime("%Y-%m-%d") if hit.at else "", "dim")
            line.append("  ")
            line.append(text(hit.title or "#" + str(hit.id), "bold"))
            line.append("  ")
            line.append(marked(hit.snippet, hit.marks))
            console.print(line, soft_wrap=True)
        console.print()
