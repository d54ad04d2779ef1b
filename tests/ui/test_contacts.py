"""The contact book: find, add, edit, delete (and undo), merge duplicates (and undo)."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from secdesk.office.contacts import book as contacts
from secdesk.screens.confirm import ConfirmScreen
from secdesk.screens.contacts import DuplicatesScreen
from secdesk.screens.form import RecordForm
from secdesk.screens.lists import RecordListScreen
from secdesk.widgets.fields import Cycle, FormInput, RowsField
from tests import factories as f
from tests.conftest import HOSTILE, settle, wait_until
from tests.ui.helpers import fill, press, shown, start_form, toasts


def names(app) -> list[str]:  # noqa: ANN001
    return [row[0] for row in shown(app)]


def status(app) -> str:  # noqa: ANN001
    """The count part of the status line (which starts with the list's name)."""
    return str(app.screen.query_one("#log-status", Static).render()).split("  ·  ")[-1]


def is_book(screen) -> bool:  # noqa: ANN001
    return isinstance(screen, RecordListScreen) and screen.kind.name == "contact"


def is_form(screen) -> bool:  # noqa: ANN001
    return isinstance(screen, RecordForm) and screen.kind.name == "contact"


async def open_book(pilot) -> RecordListScreen:  # noqa: ANN001
    """The contact book, from the dashboard of a desk just opened (and settled)."""
    screen = await press(pilot, "B")
    assert is_book(screen)
    return screen


def live(store) -> list[dict]:  # noqa: ANN001
    return [row.values for row in store.run(contacts.list_contacts).rows]


def seed_office(store) -> None:  # noqa: ANN001
    def seed(s) -> None:  # noqa: ANN001
        f.contact(
            s,
            "张三",
            [("010-6512 3456", "work")],
            "某市财政局",
            title="科长",
            relation="superior",
        )
        f.contact(
            s, "李四", [("13800138000", "mobile")], "本局办公室", title="主任", relation="leader"
        )
        f.contact(s, "王五", [("0755-8888 1234", "")], "某区教育局", relation="grassroots")

    store.run(seed)


def number_cells(form) -> list[list[FormInput]]:  # noqa: ANN001
    rows = form.query_one("#f-numbers", RowsField)
    return [list(line.query(FormInput)) for line in rows.lines]


async def test_book_lists_in_pinyin_order_and_finds_by_initials(desk, store) -> None:  # noqa: ANN001
    """The book opens in pinyin order with relation labels; typing zs leaves only 张三, and
    an organisation or a piece of a number finds people too."""
    seed_office(store)
    async with desk() as pilot:
        app = pilot.app
        screen = await open_book(pilot)
        assert names(app) == ["李四", "王五", "张三"]
        assert shown(app)[2] == ["张三", "Superior body", "科长", "某市财政局", "01065123456"]
        assert status(app) == "1-3 of 3"
        await pilot.press("slash")
        search = screen.query_one("#filter-text", Input)
        assert app.focused is search
        await press(pilot, "z", "s")
        assert names(app) == ["张三"]
        search.value = "教育局"
        await settle(pilot)
        assert names(app) == ["王五"]
        search.value = "0013"
        await settle(pilot)
        assert names(app) == ["李四"]
        search.value = "nobody"
        await settle(pilot)
        assert names(app) == [] and status(app) == "0-0 of 0"
        # Esc leaves the search box first, then the book.
        await pilot.press("escape")
        assert app.focused is screen.query_one("#log", DataTable)
        await pilot.press("escape")
        assert app.screen is not screen


async def test_relation_filter(desk, store) -> None:  # noqa: ANN001
    """The relation box narrows the list to one relation; 'All relations' shows everyone."""
    seed_office(store)
    async with desk() as pilot:
        app = pilot.app
        screen = await open_book(pilot)
        relation = screen.query_one("#filter-relation", Cycle)
        assert "All relations" in str(relation.render())
        relation.focus()
        await pilot.press("right")  # the first relation: Leader
        await settle(pilot)
        assert relation.value == "leader" and names(app) == ["李四"]
        relation.value = "grassroots"
        await settle(pilot)
        assert [(r[0], r[1]) for r in shown(app)] == [("王五", "Grassroots / public")]
        relation.value = "family"
        await settle(pilot)
        assert names(app) == []
        relation.value = ""
        await settle(pilot)
        assert len(names(app)) == 3


async def test_add_a_contact_with_several_numbers(desk, store) -> None:  # noqa: ANN001
    """n opens the contact form; a name is required (said inline); numbers are typed one per
    row with a label, Enter moving cell by cell and a new row appearing as you type."""
    async with desk() as pilot:
        app = pilot.app
        await open_book(pilot)
        form = await start_form(pilot, "n")
        assert is_form(form)
        assert form.query_one("#f-relation", Cycle).value == "other"
        fill(form, organization="某市财政局")
        await press(pilot, "ctrl+s")
        assert app.screen is form
        error = form.query_one("#error-name", Static)
        assert error.display and "A contact needs a name" in str(error.render())
        fill(form, name="赵六", title="副局长")
        form.query_one("#f-relation", Cycle).value = "superior"
        first = number_cells(form)[0][0]
        first.focus()
        for typed in ("138 0013 8001", "手机", "010-6512 3456", "office", "8888"):
            await pilot.press(*typed)
            await pilot.press("enter")
        assert [[c.value for c in row] for row in number_cells(form)] == [
            ["138 0013 8001", "手机"],
            ["010-6512 3456", "office"],
            ["8888", ""],
            ["", ""],
        ]
        await press(pilot, "ctrl+s")
        assert is_book(app.screen)
        assert toasts(app).count("Contact saved") == 1  # once, after the commit
        await wait_until(pilot, lambda: names(app) == ["赵六"])
        assert shown(app)[0][1:] == [
            "Superior body",
            "副局长",
            "某市财政局",
            "13800138001, 01065123456, 8888",
        ]
        (row,) = live(store)
        data = store.run(contacts.get_input, row["id"])
        assert data.numbers == [("13800138001", "手机"), ("01065123456", "office"), ("8888", "")]


async def test_enter_in_the_relation_field_moves_on(desk, store) -> None:  # noqa: ANN001
    """Typing the form with Enter never gets stuck on the relation: Space changes it, Enter
    goes to the first number."""
    async with desk() as pilot:
        app = pilot.app
        await open_book(pilot)
        form = await start_form(pilot, "n")
        relation = form.query_one("#f-relation", Cycle)
        relation.focus()
        await pilot.press("space")
        assert relation.value == "leader"
        await pilot.press("enter")
        assert app.focused is number_cells(form)[0][0]
        assert relation.value == "leader"
        # Enter in the empty last row of numbers goes on to the next field at once (not to
        # the empty row's next cell).
        await pilot.press("enter")
        assert app.focused is form.query_one("#f-email", Input)


async def test_a_number_without_digits_is_refused_inline(desk, store) -> None:  # noqa: ANN001
    async with desk() as pilot:
        app = pilot.app
        await open_book(pilot)
        form = await start_form(pilot, "n")
        fill(form, name="钱七")
        form.query_one("#f-numbers", RowsField).value = [["138 0013 8000", ""], ["", "mobile"]]
        await pilot.pause()
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert "Not a phone number: mobile" in str(form.query_one("#error-numbers").render())
        assert app.focused is number_cells(form)[0][0]
        assert live(store) == []


async def test_edit_with_e_or_enter(desk, store) -> None:  # noqa: ANN001
    """e (or Enter) opens the selected contact in the form, filled in; saving updates it."""
    seed_office(store)
    async with desk() as pilot:
        app = pilot.app
        await open_book(pilot)
        await pilot.press("down", "down", "e")  # 张三
        await settle(pilot)
        form = app.screen
        assert is_form(form)
        assert form.query_one("#f-name", Input).value == "张三"
        assert form.query_one("#f-numbers", RowsField).value == [["01065123456", "work"]]
        assert form.query_one("#f-relation", Cycle).value == "superior"
        fill(form, title="处长")
        number_cells(form)[1][0].value = "13900001111"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: shown(app)[2][2] == "处长")
        assert shown(app)[2][4] == "01065123456, 13900001111"
        await press(pilot, "enter")
        assert is_form(app.screen)
        assert app.screen.query_one("#f-title", Input).value == "处长"
        fill(app.screen, title="不要了")
        await press(pilot, "escape", "y")
        assert is_book(app.screen)
        assert shown(app)[2][2] == "处长"


async def test_an_edit_keeps_what_the_form_does_not_show(desk, store) -> None:  # noqa: ANN001
    """A card imported from Outlook (Mr. John Richter,James Doe Sr. of IBM, Accounting) is
    given a new number in the form: its department and name parts stay as they came, also
    when the edit is finished from the draft kept after the app was killed."""
    from secdesk import config

    imported = {
        "department": "Accounting",
        "family_name": "Doe",
        "given_name": "John",
        "middle_name": "Richter,James",
        "name_prefix": "Mr.",
        "name_suffix": "Sr.",
    }
    cid = store.write(
        lambda s: f.contact(s, "Mr. John Doe Sr.", [("905-777-1234", "work")], "IBM", **imported)
    )
    async with desk() as pilot:
        app = pilot.app
        await open_book(pilot)
        await press(pilot, "e")
        number_cells(app.screen)[1][0].value = "905-555-1234"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: shown(app)[0][4] == "9057771234, 9055551234")
        await press(pilot, "e")
        fill(app.screen, title="Money Counter")
        await wait_until(pilot, (config.drafts_dir() / f"contact-{cid}.json").exists)
        await settle(pilot)
    data = store.run(contacts.get_input, cid)
    assert {key: getattr(data, key) for key in imported} == imported
    async with desk() as pilot:
        app = pilot.app
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert is_form(app.screen)
        await press(pilot, "ctrl+s")
        assert "Contact saved" in toasts(app)
    data = store.run(contacts.get_input, cid)
    assert data.title == "Money Counter"
    assert {key: getattr(data, key) for key in imported} == imported


async def test_delete_and_undo(desk, store) -> None:  # noqa: ANN001
    """d asks first, then the contact is gone; u brings it back."""
    seed_office(store)
    async with desk() as pilot:
        app = pilot.app
        await open_book(pilot)
        li_id = live(store)[0]["id"]
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "李四" in str(app.screen.question)
        await pilot.press("n")
        assert names(app) == ["李四", "王五", "张三"]
        await press(pilot, "d", "y")
        await wait_until(pilot, lambda: names(app) == ["王五", "张三"])
        assert "Deleted. Press u to undo." in toasts(app)
        assert [(t.kind, t.record_id, t.action) for t in app.undo_stack] == [
            ("contact", li_id, "restore")
        ]
        await press(pilot, "u")
        await wait_until(pilot, lambda: names(app) == ["李四", "王五", "张三"])
        assert app.undo_stack == []
        assert "Undone: deleted contact 李四" in toasts(app)


async def test_merge_a_duplicate_pair(desk, store) -> None:  # noqa: ANN001
    """m lists likely duplicates; Enter asks 'Merge B into A?' and y merges: one 张三 is left
    with both numbers; u takes the merge back."""

    def seed(s) -> None:  # noqa: ANN001
        f.contact(s, "张三", [("010-6512 3456", "work")], "某市财政局")
        f.contact(s, "张 三", [("13800138000", "mobile")], "某市财政局", title="科长")
        f.contact(s, "李四", [("13900139000", "mobile")], "某区教育局")

    store.run(seed)
    async with desk() as pilot:
        app = pilot.app
        await open_book(pilot)
        dupes = await press(pilot, "m")
        assert isinstance(dupes, DuplicatesScreen)
        table = dupes.query_one("#pairs", DataTable)
        assert table.row_count == 1
        assert [str(c) for c in table.get_row_at(0)] == [
            "张三 · 某市财政局 · 01065123456",
            "张 三 · 科长 · 某市财政局 · 13800138000",
        ]
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Merge 张 三 · 科长" in str(app.screen.question)
        await press(pilot, "y")
        assert app.screen is dupes
        await wait_until(pilot, lambda: table.row_count == 0)
        assert "No likely duplicates." in str(dupes.query_one("#pairs-status").render())
        assert "Merged. Press u to undo." in toasts(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: names(app) == ["李四", "张三"])
        assert shown(app)[1][2:] == ["科长", "某市财政局", "01065123456, 13800138000"]
        await press(pilot, "u")
        await wait_until(pilot, lambda: names(app) == ["李四", "张 三", "张三"])
        assert shown(app)[2][2:] == ["", "某市财政局", "01065123456"]
        assert shown(app)[1][2:] == ["科长", "某市财政局", "13800138000"]


async def test_swap_keeps_the_other_contact(desk, store) -> None:  # noqa: ANN001
    store.run(
        lambda s: [
            f.contact(s, "孙八", [("13800000001", "")]),
            f.contact(s, "孙八", [("13800000002", "")], "某局"),
        ]
    )
    async with desk() as pilot:
        await open_book(pilot)
        await press(pilot, "m")
        await press(pilot, "s", "m", "y")
        (kept,) = live(store)
        assert kept["organization"] == "某局"
        assert kept["numbers"] == "13800000002, 13800000001"


async def test_hostile_text_is_shown_literally(desk, store) -> None:  # noqa: ANN001
    """Names and organisations that look like markup or terminal control are shown as
    typed, with control characters made visible (ESC as ␛)."""
    store.run(lambda s: [f.contact(s, value, [], value, title=value) for value in HOSTILE])
    async with desk() as pilot:
        app = pilot.app
        await open_book(pilot)
        expected = {v.replace("\x1b", "␛") for v in HOSTILE}
        assert set(names(app)) == expected
        assert {row[3] for row in shown(app)} == expected
        assert {row[2] for row in shown(app)} == expected
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")


async def test_pages_turn(desk, store) -> None:  # noqa: ANN001
    """] and [ turn the pages as in the logs; PgDn moves a screen at a time and, from the
    last row, on to the next page (PgUp likewise back); n adds a contact here."""
    store.run(lambda s: [f.contact(s, f"联系人{i:03d}") for i in range(130)])
    async with desk() as pilot:
        app = pilot.app
        screen = await open_book(pilot)
        table = screen.query_one("#log", DataTable)
        assert status(app) == "1-100 of 130"
        await press(pilot, "right_square_bracket")
        assert status(app) == "101-130 of 130"
        await press(pilot, "left_square_bracket")
        assert status(app) == "1-100 of 130"
        await pilot.press("pagedown")
        assert 0 < table.cursor_row < 99 and status(app) == "1-100 of 130"
        await pilot.press("ctrl+end")
        assert table.cursor_row == 99
        await press(pilot, "pagedown")
        assert status(app) == "101-130 of 130" and table.cursor_row == 0
        assert names(app)[0] == "联系人100"
        await press(pilot, "pageup")
        assert status(app) == "1-100 of 130" and table.cursor_row == 99
        await pilot.press("n")
        assert is_form(app.screen)


async def test_u_on_another_screen_brings_a_contact_back(desk, store) -> None:  # noqa: ANN001
    """A contact deleted in the book can be undone with u after the book is closed (the
    desk has one undo stack)."""
    seed_office(store)
    async with desk() as pilot:
        app = pilot.app
        screen = await open_book(pilot)
        await press(pilot, "d", "y")
        await wait_until(pilot, lambda: len(live(store)) == 2)
        await pilot.press("escape")
        assert app.screen is not screen
        await press(pilot, "u")
        await wait_until(pilot, lambda: len(live(store)) == 3)


async def test_an_unsaved_contact_form_is_offered_at_next_start(desk, store) -> None:  # noqa: ANN001
    """The app was killed with the contact form open: the next start offers it back."""
    from secdesk import config

    async with desk() as pilot:
        app = pilot.app
        await open_book(pilot)
        await pilot.press("n")
        fill(app.screen, name="周九")
        number_cells(app.screen)[0][0].value = "13700137000"
        number_cells(app.screen)[0][1].value = "mobile"
        await wait_until(pilot, (config.drafts_dir() / "contact.json").exists)
        await settle(pilot)
    async with desk() as pilot:
        app = pilot.app
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert is_form(app.screen)
        assert app.screen.query_one("#f-numbers", RowsField).value == [["13700137000", "mobile"]]
        await press(pilot, "ctrl+s")
        assert "Contact saved" in toasts(app)
        assert [(r["name"], r["numbers"]) for r in live(store)] == [("周九", "13700137000")]


async def test_an_untouched_edit_form_closes_without_a_question(desk, store) -> None:  # noqa: ANN001
    """Opening a contact to look at it and pressing Esc asks nothing and keeps no draft."""
    from secdesk import config

    seed_office(store)
    async with desk() as pilot:
        app = pilot.app
        await open_book(pilot)
        await press(pilot, "e")
        assert is_form(app.screen)
        await pilot.press("escape")
        assert is_book(app.screen)
        await settle(pilot)
        assert list(config.drafts_dir().glob("*.json")) == []


async def test_l_lists_the_calls_with_a_contact(desk, store) -> None:  # noqa: ANN001
    """From the book, l opens the calls log narrowed to that person's calls."""
    from secdesk.office.calls import log as calls
    from secdesk.services.inputs import CallInput

    contact_id = store.write(lambda s: f.contact(s, "刘局长", [("13800138000", "mobile")], "某局"))
    store.write(
        calls.log_call,
        CallInput(at=f.local(2026, 11, 27, 9), number="13800138000", summary="他的来电"),
    )
    store.write(
        calls.log_call, CallInput(at=f.local(2026, 11, 27, 10), caller="别人", summary="别人的来电")
    )
    async with desk() as pilot:
        app = pilot.app
        await open_book(pilot)
        await press(pilot, "l")
        assert isinstance(app.screen, RecordListScreen)
        assert app.screen.kind.name == "call" and app.screen.fixed == {"contact_id": contact_id}
        table = app.screen.query_one("#log", DataTable)
        assert [str(table.get_row_at(i)[5]) for i in range(table.row_count)] == ["他的来电"]
        assert str(app.screen.query_one("#log-status", Static).render()).startswith(
            "Calls with 刘局长"
        )
