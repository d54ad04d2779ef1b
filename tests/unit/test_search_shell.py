"""``secdesk search`` refuses what it cannot read instead of searching without it, and
routine writes leave one live index entry per record (doctor stays quiet)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from secdesk.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(capsys, tmp_path: Path) -> str:  # noqa: ANN001
    path = str(tmp_path / "office.db")
    assert run(capsys, "--db", path, "log", "call", "--from", "李四", "防汛物资")[0] == 0
    return path


@pytest.mark.parametrize("bad", ["from:2026-02-30", "to:soon", "kind:nothing"])
def test_a_filter_that_is_not_understood_is_refused(capsys, db: str, bad: str) -> None:  # noqa: ANN001
    """``search from:2026-02-30 防汛`` would find every 防汛 of every day: it is refused,
    naming the filter, and nothing is printed on stdout."""
    code, out, err = run(capsys, "--db", db, "search", bad, "防汛")
    assert code != 0 and out == ""
    assert f"Not understood: {bad}." in err and "nothing was searched" in err
    code, out, err = run(capsys, "--db", db, "search", "--json", bad, "防汛")
    assert code != 0 and out == ""


@pytest.mark.parametrize("limit", ["0", "-3"])
def test_a_limit_below_one_is_refused(capsys, db: str, limit: str) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "--db", db, "search", "--limit", limit, "防汛")
    assert code != 0 and out == "" and "--limit must be 1 or more." in err
    code, out, _err = run(capsys, "--db", db, "search", "--limit", "1", "--json", "防汛")
    assert code == 0 and len(json.loads(out)) == 1


def test_routine_writes_leave_the_index_healthy(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    """``log outgoing`` (numbered as it is saved) and ``import contacts`` (numbers written
    after the card) leave one entry per record: doctor says all is well."""
    db = str(tmp_path / "office.db")
    card = tmp_path / "book.vcf"
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:张三\nTEL;TYPE=CELL:13800138000\nORG:某市财政局\nEND:VCARD\n",
        encoding="utf-8",
    )
    assert (
        run(capsys, "--db", db, "log", "outgoing", "--yes", "--prefix", "某府函", "关于某事的函")[0]
        == 0
    )
    assert run(capsys, "--db", db, "import", "contacts", str(card))[0] == 0
    code, out, _err = run(capsys, "--db", db, "doctor")
    assert "The search index holds all 2 records." in out
    assert "entries for" not in out
    assert json.loads(run(capsys, "--db", db, "search", "--json", "某事")[1])[0]["kind"] == (
        "outgoing"
    )


def test_a_one_character_search_prints_its_hits_without_counting(
    capsys, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    """``secdesk search --limit 1 李`` prints the call of 李四; it shows no counts, so it never reads
    every record to count them (that read is several times the page's cost)."""
    from secdesk.services import search

    def refuse(*_args: object) -> int:
        raise AssertionError("counted")

    monkeypatch.setattr(search, "_count", refuse)
    code, out, _err = run(capsys, "--db", db, "search", "--limit", "1", "李")
    assert code == 0 and "李四" in out
