"""Ctrl+P finds secdesk's screens and actions beside Textual's own commands."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from secdesk.screens.lists import RecordListScreen
from tests.conftest import wait_until


async def test_palette_opens_the_calls_log(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        app.screen.query_one(Input).value = "calls log"
        commands = app.screen.query_one(CommandList)
        await wait_until(
            pilot,
            lambda: (
                commands.option_count > 0
                and "Calls log" in str(commands.get_option_at_index(0).prompt)
            ),
        )
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RecordListScreen) and app.screen.kind.name == "call"


async def test_palette_keeps_textuals_own_commands(make_app) -> None:  # noqa: ANN001
    """Textual's own commands (theme, keys, quit...) are still found beside ours."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        app.screen.query_one(Input).value = "theme"
        commands = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: commands.option_count > 0)
        prompts = [
            str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
        ]
        assert any("theme" in p.lower() for p in prompts)


async def test_palette_lists_every_record_kind(make_app) -> None:  # noqa: ANN001
    """Each registered kind's list (and form, where it has one) is found by name."""
    from secdesk.kinds import kinds
    from secdesk.screens.palette import commands

    titles = {title for title, _help, _action in commands()}
    for kind in kinds():
        if kind.listing:
            assert kind.listing.title in titles
        if kind.enterable:
            assert (kind.new_label or kind.form_title) in titles


async def test_the_palette_asks_in_chinese(make_app) -> None:  # noqa: ANN001
    """In Chinese the palette's prompt is Chinese too (it was Textual's English)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_set_language("zh")
        await pilot.pause()
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "检索命令…"


async def test_a_question_names_its_keys_with_chinese_punctuation(make_app) -> None:  # noqa: ANN001
    """y：是 in Chinese (not "y: 是"), y: Yes in English."""
    from textual.widgets import Static

    from secdesk.screens.confirm import ConfirmScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_set_language("zh")
        await pilot.pause()
        app.push_screen(ConfirmScreen("删除？", yes="删除", no="保留"))
        await pilot.pause()
        keys = app.screen.query_one(".confirm-keys", Static)
        assert str(keys.render()) == "y：删除    n：保留"
