"""A numbered urge notice issued from the desk's service: its 发文字号 is the next of the
prefix in the outgoing register, given in the same transaction that logs the urge on the
item (its history shows the number, the audit trail both changes) and writes the .docx;
nothing is given when the file cannot be written, and taking the urge back voids it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import time_machine
from sqlmodel import select

from secdesk import config, i18n
from secdesk.models import Event, OutgoingDocument, SupervisionItem
from secdesk.models.supervision import SupervisionStatus
from tests import factories as f
from tests.gongwen_check import check_signature, open_paper

OFFICE = "某区人民政府办公室"
NOW = "2026-11-27 10:00:00 +0800"


@pytest.fixture(autouse=True)
def office() -> None:
    config.save_office(OFFICE, mark=f"{OFFICE}文件")


def _item(store) -> int:  # noqa: ANN001
    with store.db.session() as session:
        item = f.supervision(
            session,
            date(2026, 11, 20),
            undertaking_unit="区统计局",
            status=SupervisionStatus.assigned,
        )
        f.numbered(session, "某府办督", 3, drafted_at=item.created_at)
        session.commit()
        return item.id


@time_machine.travel(NOW, tick=False)
def test_the_notice_takes_the_next_number_logs_the_urge_and_is_written(
    store, tmp_path: Path
) -> None:  # noqa: ANN001
    from secdesk.office.supervision.issuing import issue_urge_notice
    from secdesk.services import records, workflow

    i18n.set_language("zh")
    item_id = _item(store)
    target = tmp_path / "催办.docx"
    issued = store.write(issue_urge_notice, item_id, "某府办督", target)
    assert issued.number == "某府办督〔2026〕4号"
    opened = open_paper(target, OFFICE, "zh")
    assert opened.texts[0] == f"{OFFICE}文件" and "某府办督〔2026〕4号" in opened.texts
    check_signature(opened.document, OFFICE, "zh")
    with store.db.session() as session:
        entry = session.get(OutgoingDocument, issued.outgoing_id)
        assert entry is not None and entry.status == "registered"
        assert entry.title == "关于“落实安全生产检查”的催办通知"
        assert entry.main_recipients == "区统计局" and entry.doc_type == "通知"
        item = session.get(SupervisionItem, item_id)
        assert item is not None and item.urge_count == 1 and item.status == "urged"
        lines = workflow.history(session, "supervision", item_id)
        assert lines[-1].label == "催办" and "某府办督〔2026〕4号" in lines[-1].note
        actions = {
            (e.entity, e.action)
            for e in session.exec(select(Event)).all()
            if e.entity in ("supervisionitem", "outgoingdocument")
        }
        assert ("supervisionitem", "step:urge") in actions
        assert ("outgoingdocument", "create") in actions
    # u takes the urge back: the number stays in the register, voided, never given again.
    store.write(records.undo, issued.undo)
    with store.db.session() as session:
        entry = session.get(OutgoingDocument, issued.outgoing_id)
        assert entry is not None and entry.voided_at is not None
        assert entry.void_reason == "催办通知已撤回"
        item = session.get(SupervisionItem, item_id)
        assert item is not None and item.urge_count == 0
    again = store.write(issue_urge_notice, item_id, "某府办督", tmp_path / "again.docx")
    assert again.number == "某府办督〔2026〕5号"


@time_machine.travel(NOW, tick=False)
def test_a_file_not_written_gives_no_number(store, tmp_path: Path) -> None:  # noqa: ANN001
    from secdesk.office.supervision.issuing import issue_urge_notice

    item_id = _item(store)
    (tmp_path / "a file").write_text("not a folder")
    with pytest.raises(OSError):
        store.write(issue_urge_notice, item_id, "某府办督", tmp_path / "a file" / "x.docx")
    with store.db.session() as session:
        numbers = session.exec(select(OutgoingDocument.doc_number)).all()
        assert numbers == ["某府办督〔2026〕3号"]
        item = session.get(SupervisionItem, item_id)
        assert item is not None and item.urge_count == 0


@time_machine.travel(NOW, tick=False)
def test_a_prefix_never_used_is_asked_about_and_a_closed_item_refused(
    store, tmp_path: Path
) -> None:  # noqa: ANN001
    """A new series starts only after a yes (as in the outgoing form); a closed item has
    nothing to urge, and neither gives a number."""
    from secdesk.office.supervision.issuing import issue_urge_notice
    from secdesk.office.supervision.papers import NothingToUrge
    from secdesk.services.forms import NeedsConfirmation

    item_id = _item(store)
    target = tmp_path / "n.docx"
    with pytest.raises(NeedsConfirmation, match="某府督"):
        store.write(issue_urge_notice, item_id, "某府督", target)
    assert not target.exists()
    issued = store.write(issue_urge_notice, item_id, "某府督", target, ("prefix",))
    assert issued.number == "某府督〔2026〕1号" and target.exists()

    def close(session) -> None:  # noqa: ANN001
        item = session.get(SupervisionItem, item_id)
        item.status = SupervisionStatus.closed
        session.add(item)

    store.write(close)
    with pytest.raises(NothingToUrge):
        store.write(issue_urge_notice, item_id, "某府督", tmp_path / "closed.docx")
    assert store.run(lambda s: len(s.exec(select(OutgoingDocument)).all())) == 2


@time_machine.travel(NOW, tick=False)
def test_the_shell_issues_it_the_same_way(store, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """``supervision notice ID --prefix P --docx FILE`` gives the same next number, logs
    the same urge and writes the same paper; a new series needs a yes (--yes in a script)."""
    from secdesk.cli import main
    from secdesk.services import workflow

    item_id = _item(store)
    store.close()
    db = str(store.path)
    target = tmp_path / "shell.docx"
    argv = ["--db", db, "supervision", "notice", str(item_id), "--prefix", "某府办督"]
    assert main([*argv, "--number", "某府办督〔2026〕3号", "--docx", str(target)]) == 2
    assert "Give --number or --prefix, not both." in capsys.readouterr().err
    assert main(argv) == 2 and "--docx" in capsys.readouterr().err
    assert main([*argv, "--docx", str(target)]) == 0
    out = capsys.readouterr().out
    assert "某府办督〔2026〕4号" in out and str(target) in out
    assert "某府办督〔2026〕4号" in open_paper(target, OFFICE, "en").texts
    new = ["--db", db, "supervision", "notice", str(item_id), "--prefix", "某府督"]
    assert main([*new, "--docx", str(tmp_path / "new.docx")]) == 2
    assert "--yes" in capsys.readouterr().err and not (tmp_path / "new.docx").exists()
    assert main([*new, "--docx", str(tmp_path / "new.docx"), "--yes"]) == 0
    with store.db.session() as session:
        lines = workflow.history(session, "supervision", item_id)
        assert [line.note for line in lines[-2:]] == [
            "Urge notice 某府办督〔2026〕4号 issued",
            "Urge notice 某府督〔2026〕1号 issued",
        ]


@time_machine.travel(NOW, tick=False)
def test_a_commit_that_fails_leaves_no_numbered_paper(
    store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    """The paper is written, then the commit fails (a busy database, a full disk): no
    number is given, so no file may carry one."""
    from sqlalchemy.exc import OperationalError

    from secdesk.office.supervision import issuing
    from secdesk.services.store import Store

    item_id = _item(store)
    real_write = Store.write

    def commit_fails(self: Store, fn, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        def then_fail(session, *inner, **named):  # noqa: ANN001, ANN002, ANN003, ANN202
            fn(session, *inner, **named)
            raise OperationalError("COMMIT", {}, Exception("database or disk is full"))

        return real_write(self, then_fail, *args, **kwargs)

    monkeypatch.setattr(Store, "write", commit_fails)
    folder = tmp_path / "papers"
    folder.mkdir()
    with pytest.raises(OperationalError):
        issuing.issue(store, item_id, "某府办督", folder / "n.docx")
    assert list(folder.iterdir()) == []
    monkeypatch.undo()
    numbers = store.run(lambda s: s.exec(select(OutgoingDocument.doc_number)).all())
    assert numbers == ["某府办督〔2026〕3号"]
