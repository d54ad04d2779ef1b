"""The desk in the default 80×24 window, in English and Chinese, as a new user tries it:
every line of a long record's detail within reach of the keys, long values wrapped, F1 on
every screen and form, and a step key that is not allowed saying which are."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from rich.cells import cell_len
from textual.widgets import DataTable

from secdesk.i18n import _
from secdesk.screens.detail import DetailScreen
from secdesk.screens.help import HelpScreen
from tests.conftest import settle
from tests.ui.conftest import DEMO_NOW
from tests.ui.helpers import press, screen_text, shown, toasts

LANGUAGES = pytest.mark.parametrize("language", ["en", "zh"])

NOTE = (
    "请办公室会同财政局、发展改革局于下周三前拿出冬季供暖保障资金的具体安排意见，"
    "并将各街道摸底情况汇总成表，报分管副区长审定后提交区政府常务会议研究，"
    "同时抄送区应急管理局和各街道办事处，确保在寒潮到来之前全部落实到位不留死角结尾"
)
"""A leader's 150-character note: it must wrap, its last words (结尾) on the screen."""


def lengthen(session) -> int:  # noqa: ANN001
    """The newest incoming document of the demo carried far through 收文办理, with long
    notes, so its detail is the longest of the desk: fields, "Now with", a long history
    and the next steps. Gives its id."""
    from sqlmodel import select

    from secdesk.models import IncomingDocument
    from secdesk.services import workflow

    doc = session.exec(
        select(IncomingDocument).where(IncomingDocument.status == "screened")
    ).first()
    assert doc is not None
    doc.title = NOTE[:60]
    workflow.take(session, "incoming", doc.id, "propose", {"proposed_handling": NOTE}, NOTE)
    workflow.take(
        session,
        "incoming",
        doc.id,
        "instruct",
        {"instructed_by": "刘副区长", "instruction": NOTE, "instructed_at": None},
        NOTE,
    )
    workflow.take(
        session,
        "incoming",
        doc.id,
        "assign",
        {"undertaking_unit": "区财政局", "assisting_units": "区发改局", "due": date(2026, 12, 11)},
        NOTE,
    )
    workflow.take(
        session,
        "incoming",
        doc.id,
        "circulate",
        {"readers": "刘局长、王主任、张科长", "since": None},
        NOTE,
    )
    return doc.id


@LANGUAGES
@time_machine.travel(DEMO_NOW, tick=False)
async def test_every_line_of_the_longest_detail_is_reachable_at_80x24(demo_desk, language) -> None:  # noqa: ANN001
    """At 80×24 the detail of a document carried far (a dozen fields, "Now with", four
    steps of history each with a 150-character note, the next steps) is taller than the
    window: PgDn walks down to its last line, End jumps there, Home back; each line is
    seen on the screen at some point, and the long note wraps, its last words shown."""
    async with demo_desk(language, (80, 24)) as pilot:
        app = pilot.app
        record_id = app.store.write(lengthen)
        app.open_record("incoming", record_id)
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        table = detail.query_one("#detail-fields", DataTable)
        box = detail.query_one("#detail")
        # The table stays inside its box (no fixed height taller than the window).
        assert box.region.contains_region(table.region)
        assert table.max_scroll_y > 0  # the case this checks: more lines than room
        labels = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        seen = screen_text(app)
        for _turn in range(table.row_count):
            before = table.cursor_row
            await press(pilot, "pagedown")
            seen += screen_text(app)
            if table.cursor_row == before:
                break
        assert table.cursor_row == table.row_count - 1
        assert table.scroll_y == table.max_scroll_y
        lines = seen.splitlines()
        for label in labels:
            assert any(label in line for line in lines), label
        # The long note wraps: its last words are on the screen, not cut at the edge.
        assert any("结尾" in line for line in lines)
        assert any(_("Now with") in line for line in lines)

        await press(pilot, "home")
        assert (table.cursor_row, table.scroll_y) == (0, 0)
        await press(pilot, "end")
        assert table.scroll_y == table.max_scroll_y
        last = screen_text(app)
        assert str(table.get_row_at(table.row_count - 1)[0]) in last  # "Next"


@LANGUAGES
@time_machine.travel(DEMO_NOW, tick=False)
async def test_the_history_says_when_whole_as_the_language_writes_it_at_80x24(
    demo_desk, language
) -> None:  # noqa: ANN001
    """At 80×24 a document's history says when each step was taken as the language writes
    a day, 2026年11月27日 10:00 or 27 Nov 2026 10:00 (not 2026-11-27 10:00), then who took
    it, on one line of the time column, never cut or wrapped; its heading (History, 办理过程)
    reads whole."""
    async with demo_desk(language, (80, 24)) as pilot:
        app = pilot.app
        record_id = app.store.write(lengthen)
        app.open_record("incoming", record_id)
        await settle(pilot)
        table = app.screen.query_one("#detail-fields", DataTable)
        when = "2026年11月27日 10:00" if language == "zh" else "27 Nov 2026 10:00"
        heads = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        steps = [head for head in heads if head.startswith(when)]
        assert len(steps) == 4, heads
        assert _("History") in heads
        seen = screen_text(app)
        for _turn in range(table.row_count):
            await press(pilot, "pagedown")
            seen += screen_text(app)
        lines = seen.splitlines()
        for head in [_("History"), *steps]:
            assert any(head in line for line in lines), head


@LANGUAGES
@time_machine.travel(DEMO_NOW, tick=False)
async def test_a_steps_form_names_the_document_with_the_languages_colon(
    demo_desk, language
) -> None:  # noqa: ANN001
    """p on a screened document: the form is headed 拟办：2026-… in Chinese (a full-width
    colon, no space), "Propose handling: 2026-…" in English."""
    from sqlmodel import col, select

    from secdesk.models import IncomingDocument
    from secdesk.screens.step_form import StepForm

    async with demo_desk(language, (80, 24)) as pilot:
        app = pilot.app
        doc = app.store.run(
            lambda s: s.exec(
                select(IncomingDocument)
                .where(IncomingDocument.status == "screened")
                .order_by(col(IncomingDocument.received_at).desc())
            ).first()
        )
        app.open_record("incoming", doc.id)
        await settle(pilot)
        form = await press(pilot, "p")
        assert isinstance(form, StepForm)
        heading = str(form.query_one("#form").border_title)
        colon = "：" if language == "zh" else ": "
        assert heading.startswith(_("Propose handling") + colon + doc.receipt_number), heading


#: Every screen and form of the desk, as reached from the dashboard by its keys, and the
#: name of the screen the keys lead to.
ROUTES = [
    ((), "DashboardScreen"),
    *(((key,), "RecordListScreen") for key in "CVBTSLIOMXY"),
    (("I", "enter"), "DetailScreen"),
    (("S", "enter"), "DetailScreen"),
    (("I", "e"), "RecordForm"),
    (("I", "enter", "p"), "StepForm"),
    *(
        ((key,), form)
        for key, form in [
            ("c", "CallForm"),
            ("v", "RecordForm"),
            ("g", "RecordForm"),
            ("l", "PetitionForm"),
            ("r", "RecordForm"),
            ("i", "RecordForm"),
            ("m", "MeetingForm"),
        ]
    ),
    (("M", "k"), "PrepareScreen"),
    (("M", "k", "n"), "NoticeScreen"),
    (("M", "r"), "MinutesScreen"),
    (("M", "w"), "WeekScreen"),
    (("S", "enter", "ctrl+n"), "PaperScreen"),
    (("C", "d"), "ConfirmScreen"),
    (("D",), "DutyLogScreen"),
    (("R",), "ReportsScreen"),
    (("slash",), "SearchScreen"),
    (("H",), "HolidaysScreen"),
]


@LANGUAGES
@time_machine.travel(DEMO_NOW, tick=False)
async def test_f1_lists_the_keys_on_every_screen_and_form(demo_desk, language) -> None:  # noqa: ANN001
    """On every screen and form (lists, detail views, the forms, a step's form, the
    checklist and attendance, the notice, the minutes, the week, the duty log...), F1 opens
    the help: the screen's own text and its keys, Esc back to the same screen."""
    # Each language: one route to each kind of screen, and half of the others (English the
    # even ones, Chinese the odd ones): every route is tried, in one language or the other,
    # at half the time of every route in both.
    first = {name: keys for keys, name in reversed(ROUTES)}
    half = 0 if language == "en" else 1
    routes = [
        (keys, name)
        for i, (keys, name) in enumerate(ROUTES)
        if i % 2 == half or first[name] == keys
    ]
    async with demo_desk(language, (80, 24)) as pilot:
        app = pilot.app
        reached = []
        for keys, expected in routes:
            while len(app.screen_stack) > 2:
                app.pop_screen()
            await settle(pilot)
            screen = await press(pilot, *keys) if keys else app.screen
            reached.append(type(screen).__name__)
            if type(screen).__name__ != expected:
                continue
            help_screen = await press(pilot, "f1")
            assert isinstance(help_screen, HelpScreen), (keys, help_screen)
            assert help_screen.target is screen
            keys_shown = help_screen.query_one("#help-keys", DataTable)
            assert keys_shown.row_count >= 2, keys
            assert str(help_screen.query_one("#help-text").render()).strip(), keys
            assert await press(pilot, "escape") is screen
        assert reached == [expected for _keys, expected in routes]


@LANGUAGES
@time_machine.travel(DEMO_NOW, tick=False)
async def test_a_step_key_not_allowed_now_says_which_steps_are(demo_desk, language) -> None:  # noqa: ANN001
    """A supervision item that has been urged: k (close) and w (review) are not its steps
    yet. Pressing them opens nothing and says which steps are allowed (h, f, x)."""
    from sqlmodel import select

    from secdesk.models import SupervisionItem

    async with demo_desk(language, (80, 24)) as pilot:
        app = pilot.app
        urged = app.store.run(
            lambda s: s.exec(
                select(SupervisionItem.id).where(SupervisionItem.status == "urged")
            ).first()
        )
        app.open_record("supervision", urged)
        await settle(pilot)
        detail = app.screen
        for key, refused in (("k", "Close item"), ("w", "Review")):
            assert await press(pilot, key) is detail  # no step form opens
            said = toasts(app)[-1]
            assert _(refused) in said, said
            for allowed in ("h Urge", "f Feedback", "x Extend"):
                step_key, label = allowed.split()
                assert f"{step_key} {_(label)}" in said, said


@LANGUAGES
@pytest.mark.parametrize("width", [80, 120])
@time_machine.travel(DEMO_NOW, tick=False)
async def test_the_registers_search_box_shows_what_is_typed(demo_desk, language, width) -> None:  # noqa: ANN001
    """In the incoming register, / then typing: the search box is on the screen, wide
    enough to show all of what was typed, and the list narrows to it."""
    async with demo_desk(language, (width, 24)) as pilot:
        app = pilot.app
        await press(pilot, "I", "slash")
        await press(pilot, *"2026 关于重点项目进展")
        box = app.screen.query_one("#filter-text")
        assert app.focused is box
        assert box.region.right <= width and box.region.width >= 24
        assert "2026 关于重点项目进展" in screen_text(app)
        assert all("关于重点项目进展" in row[4] for row in shown(app))


def cut_values(table) -> list[str]:  # noqa: ANN001
    """The numbers, times and dates (``whole`` columns) a record table shows cut short,
    and a sideways scrollbar if the columns do not fit."""
    cut = []
    for row_index, record in enumerate(table.records):
        shown_row = table.get_row_at(row_index)
        for place, column in enumerate(table.shown_columns):
            if table.specs[column].whole and str(shown_row[place]) != record.cells[column].text:
                cut.append(f"{record.cells[column].text} shown as {shown_row[place]}")
    if table.virtual_size.width > table.scrollable_content_region.width:
        cut.append("a sideways scrollbar")
    return cut


@LANGUAGES
@time_machine.travel(DEMO_NOW, tick=False)
async def test_no_number_time_or_date_is_cut_at_80_columns(demo_desk, language) -> None:  # noqa: ANN001
    """At 80 columns, on the dashboard's panels and in every list, no receipt number,
    document number, time, date, count of days or percentage ends in an ellipsis, and no
    table needs a sideways scrollbar."""
    from secdesk.widgets.record_table import RecordTable

    async with demo_desk(language, (80, 24)) as pilot:
        app = pilot.app
        found = {f"dashboard {t.parent.id}": cut_values(t) for t in app.screen.query(RecordTable)}
        for key in "CVBTSLIOMXY":
            screen = await press(pilot, key)
            found[key] = cut_values(screen.query_one("#log", RecordTable))
            await press(pilot, "escape")
        assert {where: cut for where, cut in found.items() if cut} == {}


def cut_headings_and_states(table) -> list[str]:  # noqa: ANN001
    """The column headings a record table shows cut short, and the states in its Status
    column that end in an ellipsis."""
    from secdesk.kinds.common import STATUS_COLUMN

    heads = [str(column.label) for column in table.columns.values()]
    wanted = [_(table.specs[i].label) if table.specs[i].label else "" for i in table.shown_columns]
    cut = [f"heading {w} shown as {h}" for w, h in zip(wanted, heads, strict=True) if w != h]
    if STATUS_COLUMN in table.specs and table.specs.index(STATUS_COLUMN) in table.shown_columns:
        place = table.shown_columns.index(table.specs.index(STATUS_COLUMN))
        states = {str(table.get_row_at(i)[place]) for i in range(table.row_count)}
        cut += [f"state {state}" for state in sorted(states) if state.endswith("…")]
    return cut


def propose(session) -> None:  # noqa: ANN001
    """The three newest screened documents get a proposed handling (拟办): the register's
    first page shows the state; the first is due next year, so its due date carries the
    year (5 Jan 2027: the widest date a register's first page shows)."""
    from sqlmodel import col, select

    from secdesk.models import IncomingDocument
    from secdesk.services import workflow

    screened = session.exec(
        select(IncomingDocument)
        .where(IncomingDocument.status == "screened")
        .order_by(col(IncomingDocument.received_at).desc())
    ).all()
    for doc in screened[:3]:
        workflow.take(session, "incoming", doc.id, "propose", {"proposed_handling": "请阅"}, "")
    screened[0].due = date(2027, 1, 5)


@LANGUAGES
@time_machine.travel(DEMO_NOW, tick=False)
async def test_every_heading_and_state_reads_whole_at_80_columns(demo_desk, language) -> None:  # noqa: ANN001
    """At 80×24, on the dashboard's panels and in every list, each column heading reads
    whole (Urg., Recd.; 缓急 over 特急, not "紧 …") and so does each state in a Status
    column: a document whose handling is proposed says Proposed (已拟办), not
    "Handling …"."""
    from secdesk.i18n import C_
    from secdesk.widgets.record_table import RecordTable

    async with demo_desk(language, (80, 24)) as pilot:
        app = pilot.app
        app.store.write(propose)
        app.refresh_screens()
        await settle(pilot)
        tables = app.screen.query(RecordTable)
        found = {f"dashboard {t.parent.id}": cut_headings_and_states(t) for t in tables}
        for key in "CVBTSLIOMXY":
            screen = await press(pilot, key)
            table = screen.query_one("#log", RecordTable)
            found[key] = cut_headings_and_states(table)
            if key == "I":
                assert any(_(C_("status", "Proposed")) in row for row in shown(app))
                assert ("缓急" if language == "zh" else "Urg.") in screen_text(app)
            await press(pilot, "escape")
        assert {where: cut for where, cut in found.items() if cut} == {}


@LANGUAGES
@pytest.mark.parametrize(("width", "whole"), [(80, 12), (120, 20)])
@time_machine.travel(DEMO_NOW, tick=False)
async def test_the_incoming_registers_title_has_the_room(demo_desk, language, width, whole) -> None:  # noqa: ANN001
    """The title is what a register's row is about: at 80 columns its first 12 characters
    show, at 120 a title of 20 characters shows whole (the coded columns take only what
    their values need)."""
    from sqlmodel import col, select

    from secdesk.models import IncomingDocument

    title = "关于报送二〇二六年度重点项目进展情况的通知"[:20]

    def retitle(session) -> None:  # noqa: ANN001
        newest = session.exec(
            select(IncomingDocument).order_by(col(IncomingDocument.received_at).desc())
        ).first()
        newest.title, newest.classification = title, "none"

    async with demo_desk(language, (width, 24)) as pilot:
        app = pilot.app
        app.store.write(retitle)
        await press(pilot, "I")
        first = shown(app)[0]
        assert any(cell.startswith(title[:whole]) for cell in first), first


@pytest.mark.parametrize(
    ("language", "size"), [("en", (80, 24)), ("zh", (80, 24)), ("en", (200, 50))]
)
@time_machine.travel(DEMO_NOW, tick=False)
async def test_the_help_says_all_of_what_each_key_does(demo_desk, language, size) -> None:  # noqa: ANN001
    """F1 on the dashboard: each key's "What it does" wraps inside the box instead of being
    cut at its edge (at 80 columns and at 200); Down walks the help to its last key."""
    async with demo_desk(language, size) as pilot:
        app = pilot.app
        help_screen = await press(pilot, "f1")
        assert isinstance(help_screen, HelpScreen)
        table = help_screen.query_one("#help-keys", DataTable)
        assert help_screen.query_one("#help").region.contains_region(table.region)
        said = [str(row[2]).split("\n")[0] for row in help_screen.rows]
        seen = screen_text(app)
        for _row in range(table.row_count - 1):  # the view follows the cursor row by row
            await pilot.press("down")
            seen += screen_text(app)
        assert table.cursor_row == table.row_count - 1
        # No sideways scrolling: what does not fit in its column wraps onto more lines.
        assert table.virtual_size.width <= table.scrollable_content_region.width
        width = list(table.columns.values())[2].width
        lines = [row.height for row in table.rows.values()]
        needs = [-(-cell_len(what) // width) for what in said]
        assert all(have >= need for have, need in zip(lines, needs, strict=False))
        if language == "en":  # and each ends on the screen: its last word is seen
            assert [what for what in said if what and what.split()[-1] not in seen] == []


@LANGUAGES
@time_machine.travel(DEMO_NOW, tick=False)
async def test_a_crowded_building_does_not_starve_the_inbox(demo_desk, language) -> None:  # noqa: ANN001
    """Twenty visitors in the building at 80×24: the visitors panel takes at most a quarter
    of the window (its rows scroll), and the inbox and the other panels keep room for
    several rows each."""
    from secdesk.widgets.panel import Panel
    from tests import factories as f

    def crowd(session) -> None:  # noqa: ANN001
        for n in range(20):
            f.visit(session, f.local(2026, 11, 27, 9, n), name=f"来访者{n}")

    async with demo_desk(language, (80, 24)) as pilot:
        app = pilot.app
        app.store.write(crowd)
        app.refresh_screens()
        await settle(pilot)
        panels = {p.id: p for p in app.screen.query(Panel)}
        assert panels["visitors"].table.row_count >= 20
        assert panels["visitors"].size.height <= 24 // 4 + 2  # its rows and its border
        for name in ("inbox", "supervision", "calls", "meetings"):
            assert panels[name].table.size.height - 1 >= 4, name  # 4 rows under the titles


@LANGUAGES
@time_machine.travel(DEMO_NOW, tick=False)
async def test_a_fields_own_keys_are_in_the_desks_language(demo_desk, language) -> None:  # noqa: ANN001
    """In a note of several lines the footer offers ^j 换行 in Chinese ("New line" in
    English): a field's own keys speak the desk's language as the screen's do."""
    from secdesk.widgets.fields import MultilineInput

    async with demo_desk(language, (80, 24)) as pilot:
        app = pilot.app
        form = await press(pilot, "I", "enter", "p")
        note = form.query(MultilineInput).first()
        note.focus()
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "换行" in footer if language == "zh" else "New line" in footer, footer
        assert ("New line" in footer) is (language == "en"), footer


@time_machine.travel(DEMO_NOW, tick=False)
async def test_a_list_reloaded_keeps_its_view(demo_desk) -> None:  # noqa: ANN001
    """The meetings list open on today's row, scrolled: another save reloads it (as the
    desk does when the database changes) and the rows on the screen stay where they were."""
    async with demo_desk("en", (80, 24)) as pilot:
        screen = await press(pilot, "M")
        table = screen.table
        await settle(pilot)
        await pilot.pause()
        assert table.scroll_y > 0  # today's row is below the first screenful
        # The secretary moves up a few meetings, still within the rows on the screen.
        await pilot.press(*["up"] * 6)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        view = (table.scroll_y, table.cursor_row)
        before = screen_text(pilot.app)
        screen.refresh_data()
        await settle(pilot)
        await pilot.pause()
        assert (table.scroll_y, table.cursor_row) == view
        assert screen_text(pilot.app) == before
