"""On the desk, a supervision item's urge notice issued as a numbered paper (Ctrl+G): the
prefix and the file are asked, the next 发文字号 of the prefix is given, the urge is logged
on the item with it, and the .docx carries it; a file that is there is replaced only after
a yes; the key is in the help, in English and in Chinese."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import time_machine
from sqlmodel import select
from textual.widgets import Input

from secdesk import config, i18n
from secdesk.models import OutgoingDocument, SupervisionItem
from secdesk.models.supervision import SupervisionStatus
from secdesk.screens.confirm import ConfirmScreen
from secdesk.screens.detail import DetailScreen
from secdesk.screens.help import HelpScreen
from secdesk.screens.issue_notice import IssueNoticeScreen
from tests import factories as f
from tests.conftest import settle, wait_until
from tests.gongwen_check import open_paper
from tests.ui.helpers import detail_text, press, shown, toasts

NOW = "2026-11-27 10:32:00 +0800"
OFFICE = "某区人民政府办公室"


def _office_and_item(store) -> None:  # noqa: ANN001
    """The office named; an item assigned to 区统计局; 某府办督 used up to 3 this year."""
    config.save_office(OFFICE, mark=f"{OFFICE}文件")

    def fill(session) -> None:  # noqa: ANN001
        item = SupervisionItem(
            title="落实[b]安全生产检查",
            assigned_on=date(2026, 11, 2),
            due=date(2026, 11, 20),
            undertaking_unit="区统计局",
            status=SupervisionStatus.assigned,
        )
        session.add(item)
        f.numbered(session, "某府办督", 3, status="registered", drafted_at=item.created_at)

    store.write(fill)


def numbers(store) -> list[str]:  # noqa: ANN001
    return store.run(lambda s: list(s.exec(select(OutgoingDocument.doc_number)).all()))


async def _issue(pilot, target: Path) -> IssueNoticeScreen:  # noqa: ANN001
    """Ctrl+G on the open item, the file typed; the prefix offered is the one in use."""
    screen = await press(pilot, "ctrl+g")
    assert isinstance(screen, IssueNoticeScreen)
    assert screen.query_one("#issue-prefix", Input).value == "某府办督"
    await pilot.press("enter")  # the prefix as offered; on to the file
    screen.query_one("#issue-file", Input).value = str(target)
    await pilot.press("enter")
    return screen


@time_machine.travel(NOW, tick=False)
async def test_a_numbered_urge_notice_from_the_item(desk, store, tmp_path: Path) -> None:  # noqa: ANN001
    """The item's view shows the urge with 某府办督〔2026〕4号 in its history; the file is the
    paper headed by the office's mark and that number. The same file again is asked about:
    n keeps it (no number given), y replaces it with the next number's paper."""
    _office_and_item(store)
    target = tmp_path / "催办通知.docx"
    async with desk((120, 40)) as pilot:
        app = pilot.app
        await press(pilot, "S")
        await press(pilot, "enter")
        assert isinstance(app.screen, DetailScreen)
        await _issue(pilot, target)
        await wait_until(pilot, target.exists)
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert any("某府办督〔2026〕4号" in t and str(target) in t for t in toasts(app))
        assert "Urge notice 某府办督〔2026〕4号 issued" in detail_text(app)
        opened = open_paper(target, OFFICE, "en")
        assert opened.texts[0] == f"{OFFICE}文件" and "某府办督〔2026〕4号" in opened.texts
        assert any("落实[b]安全生产检查" in t for t in opened.texts)
        item = store.run(lambda s: s.exec(select(SupervisionItem)).one())
        assert (item.status, item.urge_count) == ("urged", 1)
        assert app.undo_stack[-1].action == "unstep"

        # The same file again: asked; n writes nothing and gives no number.
        written = target.read_bytes()
        await _issue(pilot, target)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await press(pilot, "n")
        assert target.read_bytes() == written
        assert numbers(store) == ["某府办督〔2026〕3号", "某府办督〔2026〕4号"]
        # y replaces it with the paper of the next number.
        await _issue(pilot, target)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: target.read_bytes() != written)
        await settle(pilot)
        assert "某府办督〔2026〕5号" in open_paper(target, OFFICE, "en").texts
        assert "Urge notice 某府办督〔2026〕5号 issued" in detail_text(app)


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", ("^g", "Numbered notice")), ("zh", ("^g", "编号催办通知"))],
)
@time_machine.travel(NOW, tick=False)
async def test_the_key_is_in_the_items_help(desk, store, language, words) -> None:  # noqa: ANN001
    """? on the item's view lists Ctrl+G beside the urge notice, in the interface's language."""
    _office_and_item(store)
    i18n.set_language(language)
    async with desk((120, 40)) as pilot:
        await press(pilot, "S")
        await press(pilot, "enter")
        await press(pilot, "question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        rows = shown(pilot.app, "#help-keys")
        assert any(words[0] in row[0] and words[1] == row[1] for row in rows), [r[:2] for r in rows]
