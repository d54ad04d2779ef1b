"""A desk whose PostgreSQL role may only read (a director who follows): it opens read-only,
shows everything, masks classified titles as any desk does, and refuses every save in one
sentence before anything is sent. The records themselves are checked on the server with
pg_dump, not through secdesk."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from secdesk import dbserver
from secdesk.cli import main
from secdesk.db import ServerReadOnlyError
from secdesk.services import records
from secdesk.services.inputs import CallInput
from secdesk.services.store import Store
from secdesk.services.views import ListFilter
from tests import factories as f
from tests.conftest import PgServer, need_program

READ_ONLY = (
    "This desk may only read the shared database (its PostgreSQL role has no right to "
    "save): nothing was saved."
)
AT = datetime(2026, 12, 4, 1, 30, tzinfo=UTC)


@pytest.fixture
def office(pg_url: str, tmp_path: Path) -> str:
    """The shared database with a call and a top-secret incoming document in it."""
    store = Store(tmp_path / "secretary.db", url=pg_url)
    store.write(records.create, "call", CallInput(AT, caller="王主任", summary="明早开会"))
    store.write(lambda s: f.document(s, title="绝密标题", classification="top_secret"))
    store.close()
    return pg_url


@pytest.fixture
def director(office: str, pg_server: PgServer, tmp_path: Path):  # noqa: ANN201
    """The director's desk on the same database, through a role granted SELECT only."""
    store = Store(tmp_path / "director.db", url=pg_server.reader(office))
    yield store
    store.close()


def test_a_role_that_may_only_read_opens_the_desk_read_only(
    office: str, director: Store, tmp_path: Path
) -> None:
    secretary = Store(tmp_path / "secretary.db", url=office)
    try:
        assert not secretary.read_only
    finally:
        secretary.close()
    assert director.read_only
    page = director.run(records.page, "call", ListFilter())
    (row,) = page.rows
    assert {"王主任", "明早开会"} <= {c.text for c in row.cells}


def test_a_read_only_desk_refuses_a_save_before_sending_it(office: str, director: Store) -> None:
    sent: list[str] = []
    from sqlalchemy import event

    event.listen(director.db.engine, "before_cursor_execute", lambda *a: sent.append(a[2]))
    with pytest.raises(ServerReadOnlyError) as refused:
        director.write(records.create, "call", CallInput(AT, summary="主任记的"))
    assert str(refused.value) == READ_ONLY
    assert sent == []
    assert director.run(records.page, "call", ListFilter()).total == 1


def test_log_call_on_a_read_only_desk_says_so_in_one_sentence(
    office: str, pg_server: PgServer, capsys: pytest.CaptureFixture[str]
) -> None:
    reader = pg_server.reader(office)
    code = main(["--db", reader, "log", "call", "--from", "李四", "主任记的"])
    out = capsys.readouterr()
    assert (code, out.out, out.err) == (2, "", f"secdesk: {READ_ONLY}\n")
    code = main(["--db", reader, "search", "开会"])
    out = capsys.readouterr()
    assert code == 0 and "明早开会" in out.out


def test_classified_titles_stay_masked_on_a_read_only_desk(director: Store) -> None:
    (row,) = director.run(records.page, "incoming", ListFilter()).rows
    assert not any("绝密标题" in c.text for c in row.cells)
    (row,) = director.run(records.page, "incoming", ListFilter(reveal=True)).rows
    assert any("绝密标题" in c.text for c in row.cells)


def test_the_records_are_on_the_server(office: str) -> None:
    """pg_dump of the shared database holds the call and the document as saved."""
    dump = subprocess.run(
        [
            need_program("pg_dump"),
            "--data-only",
            "--table=call",
            "--table=incomingdocument",
            dbserver.libpq_url(office),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "王主任" in dump and "明早开会" in dump
    assert "绝密标题" in dump and "top_secret" in dump
