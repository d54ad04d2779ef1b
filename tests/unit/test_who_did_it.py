"""Who did it: the desk's ``[office] user`` (else the login name) is named by every audit
Event, a record's history and the duty log's papers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import time_machine
from sqlmodel import select

from secdesk import config, i18n
from secdesk.cli import main
from secdesk.models import Call, Event
from secdesk.services import audit, dutylog, records, trail
from secdesk.services.inputs import CallInput
from tests import factories as f

DAY = date(2026, 12, 6)


def write_config(text: str) -> Path:
    path = config.config_path()
    path.write_text(text, encoding="utf-8")
    return path


def test_the_setting_is_a_name_tidied_and_anything_else_is_said() -> None:
    path = write_config('[office]\nname = "某办"\nuser = "  张三\\n "\n')
    assert config.load_settings(path).user == "张三"
    write_config('[office]\nname = "某办"\nuser = 7\n')
    settings = config.load_settings(path)
    assert settings.user == ""
    (warning,) = settings.warnings
    assert "[office] user = 7 is not a name" in warning and "login name is used" in warning
    write_config('[office]\nname = "某办"\n')
    assert config.load_settings(path).user == ""


def test_the_user_defaults_to_the_login_name_and_the_environment_comes_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import getpass

    assert config.desk_user() == getpass.getuser()
    config.use_user("张三")
    assert config.desk_user() == "张三"
    monkeypatch.setenv("SECDESK_USER", " 李四 ")
    assert config.desk_user() == "李四"


def test_config_toml_is_read_once_not_for_every_change() -> None:
    """A process that never loaded the settings reads the file when the first change is
    recorded, and not again for the next one."""
    write_config('[office]\nuser = "张三"\n')
    assert config.desk_user() == "张三"
    write_config('[office]\nuser = "李四"\n')
    assert config.desk_user() == "张三"
    config.use_user(None)  # the settings read again (a new process)
    assert config.desk_user() == "李四"


def test_a_command_records_the_configured_user(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    write_config('[office]\nname = "某区人民政府办公室"\nuser = "张三"\n')
    db = str(tmp_path / "office.db")
    assert main(["--db", db, "log", "call", "--from", "王五", "询问供暖"]) == 0
    capsys.readouterr()
    from secdesk.services.store import Store

    store = Store(Path(db))
    try:
        events = store.run(lambda s: list(s.exec(select(Event)).all()))
    finally:
        store.close()
    assert [(e.action, e.entity, e.actor) for e in events] == [("create", "call", "张三")]


def test_a_records_history_names_who_did_each_change(store) -> None:  # noqa: ANN001
    config.use_user("张三")
    typed = CallInput(at=f.local(2026, 12, 6, 10), caller="王五", summary="询问供暖")
    with time_machine.travel("2026-12-06 10:12 +0800", tick=False):
        saved = store.write(records.create, "call", typed)
    config.use_user("李四")
    typed.summary, typed.follow_up = "询问供暖时间", True
    with time_machine.travel("2026-12-06 11:30 +0800", tick=False):
        store.write(records.update, "call", saved.id, typed)
        store.write(records.detail, "call", saved.id)  # reading changes nothing
        store.write(records.delete, "call", saved.id)
        store.write(records.restore, "call", saved.id)
    lines = store.run(trail.history_lines, "call", saved.id)
    assert lines == [
        ("6 Dec 2026 10:12 张三", "Entered"),
        ("6 Dec 2026 11:30 李四", "Changed Summary, Follow-up needed"),
        ("6 Dec 2026 11:30 李四", "Deleted"),
        ("6 Dec 2026 11:30 李四", "Restored after deletion"),
    ]
    i18n.set_language("zh")
    assert store.run(trail.history_lines, "call", saved.id)[:2] == [
        ("2026年12月6日 10:12 张三", "录入"),
        ("2026年12月6日 11:30 李四", "修改了内容、需要跟进"),
    ]


def test_the_history_names_fields_never_their_old_values(store) -> None:  # noqa: ANN001
    """An old value may be what a record keeps protected: the history says what changed."""
    config.use_user("张三")
    typed = CallInput(at=f.local(2026, 12, 6, 10), caller="王五", summary="秘密的内容")
    saved = store.write(records.create, "call", typed)
    typed.summary = "别的内容"
    store.write(records.update, "call", saved.id, typed)
    shown = " ".join(what for _when, what in store.run(trail.history_lines, "call", saved.id))
    assert "秘密" not in shown and "别的" not in shown and "Summary" in shown


def duty_day(store, on_duty: str = "") -> dutylog.DutyDay:  # noqa: ANN001
    """Calls logged on DAY by 张三 then 李四, one 王五 only looked at, and one by 赵六 the
    day before."""

    def log(user: str, hour: int, day: int = 6) -> int:
        config.use_user(user)
        with time_machine.travel(f"2026-12-0{day} {hour}:00 +0800", tick=False):
            typed = CallInput(at=f.local(2026, 12, day, hour), caller="来电人", summary="事")
            return store.write(records.create, "call", typed).id

    log("赵六", 22, day=5)
    log("张三", 9)
    first = log("李四", 14)
    log("张三", 16)
    config.use_user("王五")
    with time_machine.travel("2026-12-06 17:00 +0800", tick=False):
        # Showing a protected identity is recorded, but records nothing of the day.
        store.write(lambda s: audit.record(s, "reveal", "call", first, {"fields": ["caller"]}))
    if on_duty:
        store.write(dutylog.save_notes, DAY, "", "", on_duty)
    return store.run(dutylog.compose_day, DAY)


def test_the_duty_papers_name_who_was_on_duty_as_written(store) -> None:  # noqa: ANN001
    duty = duty_day(store, on_duty="小王")
    for out in (dutylog.export_text(duty), dutylog.export_markdown(duty)):
        assert "On duty: 小王" in out
        assert "Recorded by" not in out


def test_left_blank_the_duty_papers_name_who_recorded_the_day(store, tmp_path: Path) -> None:  # noqa: ANN001
    duty = duty_day(store)
    assert duty.recorded_by == ["张三", "李四"]
    assert "Recorded by: 张三, 李四\n" in dutylog.export_text(duty)
    assert "On duty" not in dutylog.export_text(duty)
    i18n.set_language("zh")
    assert "记录人：张三、李四\n" in dutylog.export_text(duty)
    config.use_office(config.Office("某区人民政府办公室"))
    _md, _txt, paper = dutylog.write_exports(duty, tmp_path / "out")
    from docx import Document

    assert "记录人：张三、李四" in [p.text for p in Document(str(paper)).paragraphs]


def test_nobody_on_a_day_without_changes(store) -> None:  # noqa: ANN001
    duty = store.run(dutylog.compose_day, DAY)
    assert duty.recorded_by == []
    out = dutylog.export_text(duty)
    assert "On duty" not in out and "Recorded by" not in out


def test_a_call_saved_by_the_command_is_named_in_the_history(
    tmp_path: Path,
    capsys,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SECDESK_USER, for several people sharing one login, names them over the setting."""
    write_config('[office]\nuser = "张三"\n')
    db = str(tmp_path / "office.db")
    monkeypatch.setenv("SECDESK_USER", "李四")
    assert main(["--db", db, "log", "call", "--from", "王五", "询问"]) == 0
    capsys.readouterr()
    from secdesk.services.store import Store

    store = Store(Path(db))
    try:
        (call,) = store.run(lambda s: list(s.exec(select(Call)).all()))
        (line,) = store.run(trail.history_lines, "call", call.id)
    finally:
        store.close()
    assert line[0].endswith(" 李四") and line[1] == "Entered"
