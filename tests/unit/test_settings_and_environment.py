"""Bad settings and a hostile environment: each case is one sentence naming the file or
setting and what would be right; nothing is lost, and no traceback is shown."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from secdesk import config
from secdesk.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def write_config(text: str) -> Path:
    path = config.config_path()
    path.write_text(text, encoding="utf-8")
    return path


def said_once(capsys, line: str, *argv: str) -> tuple[Path, int, str, str]:  # noqa: ANN001
    """``line`` alone in config.toml, then the command ``argv``: (the config file, the exit
    code, what was printed, the one line said on stderr, of which there must be one)."""
    path = write_config(line + "\n")
    code, out, err = run(capsys, *argv)
    (sentence,) = err.splitlines()
    return path, code, out, sentence


@pytest.fixture
def db(tmp_path: Path, capsys) -> str:  # noqa: ANN001
    """A database with one call in it."""
    path = str(tmp_path / "office.db")
    assert main(["--db", path, "log", "call", "--from", "张三", "first"]) == 0
    capsys.readouterr()
    return path


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('timezone = "Mars/Olympus"', 'timezone = "Mars/Olympus" is not a time zone'),
        ("timezone = 8", "timezone = 8 is not a time zone"),
        ("internal_extensions = true", 'write them as ["8001", "8002"]'),
        ("timezone = ", "is not valid TOML"),
    ],
)
def test_settings_that_would_change_what_is_saved_stop_with_one_sentence(
    capsys, db: str, line: str, said: str
) -> None:  # noqa: ANN001
    path, code, out, sentence = said_once(capsys, line, "--db", db, "log", "call", "second")
    assert code == 2 and out == ""
    assert sentence.startswith(f"secdesk: {path}") and said in sentence
    assert "Asia/Shanghai" in sentence or "8001" in sentence or "TOML" in sentence
    write_config("")
    code, out, _err = run(capsys, "--db", db, "today", "--json")
    assert code == 0 and "second" not in out  # nothing was saved with the wrong setting


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("language = 5", 'language = 5 is not a language: write "zh" or "en"'),
        ('keymap = "x"', 'keymap = "x" is not a table: write [keymap]'),
        ('due_soon_days = "x"', 'due_soon_days = "x" is not a number of days'),
        ("colour = 'red'", "unknown setting 'colour' is ignored"),
        ("[keymap]\nquit = 5", "[keymap] quit = 5 is not a key: write it in quotes"),
    ],
)
def test_settings_that_only_change_the_look_warn_and_go_on(
    capsys, db: str, line: str, said: str
) -> None:  # noqa: ANN001
    path, code, out, sentence = said_once(capsys, line, "--db", db, "today")
    assert code == 0 and "张三" in out
    assert sentence.startswith(f"secdesk: warning: {path}: ") and said in sentence


@pytest.mark.parametrize("line", ["internal_extensions = 8001", 'internal_extensions = "8001"'])
def test_one_extension_not_in_a_list_is_read_as_meant(line: str) -> None:
    path = write_config(line + "\n")
    settings = config.load_settings(path)
    assert settings.internal_extensions == ["8001"]
    (warning,) = settings.warnings
    assert 'should be a list, such as ["8001"]' in warning


def test_the_rules_table_is_a_known_setting() -> None:
    path = write_config('[rules]\npetition_reply = "15d"\n')
    assert config.load_settings(path).warnings == []


async def test_the_desk_shows_a_settings_warning(make_app) -> None:  # noqa: ANN001
    from tests.conftest import settle

    path = write_config("language = 5\n")
    app = make_app(settings=config.load_settings(path))
    async with app.run_test() as pilot:
        await settle(pilot)
        shown = [str(n.message) for n in app._notifications]
    assert any("language = 5 is not a language" in text for text in shown)


def test_a_read_only_command_on_a_missing_database_says_so(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    missing = tmp_path / "typo.db"
    code, out, err = run(capsys, "--db", str(missing), "today")
    assert code == 2 and out == ""
    assert f"There is no database at {missing}" in err and "creates a new one" in err
    assert not missing.exists()
    code, _out, err = run(capsys, "--db", str(tmp_path / "sub" / "typo.db"), "today", "--json")
    assert code == 2 and not (tmp_path / "sub").exists()  # not even its folder


def test_db_naming_a_folder_is_said(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    for argv in (["today"], ["log", "call", "x"], ["backup"], ["doctor"]):
        code, _out, err = run(capsys, "--db", str(tmp_path), *argv)
        assert code == 2
        assert err == (
            f"secdesk: {tmp_path} is a folder: --db needs a database file, such as "
            f"{tmp_path / 'secdesk.db'}.\n"
        )


def test_db_naming_an_address_is_refused_not_made_a_folder(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    """``--db postgresql://…`` once made a folder named ``postgresql:`` with an empty
    database in it. A password written into ``--db`` is refused (it would stand in the
    process list), never shown; an address secdesk cannot open is refused in one sentence;
    a server that is not there is said to be unreachable. No folder is made."""
    monkeypatch.chdir(tmp_path)
    url = "postgresql://clerk:s3cret@server/office"
    for argv in (["today"], ["log", "call", "x"]):
        code, out, err = run(capsys, "--db", url, *argv)
        assert code == 2 and out == ""
        assert err == (
            "secdesk: A password in --db would show in the process list: put it in "
            "~/.pgpass (or PGPASSWORD) and give the address without it: "
            "postgresql://clerk@server/office.\n"
        )
    # In the query too: the address to give instead has none, not a masked one.
    code, out, err = run(
        capsys, "--db", "postgresql://clerk@/office?host=/run/pg&password=s3", "today"
    )
    assert code == 2 and out == ""
    assert err.endswith("give the address without it: postgresql://clerk@/office?host=/run/pg.\n")
    gone = f"postgresql://clerk@/office?host={tmp_path / 'no-server'}"
    code, out, err = run(capsys, "--db", gone, "log", "call", "x")
    assert code == 2 and out == ""
    assert err.startswith(f"secdesk: The PostgreSQL database {gone} cannot be reached: ")
    assert err.count("\n") == 1
    monkeypatch.setenv("SECDESK_DB", "https://example.org/secdesk.db")
    code, _out, err = run(capsys, "log", "call", "x")
    assert code == 2 and "https://example.org/secdesk.db is an address secdesk cannot" in err
    assert not [p for p in tmp_path.iterdir() if ":" in p.name]  # no "postgresql:", "https:"
    monkeypatch.delenv("SECDESK_DB")
    code, _out, _err = run(
        capsys, "--db", f"sqlite:///{tmp_path / 'office.db'}", "log", "call", "x"
    )
    assert code == 0 and (tmp_path / "office.db").is_file()


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("EROFS", "{home} is on a read-only disk: nothing can be saved there."),
        ("EACCES", "Permission denied for {home}: check who may read and write it."),
    ],
)
def test_an_unwritable_home_is_said(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str, said: str
) -> None:  # noqa: ANN001
    """SECDESK_HOME on a read-only file system, or not ours to write: making the data
    folder fails (simulated: the tests run as root, who may write anywhere)."""
    import errno

    home = tmp_path / "home-elsewhere"
    monkeypatch.setenv("SECDESK_HOME", str(home))
    number = getattr(errno, code)

    def refused(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(number, os.strerror(number), str(self))

    monkeypatch.setattr(Path, "mkdir", refused)
    for argv in (["log", "call", "x"], ["today"]):
        status, out, err = run(capsys, *argv)
        assert (status, out) == (2, "")
        assert err == "secdesk: " + said.format(home=home) + "\n"


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n  \r\n"])
@pytest.mark.parametrize(
    "command", [["import", "contacts"], ["import", "calls"], ["holidays", "import"]]
)
def test_an_empty_file_is_refused_alike_for_every_format(
    capsys, db: str, tmp_path: Path, content: bytes, command: list[str]
) -> None:  # noqa: ANN001
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    code, out, err = run(capsys, "--db", db, *command, str(empty))
    assert (code, out) == (2, "")
    assert err == f"secdesk: {empty} is empty. Nothing was imported.\n"


def test_an_export_never_overwrites_without_asking(capsys, db: str, tmp_path: Path) -> None:  # noqa: ANN001
    target = tmp_path / "book [1].vcf"  # the path is taken literally
    target.write_text("keep me", encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "export", "contacts", str(target))
    assert (code, out) == (2, "")
    assert err == (
        f"secdesk: {target} exists already: choose a new file name, or add --force to replace it.\n"
    )
    assert target.read_text(encoding="utf-8") == "keep me"
    code, out, _err = run(capsys, "--db", db, "export", "contacts", "--force", str(target))
    assert code == 0 and target.read_text(encoding="utf-8") != "keep me"
    code, _out, err = run(capsys, "--db", db, "export", "contacts", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_ctrl_c_during_an_import_leaves_the_database_as_it_was(
    capsys, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    from secdesk.office.contacts import cards as contact_cards

    real = contact_cards.import_vcards

    def import_then_interrupt(session, data, apply=True, progress=None):  # noqa: ANN001, ANN202
        real(session, data, apply, progress)  # every card added in the transaction...
        raise KeyboardInterrupt  # ...then Ctrl+C before it commits

    monkeypatch.setattr(contact_cards, "import_vcards", import_then_interrupt)
    book = tmp_path / "book.vcf"
    book.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王五\r\nTEL:13800138000\r\nEND:VCARD\r\n")
    code, out, err = run(capsys, "--db", db, "import", "contacts", str(book))
    assert (code, out) == (130, "")
    assert err == "secdesk: Interrupted: nothing was imported.\n"
    monkeypatch.setattr(contact_cards, "import_vcards", real)
    export = tmp_path / "out.vcf"
    assert run(capsys, "--db", db, "export", "contacts", str(export))[0] == 0
    assert "王五" not in export.read_text(encoding="utf-8")


async def test_the_desk_says_when_it_makes_a_new_database(tmp_path: Path) -> None:
    """A mistyped --db would otherwise look like an empty day."""
    from secdesk.app import SecDeskApp
    from secdesk.services.store import Store
    from tests.conftest import settle

    for existing in (False, True):
        store = Store(tmp_path / "typo.db")
        app = SecDeskApp(store, config.Settings(), watch_changes=False)
        async with app.run_test() as pilot:
            await settle(pilot)
            shown = [str(n.message) for n in app._notifications]
        said = f"A new database is created at {tmp_path / 'typo.db'}." in shown
        assert said is not existing


def test_an_address_is_never_shown_with_its_password() -> None:
    """Both ways libpq takes a password in an address are hidden wherever one is shown."""
    from secdesk.dbserver import has_password, shown

    url = "postgresql://clerk:s3cret@server/office?password=s3cret&sslmode=require"
    assert shown(url) == "postgresql://clerk:***@server/office?password=***&sslmode=require"
    assert has_password("postgresql://clerk@server/office?PASSWORD=x")
    assert not has_password("postgresql://clerk@/office?host=/run/postgresql")
