"""The command line: what a script or a shell user sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from secdesk.cli import main
from tests.conftest import future_database


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
    assert code == 0 and out.strip() == "1"
    code, out, _err = run(capsys, "--db", db, "today", "--json")
    data = json.loads(out)
    (calls,) = [p for p in data["panels"] if p["id"] == "calls"]
    call = calls["rows"][0]["values"]
    assert (call["caller"], call["summary"]) == ("张三", "询问会议[/]时间")
    # A message for somebody is to be passed on: the call awaits follow-up only if marked so.
    assert (call["message_status"], call["awaiting_follow_up"]) == ("to_pass", False)
    code, out, _err = run(capsys, "--db", db, "today")
    assert "询问会议[/]时间" in out and "张三" in out


def test_log_visit_and_bad_input(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db = str(tmp_path / "x.db")
    code, out, _err = run(
        capsys, "--db", db, "log", "visit", "--name", "王五", "--host", "刘局长", "送材料"
    )
    assert code == 0 and out.strip() == "1"
    code, _out, err = run(capsys, "--db", db, "log", "call", "--at", "someday", "x")
    assert code == 2 and "Cannot read this time" in err
    code, _out, err = run(capsys, "--db", db, "log", "call")
    assert code == 2 and "Enter the caller or what was said" in err


def test_today_in_chinese(capsys, tmp_path: Path) -> None:  # noqa: ANN001
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
    assert (tmp_path / "env.db").exists()


def test_import_and_export_from_the_shell(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    from tests.conftest import SAMPLES

    if not SAMPLES.exists():
        pytest.skip("../shared/samples is not here")
    db = str(tmp_path / "x.db")
    vcf = SAMPLES / "vcf" / "aosp_v40_sort_as_cjk.vcf"
    code, out, _err = run(capsys, "--db", db, "import", "contacts", str(vcf), "--dry-run")
    assert code == 0 and "Would add 1 contacts" in out
    code, out, _err = run(capsys, "--db", db, "import", "contacts", str(vcf))
    assert code == 0 and "Added 1 contacts" in out
    code, out, _err = run(capsys, "--db", db, "import", "contacts", str(vcf))
    assert "Added 0 contacts" in out and "1 already known" in out
    target = tmp_path / "book.vcf"
    code, out, _err = run(capsys, "--db", db, "export", "contacts", str(target))
    assert code == 0 and "安藤" in target.read_text("utf-8")

    cdr = SAMPLES / "cdr" / "asterisk_master_csv_dispositions_quoted_clid.csv"
    code, out, _err = run(capsys, "--db", db, "import", "calls", str(cdr), "--format", "asterisk")
    assert code == 0 and "Added 5 calls" in out
    code, out, _err = run(capsys, "--db", db, "import", "calls", str(cdr))
    assert "Added 0 calls; 5 were imported before." in out
    bad = SAMPLES / "cdr" / "asterisk_master_csv_malformed_unterminated_quote.csv"
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
