"""The 机关代字 of an outgoing document: the organ's code alone (no year, no 〔〕), and a
prefix never used before starts a new series only after a yes (on a terminal, or
``--yes``), unless config.toml lists it. The archive's 责任者 is the organ, not a prefix."""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine
from sqlmodel import select

from tests.conftest import stored_rows
from tests.unit.test_cli import Terminal, run

NOW = "2026-11-27 10:32:00 +0800"


def numbers(db: Path) -> list[str]:
    if not db.exists():
        return []
    return [n for (n,) in stored_rows(db, "SELECT doc_number FROM outgoingdocument ORDER BY id")]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "typed", ["某府函〔2026〕", "某府函[2026]", "某府函2026", "某府函（2026）"]
)
def test_a_prefix_with_a_year_or_brackets_is_refused_with_a_sentence(
    capsys,  # noqa: ANN001
    tmp_path: Path,
    typed: str,
) -> None:
    db = tmp_path / "x.db"
    code, out, err = run(
        capsys, "--db", str(db), "log", "outgoing", "--prefix", typed, "--yes", "标题"
    )
    assert code == 2 and out == ""
    assert "Write the organ's prefix alone, e.g. 某府函" in err and "〔2026〕〔2026〕" not in err
    assert numbers(db) == []


@time_machine.travel(NOW, tick=False)
def test_a_new_prefix_asks_once_and_scripts_say_yes(
    capsys,  # noqa: ANN001
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The office's first 某区政办发 is kept with --yes; then a slip 某府办发 is refused
    without a terminal (naming the prefixes in use), asked about on one (n: nothing saved;
    y: its series starts); a prefix in use is never asked about."""
    db = str(tmp_path / "x.db")
    code, out, err = run(capsys, "--db", db, "log", "outgoing", "--prefix", "某区政办发", "甲")
    assert code == 2 and "Start a new series 某区政办发?" in err and "--yes" in err
    code, out, err = run(
        capsys, "--db", db, "log", "outgoing", "--prefix", "某区政办发", "--yes", "甲"
    )
    assert (code, err) == (0, "") and out.split()[-1] == "某区政办发〔2026〕1号"
    code, out, err = run(capsys, "--db", db, "log", "outgoing", "--prefix", "某区政办发", "乙")
    assert (code, err) == (0, "") and out.split()[-1] == "某区政办发〔2026〕2号"
    code, out, err = run(capsys, "--db", db, "log", "outgoing", "--prefix", "某府办发", "丙")
    assert code == 2
    assert "Start a new series 某府办发? The prefixes in use are 某区政办发." in err
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    code, out, err = run(capsys, "--db", db, "log", "outgoing", "--prefix", "某府办发", "丙")
    assert code == 1 and err.count("Start a new series 某府办发?") == 1
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    code, out, err = run(capsys, "--db", db, "log", "outgoing", "--prefix", "某府办发", "丙")
    assert code == 0 and out.split()[-1] == "某府办发〔2026〕1号"
    assert numbers(Path(db)) == [
        "某区政办发〔2026〕1号",
        "某区政办发〔2026〕2号",
        "某府办发〔2026〕1号",
    ]


@time_machine.travel(NOW, tick=False)
def test_a_configured_prefix_is_not_asked_about(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    from secdesk import config

    config.config_path().write_text('document_prefixes = ["某府发", "某府函"]\n', encoding="utf-8")
    db = str(tmp_path / "x.db")
    code, out, err = run(capsys, "--db", db, "log", "outgoing", "--prefix", "某府函", "标题")
    assert (code, err) == (0, "") and out.split()[-1] == "某府函〔2026〕1号"
    code, out, err = run(capsys, "--db", db, "log", "outgoing", "--prefix", "某县发", "标题")
    assert code == 2 and "The prefixes in use are 某府发、某府函." in err


@time_machine.travel(NOW, tick=False)
def test_the_archive_names_the_organ_as_responsible_not_the_prefix(session) -> None:  # noqa: ANN001
    from secdesk.models import ArchiveEntry, OutgoingDocument
    from secdesk.office.documents import outgoing
    from secdesk.services import workflow

    saved = outgoing.log_outgoing(session, "关于印发方案的通知", "某府办发", signer="刘区长")
    doc = session.get(OutgoingDocument, saved.id)
    doc.status = "dispatched"
    session.add(doc)
    workflow.take(session, "outgoing", saved.id, "file", {"retention": "10y"})
    entry = session.exec(select(ArchiveEntry)).one()
    assert entry.doc_number == "某府办发〔2026〕1号"
    assert entry.responsible == "this organ" and "某府办发" not in entry.responsible
