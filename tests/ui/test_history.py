"""A record's view ends with its history: who entered it and who changed what, when, the
desk's ``[office] user`` named as settings give it."""

from __future__ import annotations

import pytest
import time_machine

from secdesk import config, i18n
from secdesk.config import Settings
from secdesk.models import Call
from secdesk.services import records
from secdesk.services.inputs import CallInput
from tests import factories as f
from tests.conftest import settle, wait_until
from tests.ui.helpers import detail_text, press, rows, screen_text, start_form

NOW = "2026-12-06 10:12:00 +0800"


@pytest.mark.parametrize("language", ["en", "zh"])
@time_machine.travel(NOW, tick=False)
async def test_a_calls_view_says_who_entered_and_who_changed_it(
    desk,
    store,  # noqa: ANN001
    language: str,
) -> None:
    """At 80×24, a call saved at this desk (its user 张三, from the settings) and changed by
    李四 at another shows under Changes (操作记录) who did what and when, each line whole:
    6 Dec 2026 10:12 张三 Entered, then 李四's change naming the fields."""
    i18n.set_language(language)
    async with desk((80, 24), settings=Settings(user="张三", language=language)) as pilot:
        app = pilot.app
        await start_form(pilot, "c", caller="王五", summary="询问供暖")
        await press(pilot, "ctrl+s")
        (call,) = rows(store, Call)
        config.use_user("李四")  # another desk, on the same database
        typed = CallInput(at=f.local(2026, 12, 6, 10, 12), caller="王五", summary="询问供暖时间")
        store.write(records.update, "call", call.id, typed)
        config.use_user("张三")
        app.open_record("call", call.id)
        await settle(pilot)
        await wait_until(pilot, lambda: "李四" in detail_text(app))
        if language == "zh":
            heading = "操作记录"
            lines = [
                ("2026年12月6日 10:12 张三", "录入"),
                ("2026年12月6日 10:12 李四", "修改了内容"),
            ]
        else:
            heading = "Changes"
            lines = [
                ("6 Dec 2026 10:12 张三", "Entered"),
                ("6 Dec 2026 10:12 李四", "Changed Summary"),
            ]
        await press(pilot, "end")
        seen = screen_text(app).splitlines()
        assert any(heading in line for line in seen)
        for head, what in lines:
            assert any(head in line and what in line for line in seen), (head, seen)


@time_machine.travel(NOW, tick=False)
async def test_the_duty_log_says_who_recorded_the_day_while_nobody_is_on_duty(
    desk,
    store,  # noqa: ANN001
) -> None:
    """The On duty field, left blank, shows in grey who recorded the day (the audit
    trail's names, not the desk's own user), as the papers will name them (记录人)."""
    from textual.widgets import Input

    from secdesk.screens.dutylog import DutyLogScreen

    config.use_user("李四")
    typed = CallInput(at=f.local(2026, 12, 6, 9), caller="王五", summary="询问供暖")
    store.write(records.create, "call", typed)
    async with desk(settings=Settings(user="张三")) as pilot:
        app = pilot.app
        await app.push_screen(DutyLogScreen())
        await settle(pilot)
        on_duty = app.screen.query_one("#duty-on-duty", Input)
        assert (on_duty.value, on_duty.placeholder) == ("", "Recorded by: 李四")
