"""``secdesk doctor``: what it finds, what it says to do, and its exit code (non-zero only
when the data is at risk)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import NamedTuple

import pytest
import time_machine

from secdesk.care import doctor
from secdesk.cli import main
from secdesk.services.store import Store
from tests import factories as f

NOTICE_2027 = "一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。\n"


def taken_at(path: Path, *day: int) -> None:
    """Date the backup ``path`` as written at 09:00 that day (Beijing time)."""
    from datetime import datetime, timedelta, timezone

    stamp = datetime(*day, 9, tzinfo=timezone(timedelta(hours=8))).timestamp()
    os.utime(path, (stamp, stamp))


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(autouse=True)
def december() -> object:
    with time_machine.travel("2026-12-01 10:00 +0800", tick=False):
        yield


@pytest.fixture
def office(isolated_home: Path) -> Path:
    path = isolated_home / "secdesk.db"
    store = Store(path)
    store.run(lambda s: f.call(s, f.local(2026, 11, 27, 10), caller="张三"))
    store.close()
    return path


def test_a_healthy_office_is_all_ok(office: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    notice = tmp_path / "2027.txt"
    notice.write_text(NOTICE_2027, encoding="utf-8")
    assert run(capsys, "holidays", "import", "--year", "2027", str(notice))[0] == 0
    _code, out, _err = run(capsys, "backup")
    taken_at(Path(out.strip()), 2026, 12, 1)
    code, out, err = run(capsys, "doctor")
    assert code == 0, out + err
    assert "warning" not in out and "at risk" not in out
    for said in ("sound", "current", "Only you may read", "free on the disk", "Newest backup"):
        assert said in out
    assert "covers 2026" in out and "covers 2027" in out


def test_warnings_put_nothing_at_risk(office: Path, capsys) -> None:  # noqa: ANN001
    """No backup yet, and the coming year's holidays unknown: said, with what to do; exit 0.
    (In 2040, so that no release of the calendar package covers the year.)"""
    with time_machine.travel("2040-12-01 10:00 +0800", tick=False):
        code, out, _err = run(capsys, "doctor")
    assert code == 0
    assert "no backup of this database yet" in out and "secdesk backup" in out
    assert "does not cover 2041 yet" in out and "holidays import" in out


def test_an_old_backup_is_a_warning(office: Path, capsys) -> None:  # noqa: ANN001
    with time_machine.travel("2026-11-20 10:00 +0800", tick=False):
        _code, out, _err = run(capsys, "backup")
    taken_at(Path(out.strip()), 2026, 11, 20)
    code, out, _err = run(capsys, "doctor")
    assert code == 0 and "The newest backup is 11 days old" in out


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(p.read_bytes()[:3000]),  # cut short
        lambda p: p.write_bytes(b"not a database at all\n" * 100),  # another kind of file
    ],
)
def test_a_damaged_file_is_said_in_a_sentence(office: Path, capsys, damage) -> None:  # noqa: ANN001
    damage(office)
    code, out, err = run(capsys, "doctor")
    assert code == 1
    assert "cannot be read as a database: it is damaged" in out
    assert "secdesk restore FILE" in out and "Traceback" not in out + err


def test_broken_links_between_records_are_at_risk(office: Path, capsys) -> None:  # noqa: ANN001
    conn = sqlite3.connect(office)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE call SET contact_id = 999")
    conn.commit()
    conn.close()
    code, out, _err = run(capsys, "doctor")
    assert code == 1 and "1 record points at a record that is not there (in: call)" in out


def test_loose_permissions_are_at_risk(office: Path, capsys) -> None:  # noqa: ANN001
    office.chmod(0o644)
    code, out, _err = run(capsys, "doctor")
    assert code == 1
    assert f"Others may read {office}." in out and f"chmod 600 {office}" in out


def test_a_nearly_full_disk_is_at_risk(
    office: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    class Usage(NamedTuple):
        total: int
        used: int
        free: int

    monkeypatch.setattr(doctor.shutil, "disk_usage", lambda _p: Usage(10**10, 10**10, 50 * 2**20))
    code, out, _err = run(capsys, "doctor")
    assert code == 1 and "The disk is nearly full: 50 MB free" in out


def test_a_newer_schema_is_at_risk(office: Path, capsys) -> None:  # noqa: ANN001
    conn = sqlite3.connect(office)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    code, out, _err = run(capsys, "doctor", "--json")
    import json

    (schema,) = [row for row in json.loads(out) if row["check"] == "schema"]
    assert code == 1 and schema["level"] == "danger" and "newer secdesk" in schema["message"]


def test_no_database_is_said(isolated_home: Path, capsys) -> None:  # noqa: ANN001
    """A --db that names no file is refused; a new home has no database yet, and says so
    (tests/unit/test_fresh_start.py)."""
    code, _out, err = run(capsys, "--db", str(isolated_home / "typo.db"), "doctor")
    assert code == 2 and "There is no database at" in err
    assert not (isolated_home / "typo.db").exists()


def test_a_check_added_later_is_one_line(
    office: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    """The search index will add its own check: a function appended to CHECKS."""

    def search_index(ctx: doctor.Context) -> list[doctor.Finding]:
        return [doctor.Finding("search", doctor.DANGER, "The search index is stale.", "Reindex.")]

    monkeypatch.setattr(doctor, "CHECKS", [*doctor.CHECKS, search_index])
    code, out, _err = run(capsys, "doctor")
    assert code == 1 and "The search index is stale." in out and "→ Reindex." in out


def test_a_stale_search_index_is_found_and_made_anew(office: Path, capsys) -> None:  # noqa: ANN001
    code, out, _err = run(capsys, "doctor")
    assert "The search index holds its 1 record." in out
    # A record written behind secdesk's back (another program, a copied file): not indexed.
    conn = sqlite3.connect(office)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(call)") if r[1] != "id"]
    chosen = [{"caller": "'李四'", "summary": "'补录'"}.get(name, name) for name in columns]
    conn.execute(f"INSERT INTO call ({', '.join(columns)}) SELECT {', '.join(chosen)} FROM call")
    conn.commit()
    conn.close()
    code, out, _err = run(capsys, "doctor")
    assert code == 0  # search missing a record puts no data at risk
    assert "The search index holds 1 entries for 2 records" in out
    assert "→ Make it anew: secdesk doctor --reindex" in out
    code, out, _err = run(capsys, "doctor", "--reindex")
    assert "The search index was made anew: 2 records." in out
    assert "The search index holds all 2 records." in out
    found = run(capsys, "search", "补录")[1]
    assert "李四 · 补录" in found and "张三" not in found


@pytest.mark.parametrize(
    ("content", "said"),
    [(b"", "it is empty (0 bytes)"), (b"garbage!" * 512, "it cannot be read")],
    ids=["empty", "garbage"],
)
def test_a_newest_backup_that_cannot_be_restored_is_at_risk(
    office: Path, capsys, content: bytes, said: str
) -> None:  # noqa: ANN001
    """A good older copy does not hide that the newest one is empty or unreadable."""
    _code, out, _err = run(capsys, "backup")
    taken_at(Path(out.strip()), 2026, 11, 30)
    _code, out, _err = run(capsys, "backup")
    newest = Path(out.strip())
    newest.write_bytes(content)
    code, out, _err = run(capsys, "doctor")
    assert code == 1, out
    assert f"The newest backup {newest} cannot be restored: {said}" in out
    assert "Newest backup:" not in out


def test_a_killed_backups_half_made_copy_is_removed(office: Path, capsys) -> None:  # noqa: ANN001
    """What a backup killed mid-way leaves (a hidden .part file and SQLite's journal) is
    removed by the doctor, and said; a backup in progress is left alone (see test_backups)."""
    _code, out, _err = run(capsys, "backup")
    folder = Path(out.strip()).parent
    part = folder / ".secdesk-20261201-095900.db-x1y2z3.part"
    for leftover, size in ((part, 4096), (part.with_name(part.name + "-journal"), 512)):
        leftover.write_bytes(b"\0" * size)
        leftover.chmod(0o600)  # as the backup made them
    code, out, _err = run(capsys, "doctor")
    assert code == 0, out
    assert f"Removed 1 half-made backup that a stopped backup left in {folder}." in out
    assert not list(folder.glob(".*"))
