"""The command line: what a script or a shell user sees."""

from __future__ import annotations

import io
import json
import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from secdesk.cli import main
from tests.conftest import future_database, stored_rows


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_log_call_prints_its_id_and_today_shows_it(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db = str(tmp_path / "x.db")
    code, out, _err = run(
        capsys,
        "--db",
        db,
        "log",
        "call",
        "--from",
        "张三",
        "--number",
        "13800138000",
        "--for",
        "王局长",
        "询问会议[/]时间",
    )
    assert code == 0 and out == "Call logged: 1\n"  # the number last, for scripts
    code, out, _err = run(capsys, "--db", db, "today", "--json")
    data = json.loads(out)
    (calls,) = [p for p in data["panels"] if p["id"] == "calls"]
    call = calls["rows"][0]["values"]
    assert (call["caller"], call["summary"]) == ("张三", "询问会议[/]时间")
    # A message for somebody is to be passed on: the call awaits follow-up only if marked so.
    assert (call["message_status"], call["awaiting_follow_up"]) == ("to_pass", False)
    code, out, _err = run(capsys, "--db", db, "today")
    assert "询问会议[/]时间" in out and "张三" in out


def test_log_visit_prints_its_id_and_bad_input_saves_nothing(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db = str(tmp_path / "x.db")
    code, out, _err = run(
        capsys, "--db", db, "log", "visit", "--name", "王五", "--host", "刘局长", "送材料"
    )
    assert code == 0 and out == "Visitor registered: 1\n"
    code, _out, err = run(capsys, "--db", db, "log", "call", "--at", "someday", "x")
    assert code == 2 and "Cannot read this time" in err
    code, _out, err = run(capsys, "--db", db, "log", "call")
    assert code == 2 and "Enter the caller or what was said" in err
    code, out, _err = run(capsys, "--db", db, "today", "--json")
    data = json.loads(out)
    visitors = panel_values(data, "visitors")
    assert [(v["name"], v["host"], v["purpose"]) for v in visitors] == [
        ("王五", "刘局长", "送材料")
    ]
    assert panel_values(data, "calls") == []


def panel_values(data: dict, panel_id: str) -> list[dict]:
    """The records of one panel of ``today --json``."""
    (panel,) = [p for p in data["panels"] if p["id"] == panel_id]
    return [row["values"] for row in panel["rows"]]


@pytest.mark.parametrize("at", ["-20m", "--at=-20m", "20 min ago", "-20分钟"])
def test_a_time_before_now_is_read_with_or_without_equals(capsys, tmp_path: Path, at: str) -> None:  # noqa: ANN001
    """``--at -20m`` is a value, not an unknown option: the call is stored 20 minutes ago."""
    db = str(tmp_path / "x.db")
    option = [at] if at.startswith("--at=") else ["--at", at]
    with time_machine.travel(datetime(2026, 11, 27, 2, 0, tzinfo=UTC), tick=False):
        code, out, err = run(capsys, "--db", db, "log", "call", *option, "--from", "张三", "改期")
        assert (code, err) == (0, "") and out.split()[-1] == "1"
        code, out, err = run(capsys, "--db", db, "log", "visit", "--at", "-2h", "--name", "王五")
        assert (code, err) == (0, "")
        code, out, _err = run(capsys, "--db", db, "today", "--json")
    data = json.loads(out)
    calls = panel_values(data, "calls")
    assert [(c["caller"], c["summary"]) for c in calls] == [("张三", "改期")]
    assert datetime.fromisoformat(calls[0]["at"]) == datetime(2026, 11, 27, 1, 40, tzinfo=UTC)
    visitor = panel_values(data, "visitors")[0]
    assert datetime.fromisoformat(visitor["arrived_at"]) == datetime(2026, 11, 27, tzinfo=UTC)


def test_a_summary_may_start_with_a_minus_and_a_digit(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db = str(tmp_path / "x.db")
    code, _out, err = run(capsys, "--db", db, "log", "call", "--from", "张三", "-3号楼来电")
    assert (code, err) == (0, "")
    code, out, _err = run(capsys, "--db", db, "today", "--json")
    assert panel_values(json.loads(out), "calls")[0]["summary"] == "-3号楼来电"


# time-machine also makes this zone the local one (TZ), as no config file names a zone.
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


class Terminal(io.StringIO):
    """What the user types at a terminal."""

    def isatty(self) -> bool:
        return True


def stored_calls(db: Path) -> list[str]:
    """Every call's time as stored (UTC), read with the standard library."""
    if not db.exists():
        return []
    return [at for (at,) in stored_rows(db, "SELECT at FROM call ORDER BY id")]


def test_a_far_future_time_is_refused_without_a_terminal(
    capsys,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    db = tmp_path / "x.db"
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))  # a pipe: nobody to ask
    with time_machine.travel(NOW, tick=False):
        code, out, err = run(
            capsys, "--db", str(db), "log", "call", "--at", "2031-05-05 10:00", "x"
        )
        assert (code, out) == (2, "")
        assert err == (
            "secdesk: 2031-05-05 10:00 is more than a day ahead: nothing was saved "
            "(add --yes to keep it).\n"
        )
        assert stored_calls(db) == []
        code, out, err = run(
            capsys,
            "--db",
            str(db),
            "--lang",
            "zh",
            "log",
            "visit",
            "--name",
            "王五",
            "--at",
            "后天",
        )
        assert code == 2 and err.startswith("secdesk: 2026-11-29 10:00 比现在晚一天以上：未保存")
        # Up to a day ahead is asked about by nobody.
        code, out, err = run(capsys, "--db", str(db), "log", "call", "--at", "tomorrow", "x")
        assert (code, err) == (0, "")
        code, out, err = run(
            capsys, "--db", str(db), "log", "call", "--at", "2031-05-05 10:00", "--yes", "x"
        )
        assert (code, err) == (0, "") and out.split()[-1] == "2"
        code, out, err = run(
            capsys, "--db", str(db), "log", "visit", "--name", "王五", "--at", "后天", "--yes"
        )
        assert (code, err) == (0, "")
    assert stored_calls(db) == ["2026-11-28 02:00:00.000000", "2031-05-05 02:00:00.000000"]


@pytest.mark.parametrize(
    ("lang", "typed", "saved"),
    [("en", "y\n", True), ("en", "YES\n", True), ("en", "n\n", False), ("en", "\n", False),
     ("en", "", False), ("zh", "是\n", True), ("zh", "ｙ\n", True), ("zh", "不\n", False)],
)  # fmt: skip
def test_a_far_future_time_is_asked_about_once_on_a_terminal(
    capsys,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    typed: str,
    saved: bool,  # noqa: ANN001
) -> None:
    db = tmp_path / "x.db"
    monkeypatch.setattr("sys.stdin", Terminal(typed))
    with time_machine.travel(NOW, tick=False):
        code, out, err = run(
            capsys, "--lang", lang, "--db", str(db), "log", "call", "--at", "2031-05-05 10:00", "x"
        )
    question = {
        "en": "2031-05-05 10:00 is in the future: keep it? [y/N] ",
        "zh": "2031-05-05 10:00 是将来的时间：确定保留吗？[y/N] ",
    }[lang]
    assert err.startswith(question) and err.count(question) == 1
    if saved:
        said = {"en": "Call logged: 1\n", "zh": "来电已登记：1\n"}[lang]
        assert (code, out, err) == (0, said, question)
        assert stored_calls(db) == ["2031-05-05 02:00:00.000000"]
    else:
        assert code == 1 and out == ""
        assert (
            err[len(question) :]
            == {"en": "secdesk: Nothing was saved.\n", "zh": "secdesk: 未保存任何内容。\n"}[lang]
        )
        assert stored_calls(db) == []


def stored_receipts(db: Path) -> list[tuple[int, str]]:
    """Every incoming document's serial and time received, as stored (UTC)."""
    return stored_rows(db, "SELECT serial, received_at FROM incomingdocument ORDER BY id")


def test_log_incoming_asks_about_a_time_more_than_a_day_ahead(
    capsys,  # noqa: ANN001
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The desk's one time check holds for every log command: a document received the day
    after tomorrow is refused without a terminal, kept with --yes, asked about once on one."""
    db = tmp_path / "x.db"
    typed = ("--db", str(db), "log", "incoming", "--from", "某市", "--at", "后天")
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))  # a pipe: nobody to ask
    with time_machine.travel(NOW, tick=False):
        code, out, err = run(capsys, *typed, "关于防汛的通知")
        assert (code, out) == (2, "")
        assert err == (
            "secdesk: 2026-11-29 10:00 is more than a day ahead: nothing was saved "
            "(add --yes to keep it).\n"
        )
        code, out, err = run(capsys, *typed, "--yes", "关于防汛的通知")
        assert (code, err) == (0, "") and out.split()[-1] == "2026-0001"
        monkeypatch.setattr("sys.stdin", Terminal("n\n"))
        code, out, err = run(capsys, *typed, "又一个")
        question = "2026-11-29 10:00 is in the future: keep it? [y/N] "
        assert (code, out, err) == (1, "", question + "secdesk: Nothing was saved.\n")
        monkeypatch.setattr("sys.stdin", Terminal("是\n"))
        code, out, err = run(capsys, *typed, "又一个")
        assert (code, err) == (0, question) and out.split()[-1] == "2026-0002"
        # Up to a day ahead is asked about by nobody.
        code, out, err = run(capsys, "--db", str(db), "log", "incoming", "--from", "某市", "x")
        assert (code, err) == (0, "")
    assert stored_receipts(db) == [
        (1, "2026-11-29 02:00:00.000000"),
        (2, "2026-11-29 02:00:00.000000"),
        (3, "2026-11-27 02:00:00.000000"),
    ]


def test_a_kind_declared_for_the_shell_gets_its_log_command(
    capsys,  # noqa: ANN001
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    """A new enterable kind that declares ``shell`` needs no command of its own: each of its
    form fields is an option, read by the form's rules, and the record is saved by the
    generic service, the kind's saved message printed."""
    from dataclasses import replace

    from secdesk import kinds
    from secdesk.kinds.spec import SearchSpec, ShellSpec

    # A task's table under another name (one table, two kinds: kept out of search).
    chore = replace(
        kinds.get("task"),
        name="chore",
        service="",
        search=SearchSpec((), indexed=False),
        shell=ShellSpec(),
    )
    kinds.register(chore)
    request.addfinalizer(lambda: kinds.unregister("chore"))
    db = tmp_path / "x.db"
    code, out, _err = run(capsys, "log", "chore", "--help")
    assert code == 0 and "--due DATE|Nd|Nwd" in out and "--priority {high,normal,low}" in out
    with time_machine.travel(NOW, tick=False):
        code, out, err = run(
            capsys, "--db", str(db), "log", "chore", "--title", "扫地", "--due", "5wd",
            "--priority", "high",
        )  # fmt: skip
        assert (code, out, err) == (0, "Task saved\n", "")
        code, out, err = run(capsys, "--db", str(db), "log", "chore", "--due", "someday")
        assert code == 2 and err.startswith("secdesk: Write a date")
    rows = stored_rows(db, "SELECT title, due, due_spec, priority FROM task")
    assert rows == [("扫地", "2026-12-04", "5wd@2026-11-27", "high")]


def test_today_in_chinese(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    from secdesk.services.store import Store

    Store(tmp_path / "x.db").open()
    code, out, _err = run(capsys, "--db", str(tmp_path / "x.db"), "--lang", "zh", "today")
    assert code == 0 and "星期" in out and "电话记录" in out


def test_seed_demo_refuses_an_existing_file(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    target = tmp_path / "demo.db"
    target.write_bytes(b"precious")
    code, _out, err = run(capsys, "seed-demo", str(target))
    assert code == 2 and "exists already" in err
    assert target.read_bytes() == b"precious"


def test_newer_database_is_refused_with_a_clear_message(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "future.db"
    before = future_database(path)
    code, _out, err = run(capsys, "--db", str(path), "today")
    assert code == 2 and "newer secdesk" in err
    assert path.read_bytes() == before


def test_env_db_is_honoured(capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("SECDESK_DB", str(tmp_path / "env.db"))
    run(capsys, "log", "call", "来自环境变量")
    conn = sqlite3.connect(tmp_path / "env.db")
    try:
        assert conn.execute("SELECT summary FROM call").fetchall() == [("来自环境变量",)]
    finally:
        conn.close()
    from secdesk import config

    assert not (config.data_dir() / "secdesk.db").exists()  # not the usual file


def test_import_and_export_from_the_shell(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    from tests.conftest import need_samples

    db = str(tmp_path / "x.db")
    vcf = need_samples("vcf", "aosp_v40_sort_as_cjk.vcf")
    code, out, _err = run(capsys, "--db", db, "import", "contacts", str(vcf), "--dry-run")
    assert code == 0
    assert (
        out.splitlines()[-1] == "Would add 1 contact, new numbers for 0 contacts, 0 already known."
    )
    code, out, _err = run(capsys, "--db", db, "import", "contacts", str(vcf))
    assert code == 0
    assert out.splitlines()[-1] == "Added 1 contact, new numbers for 0 contacts, 0 already known."
    code, out, _err = run(capsys, "--db", db, "import", "contacts", str(vcf))
    assert out.splitlines()[-1] == "Added 0 contacts, new numbers for 0 contacts, 1 already known."
    target = tmp_path / "book.vcf"
    code, out, _err = run(capsys, "--db", db, "export", "contacts", str(target))
    assert code == 0 and "安藤" in target.read_text("utf-8")

    cdr = need_samples("cdr", "asterisk_master_csv_dispositions_quoted_clid.csv")
    code, out, _err = run(capsys, "--db", db, "import", "calls", str(cdr), "--format", "asterisk")
    assert code == 0 and out.splitlines()[-1] == "Added 5 calls; 0 were imported before."
    code, out, _err = run(capsys, "--db", db, "import", "calls", str(cdr))
    assert out.splitlines()[-1] == "Added 0 calls; 5 were imported before."
    bad = need_samples("cdr", "asterisk_master_csv_malformed_unterminated_quote.csv")
    code, _out, err = run(capsys, "--db", db, "import", "calls", str(bad))
    assert code == 2 and "line 1" in err and "Nothing was imported" in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], {"db": None, "lang": None}),
        (["--db", "x.db"], {"db": "x.db", "lang": None}),
        (["--lang=zh", "--db=y.db"], {"db": "y.db", "lang": "zh"}),
        (["--lang", "fr"], None),
        (["--db"], None),
        (["today"], None),
        (["--db", "x.db", "today"], None),
    ],
)
def test_the_desk_itself_is_recognised_without_the_full_parser(argv, expected) -> None:  # noqa: ANN001
    from secdesk.cli import _desk_only

    found = _desk_only(argv)
    assert (None if found is None else {"db": found.db, "lang": found.lang}) == expected


LANGUAGES = {
    "en": {
        "usage": "usage: secdesk",
        "error": "secdesk log visit: error: the following arguments are required: --name",
        "invalid": "secdesk log: error: argument WHAT: invalid choice: 'bogus' "
        "(choose from 'call', 'visit', 'incoming', 'outgoing')",
        "unrecognized": "secdesk: error: unrecognized arguments: --bogus",
        "missing_value": "secdesk log call: error: argument --at: expected one argument",
        "help": ["options:", "show this help message and exit", "interface language"],
    },
    "zh": {
        "usage": "用法：secdesk",
        "error": "secdesk log visit：错误：缺少必需的参数：--name",
        "invalid": "secdesk log：错误：参数 WHAT：无效的选择：'bogus'（可选：'call', 'visit', 'incoming', 'outgoing'）",
        "unrecognized": "secdesk：错误：无法识别的参数：--bogus",
        "missing_value": "secdesk log call：错误：参数 --at：需要一个参数值",
        "help": ["选项：", "位置参数：", "显示此帮助信息后退出", "界面语言"],
    },
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_usage_and_mistakes_are_told_in_the_interface_language(capsys, lang: str) -> None:  # noqa: ANN001
    said = LANGUAGES[lang]
    code, out, _err = run(capsys, "--lang", lang, "--help")
    assert code == 0 and out.startswith(said["usage"] + " [-h]")
    assert all(line in out for line in said["help"])

    code, _out, err = run(capsys, "--lang", lang, "log", "visit", "送材料")
    assert code == 2
    assert err.splitlines()[0].startswith(said["usage"] + " log visit [-h] --name NAME")
    assert err.splitlines()[-1] == said["error"]

    code, _out, err = run(capsys, "--lang", lang, "log", "bogus")
    assert code == 2 and err.splitlines()[-1] == said["invalid"]
    code, _out, err = run(capsys, "--lang", lang, "log", "call", "--bogus")
    assert code == 2 and err.splitlines()[-1] == said["unrecognized"]
    code, _out, err = run(capsys, "--lang", lang, "log", "call", "--at")
    assert code == 2 and err.splitlines()[-1] == said["missing_value"]


def test_chinese_locale_gives_chinese_usage(capsys, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, _out, err = run(capsys, "log", "visit")
    assert code == 2 and err.startswith("用法：secdesk log visit")


# Command names, metavars, file kinds: the words that stay as they are in Chinese help.
UNTRANSLATED = {
    "secdesk", "tui", "demo", "seed", "today", "log", "call", "calls", "visit", "import",
    "export", "contacts", "COMMAND", "WHAT", "PATH", "FILE", "vcf", "YEARS", "TIME", "NAME",
    "ORG", "WHOM", "SUMMARY", "PURPOSE", "HOST", "vCard", "CSV", "JSON",
    "due", "holidays", "list", "START", "SPEC", "wd", "YEAR",
    "incoming", "outgoing", "register", "archive", "Excel", "xlsx", "csv", "TITLE", "SENDER",
    "DOCNO", "TYPE", "DATE", "Nd", "Nwd", "PREFIX", "RECIPIENTS", "RECEIPT", "INCLUDE",
    "CLASSIFIED", "DRY", "RUN",
    "supervision", "notice", "report", "ID", "docx", "NUMBER", "meeting", "minutes",
    "supervise", "UNIT",
    "meetings", "iCalendar", "ics",
    "search", "reindex", "QUERY", "kind", "from", "to", "who", "YYYY", "MM", "Www",
    "Qn", "md", "ISO",
    "backup", "backups", "restore", "doctor", "undo",
    "copy", "URL", "PostgreSQL", "postgresql", "user", "host", "office",  # an address, typed
}  # fmt: skip


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["demo"],
        ["seed-demo"],
        ["today"],
        ["log"],
        ["log", "call"],
        ["log", "visit"],
        ["log", "incoming"],
        ["log", "outgoing"],
        ["import", "register"],
        ["export", "register"],
        ["export", "archive"],
        ["import"],
        ["import", "calls"],
        ["import", "contacts"],
        ["import", "meetings"],
        ["import", "undo"],
        ["export"],
        ["export", "contacts"],
        ["export", "meetings"],
        ["due"],
        ["holidays"],
        ["holidays", "import"],
        ["holidays", "list"],
        ["supervision"],
        ["supervision", "notice"],
        ["supervision", "report"],
        ["meeting"],
        ["meeting", "notice"],
        ["meeting", "minutes"],
        ["meeting", "supervise"],
        ["search"],
        ["reindex"],
        ["report"],
        ["backup"],
        ["backups"],
        ["restore"],
        ["doctor"],
        ["copy"],
    ],
)
def test_every_help_text_is_chinese_under_lang_zh(capsys, command: list[str]) -> None:  # noqa: ANN001
    import re

    code, out, _err = run(capsys, "--lang", "zh", *command, "--help")
    assert code == 0
    # Options (--at, -h) and choices ({zh,en}) are what is typed; any other word is English.
    words = re.findall(r"[A-Za-z]{2,}", re.sub(r"--?[a-z][a-z-]*|\{[^}]*\}", "", out))
    assert set(words) <= UNTRANSLATED, out


def test_argparse_speaks_english_again_outside_secdesk(capsys) -> None:  # noqa: ANN001
    import argparse

    run(capsys, "--lang", "zh", "log", "visit")
    other = argparse.ArgumentParser(prog="other")
    assert other.format_usage().startswith("usage: other")
    assert "show this help message and exit" in other.format_help()


@pytest.mark.parametrize(
    ("lang", "counts", "contacts", "calls"),
    [
        ("en", (1, 1, 1), "Added 1 contact, new numbers for 1 contact, 1 already known.",
         "Added 1 call; 1 was imported before."),
        ("en", (2, 0, 3), "Added 2 contacts, new numbers for 0 contacts, 3 already known.",
         "Added 2 calls; 0 were imported before."),
        ("zh", (1, 1, 1), "已添加 1 位联系人，为 1 位联系人补充号码，1 位已存在。",
         "已添加 1 条通话；1 条此前已导入。"),
        ("zh", (2, 0, 3), "已添加 2 位联系人，为 0 位联系人补充号码，3 位已存在。",
         "已添加 2 条通话；0 条此前已导入。"),
    ],
)  # fmt: skip
def test_import_reports_count_in_good_english_and_chinese(
    lang: str, counts: tuple[int, int, int], contacts: str, calls: str
) -> None:
    from types import SimpleNamespace

    from secdesk import i18n
    from secdesk.cli.calls import import_report as _calls_report
    from secdesk.cli.contacts import import_report as _contacts_report

    i18n.set_language(lang)
    added, updated, known = counts
    report = SimpleNamespace(added=["x"] * added, updated=["y"] * updated, unchanged=["z"] * known)
    assert _contacts_report(report, apply=True) == contacts
    assert _calls_report(added, updated, apply=True) == calls
    dry = _calls_report(1, 0, apply=False)
    assert (
        dry
        == {
            "en": "Would add 1 call; 0 were imported before.",
            "zh": "将添加 1 条通话；0 条此前已导入。",
        }[lang]
    )


def test_a_long_import_says_how_many_more_calls_it_did_not_list(
    capsys,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    lines = [
        f'"","1380013{n:04d}","8001","from-pstn","","SIP/x","SIP/y","Dial","",'
        f'"2026-11-27 09:{n % 60:02d}:00","2026-11-27 09:{n % 60:02d}:05",'
        f'"2026-11-27 09:{n % 60:02d}:30",30,25,"ANSWERED","DOCUMENTATION","{n}.1",""'
        for n in range(51)
    ]
    cdr = tmp_path / "Master.csv"
    cdr.write_text("\n".join(lines) + "\n", "utf-8")
    code, out, err = run(
        capsys, "--db", str(tmp_path / "x.db"), "import", "calls", str(cdr), "--dry-run"
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[-2:] == [
        "… and 1 more call",
        "Would add 51 calls; 0 were imported before.",
    ]


# -- the disk or the database failing ------------------------------------------------------

SQLITE_WORDS = ("database is locked", "readonly", "disk is full", "malformed", "sqlalche.me")


def said_plainly(err: str) -> bool:
    """One line, ours, with none of SQLite's or SQLAlchemy's words and no traceback."""
    return (
        err.startswith("secdesk: ")
        and err.count("\n") == 1
        and "Traceback" not in err
        and not any(word in err for word in SQLITE_WORDS if word != "disk is full")
        and "database or disk is full" not in err
    )


@pytest.fixture
def db_with_a_call(capsys, tmp_path: Path) -> Path:  # noqa: ANN001
    """A database in a folder of its own, holding one call logged by the command line."""
    db = tmp_path / "data" / "x.db"
    db.parent.mkdir()  # a new database is made only in a folder that is there
    code, out, _err = run(capsys, "--db", str(db), "log", "call", "--from", "张三", "第一通")
    assert (code, out) == (0, "Call logged: 1\n")
    return db


def refused_second_call(capsys, db: Path, then: Callable[[], None]) -> str:  # noqa: ANN001
    """What a second ``log call`` says when it is refused (exit 2, nothing saved).

    ``then`` undoes what made the database refuse, whether the call raised or not.
    """
    try:
        code, out, err = run(capsys, "--db", str(db), "log", "call", "--from", "李四", "第二通")
    finally:
        then()
    assert (code, out) == (2, "")
    assert len(stored_calls(db)) == 1
    return err


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_file_that_is_not_a_database_is_refused_plainly(
    capsys, tmp_path: Path, lang: str
) -> None:  # noqa: ANN001
    path = tmp_path / "notes.db"
    path.write_bytes(b"Meeting notes, not a database. " * 200)
    before = path.read_bytes()
    code, out, err = run(capsys, "--lang", lang, "--db", str(path), "log", "call", "x")
    assert (code, out) == (2, "")
    assert (
        err
        == {
            "en": f"secdesk: {path}: This is not a database file (it may be another kind of file, "
            "damaged or encrypted): check which file secdesk was asked to open.\n",
            "zh": f"secdesk: {path}：这不是数据库文件（可能是别的文件，或已损坏、已加密）："
            "请检查让 secdesk 打开的是哪个文件。\n",
        }[lang]
    )
    assert path.read_bytes() == before


def test_a_locked_database_is_said_to_be_busy(
    capsys,
    db_with_a_call: Path,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    db = db_with_a_call
    monkeypatch.setattr("secdesk.db.BUSY_TIMEOUT_MS", 50)  # wait 50 ms, not 10 s
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program is writing

    def release() -> None:
        holder.rollback()
        holder.close()

    assert refused_second_call(capsys, db, release) == (
        "secdesk: The database is busy: another program (or another secdesk window) is "
        "holding it. Try again in a moment.\n"
    )


def test_a_read_only_database_is_said_to_be_read_only(
    capsys,
    db_with_a_call: Path,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    db = db_with_a_call
    if os.geteuid() != 0:
        db.chmod(0o400)
        db.parent.chmod(0o500)
    else:  # root writes anyway: have SQLite itself refuse every write on our connections
        from secdesk import db as database

        pragmas = database._apply_pragmas

        def read_only(connection, record) -> None:  # noqa: ANN001
            pragmas(connection, record)
            connection.execute("PRAGMA query_only = ON")

        monkeypatch.setattr(database, "_apply_pragmas", read_only)

    def writable_again() -> None:
        db.parent.chmod(0o700)
        db.chmod(0o600)

    err = refused_second_call(capsys, db, writable_again)
    assert said_plainly(err), err
    assert f"{db}: The database file is read-only: nothing can be saved to it." in err


def test_a_full_disk_is_said_to_be_full(
    capsys,
    db_with_a_call: Path,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    from secdesk import db as database

    db = db_with_a_call
    pragmas = database._apply_pragmas

    def no_room_to_grow(connection, record) -> None:  # noqa: ANN001
        pragmas(connection, record)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own SQLITE_FULL

    monkeypatch.setattr(database, "_apply_pragmas", no_room_to_grow)
    for lang, expected in (
        ("en", "secdesk: The disk is full: free some space, then try again. Nothing saved "
         "before was lost.\n"),
        ("zh", "secdesk: 磁盘已满：请腾出一些空间后重试。之前保存的内容没有丢失。\n"),
    ):  # fmt: skip
        code, out, err = run(
            capsys, "--lang", lang, "--db", str(db), "log", "call", "--from", "李四", "长" * 20000
        )
        assert (code, out, err) == (2, "", expected)
    monkeypatch.undo()
    assert len(stored_calls(db)) == 1


def test_files_that_cannot_be_read_or_written_are_named(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db = str(tmp_path / "x.db")
    missing = tmp_path / "nowhere" / "book.vcf"
    code, _out, err = run(capsys, "--db", db, "import", "contacts", str(missing))
    assert (code, err) == (2, f"secdesk: {missing}: no such file or folder.\n")
    assert run(capsys, "--db", db, "log", "call", "x")[0] == 0
    code, _out, err = run(capsys, "--db", db, "export", "contacts", str(missing))
    assert (code, err) == (2, f"secdesk: {missing}: no such file or folder.\n")


def test_a_bug_is_not_dressed_up_as_a_disk_problem(
    capsys,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    def broken(session, data, source) -> None:  # noqa: ANN001
        raise KeyError("a bug")

    monkeypatch.setattr("secdesk.office.calls.log.log_call", broken)
    with pytest.raises(KeyError):
        main(["--db", str(tmp_path / "x.db"), "log", "call", "x"])


@pytest.mark.parametrize(
    ("configured", "day", "shown"),
    [
        ('timezone = "Asia/Shanghai"\n', "2026-11-27", "07:30"),
        ('timezone = "Europe/London"\n', "2026-11-26", "23:30"),
        ("", "2026-11-26", "18:30"),  # no setting: the system's zone (TZ)
    ],
)
def test_the_timezone_setting_decides_the_day_and_the_times_shown(
    capsys,  # noqa: ANN001
    configured: str,
    day: str,
    shown: str,
) -> None:
    """A call at 23:30 UTC, looked at a quarter of an hour later: in Shanghai it is 07:30
    on the next day's desk, in London 23:30 on the same day's, whatever the system's zone
    (here New York) says; without the setting the system's zone decides."""
    from secdesk import config
    from secdesk.services.store import Store
    from tests import factories as f

    config.config_path().write_text(configured, encoding="utf-8")
    store = Store(config.database_path())
    store.write(lambda s: f.call(s, datetime(2026, 11, 26, 23, 30, tzinfo=UTC), caller="深夜来电"))
    store.close()
    # 23:45 UTC; time-machine also makes New York the system's zone (TZ).
    new_york = datetime(2026, 11, 26, 18, 45, tzinfo=ZoneInfo("America/New_York"))
    with time_machine.travel(new_york, tick=False):
        code, out, err = run(capsys, "today", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["day"]["day"] == day
    (calls,) = [p for p in data["panels"] if p["id"] == "calls"]
    assert [[cell["text"] for cell in row["cells"][1:3]] for row in calls["rows"]] == [
        [shown, "深夜来电"]
    ]


def cdr_line(src: str, dst: str, clid: str, start: str, uniqueid: str) -> str:
    """One Master.csv record of an answered call."""
    return (
        f'"","{src}","{dst}","from-internal","{clid}","SIP/a-1","SIP/b-2","Dial","",'
        f'"{start}","{start}","{start}",30,25,"ANSWERED","DOCUMENTATION","{uniqueid}",""'
    )


def test_internal_extensions_from_the_config_make_imported_calls_outgoing(
    capsys,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    """Calls placed from the office's own extensions (config.toml) are imported as
    outgoing, to the number dialled; calls to them, and calls from any other extension,
    stay incoming. Without the setting every call is incoming."""
    from secdesk import config

    cdr = tmp_path / "Master.csv"
    lines = [
        cdr_line("8001", "13800138000", '""秘书"" <8001>', "2026-11-27 09:00:00", "1.1"),
        cdr_line("13900139000", "8002", "<13900139000>", "2026-11-27 10:00:00", "1.2"),
        cdr_line("8003", "13700137000", '""门卫"" <8003>', "2026-11-27 11:00:00", "1.3"),
    ]
    cdr.write_text("\n".join(lines) + "\n", "utf-8")
    db = tmp_path / "x.db"

    code, out, err = run(capsys, "--db", str(db), "import", "calls", str(cdr), "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines()[:3] == [
        "+ 2026-11-27 09:00 <- 秘书",
        "+ 2026-11-27 10:00 <- 13900139000",
        "+ 2026-11-27 11:00 <- 门卫",
    ]

    config.config_path().write_text('internal_extensions = ["8001", "8002"]\n', "utf-8")
    code, out, err = run(capsys, "--db", str(db), "import", "calls", str(cdr))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "+ 2026-11-27 09:00 -> 13800138000",
        "+ 2026-11-27 10:00 <- 13900139000",
        "+ 2026-11-27 11:00 <- 门卫",
        "Added 3 calls; 0 were imported before.",
    ]
    assert stored_rows(db, "SELECT direction, number FROM call ORDER BY at") == [
        ("outgoing", "13800138000"),
        ("incoming", "13900139000"),
        ("incoming", "8003"),
    ]


def test_demo_opens_the_desk_on_a_throwaway_demo_office(
    capsys,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``secdesk demo``: the desk opens on a new database full of the demo office's work
    (today's calls, documents numbered like 某府发〔2026〕3号, a contact book), which is
    gone when the desk closes; the user's own database is never touched."""
    import re

    from sqlmodel import func, select

    from secdesk import config
    from secdesk.calendar import clock
    from secdesk.cli import desk
    from secdesk.models import Call, Contact, IncomingDocument
    from secdesk.services import dashboard

    opened = {}

    def look_instead_of_a_terminal(store, settings) -> int:  # noqa: ANN001
        opened["path"] = store.path
        count = lambda model: store.run(  # noqa: E731
            lambda s: s.exec(select(func.count()).select_from(model)).one()
        )
        opened["counts"] = (count(Call), count(IncomingDocument), count(Contact))
        opened["numbers"] = store.run(
            lambda s: s.exec(select(IncomingDocument.doc_number).limit(20)).all()
        )
        board = store.run(dashboard.build, clock.today(), settings)
        opened["calls_today"] = board.panel("calls").total
        store.close()  # as the desk does when it quits
        return 0

    monkeypatch.setattr(desk, "run_tui", look_instead_of_a_terminal)
    monkeypatch.setattr(desk, "need_terminal", lambda: None)  # the test is the terminal
    with time_machine.travel(NOW, tick=False):  # a Friday morning in the office
        code, _out, err = run(capsys, "demo", "--years", "1")
    assert (code, err) == (0, "")
    calls, documents, contacts = opened["counts"]
    assert calls > 5000 and documents > 1000 and contacts > 100
    assert all(re.fullmatch(r".+〔\d{4}〕[1-9]\d*号", n) for n in opened["numbers"])
    assert opened["calls_today"] > 0
    assert not opened["path"].exists()
    assert not opened["path"].parent.exists()  # the whole throwaway folder
    assert not config.database_path().exists()


@pytest.mark.parametrize(
    ("start", "spec", "printed"),
    [
        ("2026-11-27", "15d", "2026-12-14"),  # the 12th is a Saturday: moved to Monday
        ("2026-09-30", "5wd", "2026-10-13"),  # National Day week and a make-up day
        ("2026-12-20", "30wd", "2027-01-29 (provisional)"),
    ],
)
def test_due_prints_the_day_for_scripts(capsys, tmp_path: Path, start, spec, printed) -> None:  # noqa: ANN001
    from secdesk.calendar import workdays

    workdays.use_entered({})
    code, out, err = run(capsys, "--db", str(tmp_path / "x.db"), "due", start, spec)
    assert (code, out, err) == (0, printed + "\n", "")


@pytest.mark.parametrize(
    ("start", "spec", "said"),
    [
        ("someday", "5wd", "is not a day"),
        ("2026-12-01", "5", "is not a time limit"),
        ("2026-12-01", "five days", "is not a time limit"),
    ],
)
def test_due_refuses_what_it_cannot_read(capsys, tmp_path: Path, start, spec, said) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "--db", str(tmp_path / "x.db"), "due", start, spec)
    assert code == 2 and out == "" and said in err and "Traceback" not in err


def test_holidays_import_makes_a_year_exact(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    from secdesk.calendar import workdays

    workdays.use_entered({})
    db = str(tmp_path / "x.db")
    notice = tmp_path / "2027.txt"
    notice.write_text(
        "国务院办公厅关于2027年部分节假日安排的通知\n"
        "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
        "二、春节：2月5日（农历除夕、周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。\n",
        "utf-8",
    )
    code, out, _err = run(capsys, "--db", db, "holidays", "import", str(notice), "--dry-run")
    assert code == 0 and "Would keep 11 days for 2027." in out and "2027-02-20" in out
    assert run(capsys, "--db", db, "due", "2026-12-20", "30wd")[1] == "2027-01-29 (provisional)\n"
    code, out, _err = run(capsys, "--db", db, "holidays", "import", str(notice))
    assert code == 0 and out.splitlines()[-1].startswith("Kept 11 days for 2027")
    workdays.use_entered({})  # as a new process: the schedule comes from the database
    assert run(capsys, "--db", db, "due", "2026-12-20", "30wd")[1] == "2027-02-01\n"
    code, out, _err = run(capsys, "--db", db, "holidays", "list")
    assert out.strip() == "2027: 10 days off, 1 make-up working day"
    workdays.use_entered({})


def test_holidays_import_names_the_line_it_cannot_read(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.txt"
    bad.write_text("国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：2月30日放假。\n", "utf-8")
    code, _out, err = run(capsys, "--db", str(tmp_path / "x.db"), "holidays", "import", str(bad))
    assert code == 2 and "Line 2: no such date" in err and "Nothing was imported" in err


def test_supervision_notice_and_report_as_text_and_docx(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    import docx
    import time_machine

    from secdesk import config
    from secdesk.services import records
    from secdesk.services.inputs import SupervisionInput
    from secdesk.services.store import Store

    config.save_office("某区人民政府办公室")  # a paper is never written unsigned
    db = tmp_path / "x.db"
    with time_machine.travel("2026-11-27 10:00:00 +0800", tick=False):
        store = Store(db)
        saved = store.write(
            records.create,
            "supervision",
            SupervisionInput(
                title="落实[b]防汛[/b]物资",
                assigned_on=__import__("datetime").date(2026, 11, 2),
                due=__import__("datetime").date(2026, 11, 20),
                undertaking_unit="应急管理局",
            ),
        )
        store.close()
        out_file = tmp_path / "notice.docx"
        code, out, err = run(
            capsys, "--db", str(db), "supervision", "notice", str(saved.id), "--docx", str(out_file)
        )
        assert code == 0, err
        assert "应急管理局：" in out and "“落实[b]防汛[/b]物资”" in out and "7 days overdue" in out
        document = docx.Document(str(out_file))
        paragraphs = [p.text for p in document.paragraphs]
        assert paragraphs[0] == "Urge notice on “落实[b]防汛[/b]物资”"
        # Never over an existing file without --force.
        code, _out, err = run(
            capsys, "--db", str(db), "supervision", "notice", str(saved.id), "--docx", str(out_file)
        )
        assert code != 0 and "--force" in err
        code, out, err = run(
            capsys, "--db", str(db), "supervision", "report", "--from", "2026-11-01", "--to",
            "2026-11-30",
        )  # fmt: skip
        assert code == 0, err
        assert (
            "registered 1; closed 0, on time 0" in out
            and "1. 落实[b]防汛[/b]物资 — 应急管理局" in out
        )
        code, _out, err = run(capsys, "--db", str(db), "supervision", "notice", "99")
        assert code != 0 and "99" in err


def test_today_prints_the_remembered_day_until_anything_changes(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    """A second ``today`` prints the day the first one remembered, without loading the data
    layer (it is provably still true: same day, same newest change); the next change is
    shown at once."""
    import subprocess
    import sys

    db = str(tmp_path / "x.db")
    run(capsys, "--db", db, "log", "call", "--from", "张三", "第一个电话")
    _code, first, _err = run(capsys, "--db", db, "--lang", "en", "today", "--json")
    script = (
        "import sys; from secdesk.cli import main; code = main(sys.argv[1:]); "
        "print(sorted(m for m in ('sqlalchemy', 'sqlmodel') if m in sys.modules), file=sys.stderr)"
    )
    again = subprocess.run(
        [sys.executable, "-c", script, "--db", db, "--lang", "en", "today", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert again.stdout == first and again.stderr.strip() == "[]"
    run(capsys, "--db", db, "log", "call", "--from", "李四", "第二个电话")
    _code, out, _err = run(capsys, "--db", db, "today")
    assert "第二个电话" in out and "第一个电话" in out


def _subcommands(parser) -> list[str]:  # noqa: ANN001
    import argparse

    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(sub.choices)


def test_each_command_builds_only_its_own_entry_of_the_command_table() -> None:
    """A command typed on the line builds only the entry of the command table that adds it
    (the rest is never imported or built); the table names exactly what each entry adds, and
    all of them together are the full list ``secdesk --help`` shows, in its order."""
    from secdesk.cli import COMMAND_TABLE, _command_word, build_parser

    every: list[str] = []
    for _module, _function, names in COMMAND_TABLE:
        for name in names:
            assert _subcommands(build_parser(name)) == list(names)
        every.extend(names)
    assert _subcommands(build_parser()) == every
    assert _command_word(["--db", "x.db", "--lang=zh", "log", "call"]) == "log"
    assert _command_word(["--db=x.db", "today"]) == "today"
    assert _command_word(["--help"]) is None
    assert _command_word(["lgo", "call"]) is None  # a mistake: the whole table says so


def test_a_mistyped_command_is_told_with_every_command_there_is(capsys) -> None:  # noqa: ANN001
    code, _out, err = run(capsys, "--lang", "en", "lgo", "call")
    assert code == 2
    assert "invalid choice: 'lgo'" in err and "'log'" in err and "'copy'" in err


def test_the_script_leaves_at_once_with_all_it_said_and_saved(tmp_path: Path) -> None:
    """``secdesk`` as a script runs it (``cli.run``): it ends without taking the interpreter
    apart, yet everything it printed is there, its exit code is the command's, and what it
    saved is stored; a reader that went away costs no traceback."""
    import subprocess
    import sys

    db = tmp_path / "x.db"
    # Output to a pipe waits in a buffer, as when a script reads it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}

    def secdesk(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "secdesk", "--lang", "en", "--db", str(db), *argv],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )

    done = secdesk("log", "call", "--from", "张三", "询问会议时间")
    assert (done.returncode, done.stdout, done.stderr) == (0, "Call logged: 1\n", "")
    assert stored_rows(db, "SELECT caller, summary FROM call") == [("张三", "询问会议时间")]
    done = secdesk("today", "--json")
    assert done.returncode == 0
    (calls,) = [p for p in json.loads(done.stdout)["panels"] if p["id"] == "calls"]
    assert calls["rows"][0]["values"]["summary"] == "询问会议时间"
    done = secdesk("lgo")
    assert done.returncode == 2 and "invalid choice: 'lgo'" in done.stderr
    reader_gone = subprocess.Popen(
        [sys.executable, "-m", "secdesk", "--db", str(db), "log", "call", "--from", "李四", "回电"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert reader_gone.stdout is not None and reader_gone.stderr is not None
    reader_gone.stdout.close()
    err = reader_gone.stderr.read().decode()
    assert reader_gone.wait(timeout=60) == 141  # as a shell says of a broken pipe
    assert "Traceback" not in err and "Exception ignored" not in err
    assert stored_rows(db, "SELECT caller FROM call ORDER BY id") == [("张三",), ("李四",)]


def test_a_command_runs_with_the_garbage_collector_on(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    """``cli.run`` holds the cyclic collector off for the start (what it imports lives on);
    a command that loads the data layer (an import of 100,000 rows) has it back on from
    there, with the start frozen out of its walks."""
    import gc

    from secdesk import collector

    gc.unfreeze()
    collector.hold()
    try:
        code, out, _err = run(capsys, "--db", str(tmp_path / "x.db"), "log", "call", "x")
        assert (code, out) == (0, "Call logged: 1\n")
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        collector.release()
        gc.enable()
