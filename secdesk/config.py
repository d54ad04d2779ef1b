"""Settings and paths.

Wing: the floor every wing stands on. Must not import anything of secdesk but i18n.

Every path comes from one small function here that creates its directory on first use.
``SECDESK_HOME=DIR`` puts data, config and backups all under DIR (tests use it);
``SECDESK_DB=PATH`` or ``--db PATH`` opens another database file; ``SECDESK_USER=NAME``
says who is at the desk, over config.toml's ``[office] user``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from secdesk.i18n import _

APP_NAME = "secdesk"


def _home() -> Path | None:
    home = os.environ.get("SECDESK_HOME")
    return Path(home).expanduser() if home else None


def _private_dir(path: Path) -> Path:
    """Create ``path`` (mode 0700) if missing and return it."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def data_dir() -> Path:
    """Where the database lives (platformdirs' user data dir unless SECDESK_HOME is set)."""
    home = _home()
    if home is not None:
        return _private_dir(home)
    from platformdirs import user_data_path

    return _private_dir(user_data_path(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Where ``config.toml`` lives."""
    home = _home()
    if home is not None:
        return _private_dir(home)
    from platformdirs import user_config_path

    return _private_dir(user_config_path(APP_NAME, appauthor=False))


def backup_dir(database: Path | None = None) -> Path:
    """Where the copies of ``database`` are kept (daily, by hand, before a restore or an
    upgrade): the usual database's in the data dir's ``backups``; any other database's in a
    folder of its own inside it, named after the file and keyed by its full path, so that
    two databases never take, list or restore each other's copies (and a database on a
    stick that is lost keeps its copies on this computer)."""
    folder = data_dir() / "backups"
    if database is None:
        return _private_dir(folder)
    resolved = database.expanduser().resolve()
    if resolved == (data_dir() / "secdesk.db").resolve():
        return _private_dir(folder)
    import hashlib
    import re

    key = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:12]
    name = re.sub(r"[^\w.-]+", "_", resolved.stem)[:40]
    return _private_dir(folder / f"{name}-{key}")


def drafts_dir() -> Path:
    """Where half-typed forms are kept until they are saved or discarded."""
    return _private_dir(data_dir() / "drafts")


def config_path() -> Path:
    return config_dir() / "config.toml"


_database_setting = ""


def use_database(setting: str) -> None:
    """config.toml's ``database``: opened when neither ``--db`` nor ``SECDESK_DB`` names one."""
    global _database_setting
    _database_setting = setting


def named_database(override: str | os.PathLike[str] | None = None) -> str:
    """The database as the user named it (a file name or an address): ``--db``, else
    ``SECDESK_DB``, else config.toml's ``database``; empty for the usual file."""
    return os.fspath(override or os.environ.get("SECDESK_DB") or _database_setting or "")


def database_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The database file: ``--db``, else ``SECDESK_DB``, else config.toml's ``database``,
    else ``secdesk.db`` in the data dir."""
    chosen = named_database(override)
    if chosen:
        # Its folder is made when the database is created, not by merely naming it.
        return Path(chosen).expanduser()
    return data_dir() / "secdesk.db"


@dataclass(frozen=True)
class Office:
    """``[office]``: who signs the desk's papers."""

    name: str = ""
    """The 发文机关署名 (某区人民政府办公室): the signature of every paper, the duty log's and
    the work summary's heading, the papers' author."""
    mark: str = ""
    """The 发文机关标志 at the head of a numbered paper (某区人民政府办公室文件); empty means
    the name."""

    @property
    def head(self) -> str:
        return self.mark or self.name


@dataclass
class Settings:
    """What the user may set in ``config.toml``."""

    office: Office = field(default_factory=Office)
    """``[office]`` name and mark."""
    user: str = ""
    """``[office] user``: who works at this desk (张三), as every change they make is
    recorded and a record's history and the duty log name them; empty means the login
    name. With several people on one database, each desk sets its own."""
    ask_office: bool = False
    """config.toml has no ``[office]``, or one without a name: the desk asks for it."""
    first_start: bool = False
    """There was no config.toml to read: with a new database, the desk's first start."""

    database: str = ""
    """The database to open when neither ``--db`` nor ``SECDESK_DB`` names one: a file, or
    a PostgreSQL database's address (``postgresql://user@host/office``, a password from
    ``~/.pgpass``); empty means ``secdesk.db`` in the data dir."""
    language: str | None = None
    """``zh`` or ``en``; None means: follow the locale."""
    timezone: str | None = None
    """An IANA zone name such as ``Asia/Shanghai``; None means the system's zone."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys, e.g. ``{"log_call" = "ctrl+l"}``: remaps any key of the app."""
    internal_extensions: list[str] = field(default_factory=list)
    """Extensions of the office's own phone system, used to tell incoming from outgoing
    calls when importing call records."""
    due_soon_days: int = 3
    """A supervision item due within this many working days is shown as due soon (blue)."""
    rules: dict[str, object] = field(default_factory=dict)
    """``[rules]``: local time limits over the named rules' defaults (``services.rules``),
    e.g. ``petition_decide = "15d"`` or ``petition_decide = {spec = "10wd", source = "…"}``."""
    document_prefixes: list[str] = field(default_factory=list)
    """The organ's prefixes (机关代字) for outgoing document numbers, e.g. 某府发, 某府办发,
    某府函: suggested in the outgoing form; when set, ``log outgoing --prefix`` takes only
    these."""
    meeting_types: list[str] = field(default_factory=list)
    """The office's meeting types, in the meeting form's order (办公会, 常务会议...); empty
    means the built-in list."""
    meeting_checklists: dict[str, list[str]] = field(default_factory=dict)
    """Meeting type -> the preparation steps a new meeting of that type starts with
    (``[meeting_checklists]`` in config.toml); a type not named keeps the built-in one."""
    warnings: list[str] = field(default_factory=list)
    """What in the file could not be used as written (said at start-up; defaults used)."""


#: Binding ids that were renamed: a config file written for the old name keeps working.
RENAMED_BINDINGS = {
    "log_call": "new_call",
    "log_visit": "new_visit",
    "show_calls": "show_call",
    "show_visits": "show_visit",
    "show_contacts": "show_contact",
}


class SettingsError(ValueError):
    """``config.toml`` cannot be used as it is: the message names the file and the setting,
    and says what would be right."""


#: The top-level settings of config.toml (and its tables: keymap, and rules, whose deadline
#: rules are read where they are used).
KNOWN_SETTINGS = (
    "database",
    "language",
    "timezone",
    "due_soon_days",
    "internal_extensions",
    "keymap",
    "rules",
    "document_prefixes",
    "meeting_types",
    "meeting_checklists",
    "office",
)


def load_settings(path: Path | None = None) -> Settings:
    """Read ``config.toml``; a missing file gives the defaults.

    A value that would change what is saved (a time zone that is not one) raises
    ``SettingsError``; a value that only changes the look (language, keymap, due_soon_days)
    and an unknown key are named in ``Settings.warnings`` and the default is used."""
    path = path or config_path()
    try:
        if not path.is_file():
            if path.exists():
                raise SettingsError(
                    _("{path} is a folder: the settings file must be a file.").format(path=path)
                )
            return Settings(first_start=True)
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(
            _("{path} is not UTF-8 text: save it as UTF-8.").format(path=path)
        ) from exc
    import tomllib  # only when there is a file to read: startup stays cheap

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(
            _(
                "{path} is not valid TOML ({error}): fix that line, or move the file away to "
                "start with the default settings."
            ).format(path=path, error=exc)
        ) from exc
    settings = Settings()
    warn = settings.warnings.append
    for key in raw:
        if key not in KNOWN_SETTINGS:
            warn(
                _("{path}: unknown setting {key!r} is ignored (known: {known}).").format(
                    path=path, key=key, known=", ".join(KNOWN_SETTINGS)
                )
            )
    settings.database = _database(raw, path)
    settings.language = _language(raw, path, warn)
    settings.timezone = _timezone(raw, path)
    settings.due_soon_days = _due_soon_days(raw, path, warn)
    settings.internal_extensions = _extensions(raw, path, warn)
    settings.keymap = _keymap(raw, path, warn)
    if "rules" in raw and not isinstance(raw["rules"], dict):
        warn(_("{path}: rules must be a table ([rules]); it is ignored.").format(path=path))
    elif "rules" in raw:
        settings.rules = dict(raw["rules"])
    settings.document_prefixes = _texts(raw, "document_prefixes", path, warn)
    settings.meeting_types = _texts(raw, "meeting_types", path, warn)
    checklists = raw.get("meeting_checklists", {})
    if isinstance(checklists, dict) and all(isinstance(v, list) for v in checklists.values()):
        settings.meeting_checklists = {str(k): [str(x) for x in v] for k, v in checklists.items()}
    else:
        warn(
            _(
                "{path}: meeting_checklists must be a table of lists "
                '([meeting_checklists] 办公会 = ["议题征集", …]); it is ignored.'
            ).format(path=path)
        )
    settings.office, settings.ask_office = _office(raw, path, warn)
    settings.user = _user(raw, path, warn)
    return settings


def _office(raw: dict[str, object], path: Path, warn: Callable[[str], None]) -> tuple[Office, bool]:
    """``[office] name = "…", mark = "…"``; the flag says the desk is to ask for the name:
    the table is there without one, or the file has none (an office that set secdesk up
    before papers were signed)."""
    value = raw.get("office")
    if value is None:
        return Office(), True
    if not isinstance(value, dict) or not all(
        isinstance(value.get(k, ""), str) for k in ("name", "mark")
    ):
        warn(
            _(
                '{path}: office must be a table ([office] name = "某区人民政府办公室"); it is '
                "ignored."
            ).format(path=path)
        )
        return Office(), False
    office = Office(str(value.get("name", "")).strip(), str(value.get("mark", "")).strip())
    return office, not office.name


def _user(raw: dict[str, object], path: Path, warn: Callable[[str], None]) -> str:
    """``[office] user = "张三"``: one line of text, its spaces tidied; anything else is
    said and the login name is used."""
    table = raw.get("office")
    value = table.get("user", "") if isinstance(table, dict) else ""
    if isinstance(value, str):
        return " ".join(value.split())
    warn(
        _(
            "{path}: [office] user = {value} is not a name: write it in quotes, such as "
            'user = "张三". The login name is used.'
        ).format(path=path, value=_shown(value))
    )
    return ""


_user_override: str | None = None
"""Who is at the desk as the desk or the command line read it from its settings (None:
not read yet)."""


def use_user(name: str | None) -> None:
    """The desk's user is ``name`` from now on (empty: the login name; None: read
    config.toml again when next asked)."""
    global _user_override
    _user_override = None if name is None else " ".join(name.split())


def login_name() -> str:
    """The name the user logged in with ("" when the system has none for them)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no passwd entry in some containers
        return ""


def desk_user() -> str:
    """Who is at the desk, for the audit trail: ``SECDESK_USER``, else ``[office] user``
    (as ``use_user`` set it from the settings already read, or config.toml read once),
    else the login name."""
    global _user_override
    named = " ".join(os.environ.get("SECDESK_USER", "").split())
    if named:
        return named
    if _user_override is None:
        try:
            _user_override = load_settings().user
        except (ValueError, OSError):
            _user_override = ""
    return _user_override or login_name()


#: The office the papers are signed by when set here (the demo office's, in tests), over
#: config.toml's.
_office_override: Office | None = None


def use_office(office: Office | None) -> None:
    """Sign the papers with ``office`` (None: read config.toml again)."""
    global _office_override
    _office_override = office


def office() -> Office:
    """The office that signs the papers: as ``use_office`` set it, else config.toml's
    ``[office]`` (an unreadable file gives an office without a name)."""
    if _office_override is not None:
        return _office_override
    try:
        return load_settings().office
    except (ValueError, OSError):
        return Office()


def save_office(name: str, path: Path | None = None, mark: str | None = None) -> None:
    """Write ``[office] name`` (and ``mark``, when given) into ``config.toml``, keeping the
    rest of the file (and the table's other lines)."""
    path = path or config_path()
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    wanted = {"name": name.strip()}
    if mark is not None:
        wanted["mark"] = mark.strip()
    written = [f"{key} = {_shown(value)}" for key, value in wanted.items()]
    out, table, done = [], "", False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("["):
            if table == "office" and not done:
                out += written
                done = True
            table = stripped.strip("[] ")
        key = stripped.partition("=")[0].strip()
        if table == "office" and key in wanted and "=" in stripped:
            if not done:
                out += written
                done = True
            continue
        out.append(line)
    if not done:
        if table != "office":
            out += ["", "[office]"] if out else ["[office]"]
        out += written
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _texts(raw: dict[str, object], key: str, path: Path, warn: Callable[[str], None]) -> list[str]:
    """A list of texts (``document_prefixes = ["某府发", "某府函"]``); anything else is
    said and ignored."""
    value = raw.get(key, [])
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        return list(value)
    warn(
        _('{path}: {key} must be a list of texts such as ["a", "b"]; it is ignored.').format(
            path=path, key=key
        )
    )
    return []


def _shown(value: object) -> str:
    """A value as it would be written in TOML (for messages)."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _database(raw: dict[str, object], path: Path) -> str:
    value = raw.get("database", "")
    if not isinstance(value, str):
        raise SettingsError(
            _(
                "{path}: database = {value} is not a file name or an address: write it in "
                'quotes (database = "postgresql://secretary@server/office").'
            ).format(path=path, value=_shown(value))
        )
    return value.strip()


def server_path(url: str) -> Path:
    """The local name of the database at ``url`` on a server: its desk lock, remembered
    dashboards and backups are kept under it on this computer (the database itself is the
    server's). Keyed by the address without a password."""
    import hashlib
    import re
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    keyed = f"{parts.username or ''}@{parts.hostname or ''}:{parts.port or ''}{parts.path}"
    # (The query as written, a password in it left out: the same name with or without.)
    query = [p for p in parts.query.split("&") if p.split("=", 1)[0].lower() != "password"]
    keyed += f"?{'&'.join(query)}"
    key = hashlib.sha256(keyed.encode()).hexdigest()[:12]
    name = re.sub(r"[^\w.-]+", "_", parts.path.strip("/") or "postgres")[:40]
    return _private_dir(data_dir() / "servers") / f"{name}-{key}.db"


def _language(raw: dict[str, object], path: Path, warn: Callable[[str], None]) -> str | None:
    value = raw.get("language")
    if value is None:
        return None
    if isinstance(value, str):
        from secdesk.i18n import normalize_language

        try:
            return normalize_language(value)
        except ValueError:
            pass
    warn(
        _(
            '{path}: language = {value} is not a language: write "zh" or "en". The '
            "system's language is used."
        ).format(path=path, value=_shown(value))
    )
    return None


def _timezone(raw: dict[str, object], path: Path) -> str | None:
    value = raw.get("timezone")
    if value is None:
        return None
    if isinstance(value, str) and value.strip():
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
            return value
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    raise SettingsError(
        _(
            "{path}: timezone = {value} is not a time zone: write a zone name in quotes, "
            'such as "Asia/Shanghai" (or leave the line out to use the system\'s zone).'
        ).format(path=path, value=_shown(value))
    )


def _due_soon_days(raw: dict[str, object], path: Path, warn: Callable[[str], None]) -> int:
    value = raw.get("due_soon_days", 3)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 365:
        return value
    warn(
        _(
            "{path}: due_soon_days = {value} is not a number of days from 0 to 365 "
            "(such as 3); 3 is used."
        ).format(path=path, value=_shown(value))
    )
    return 3


def _extensions(raw: dict[str, object], path: Path, warn: Callable[[str], None]) -> list[str]:
    value = raw.get("internal_extensions", [])
    if isinstance(value, list) and all(
        isinstance(x, str | int) and not isinstance(x, bool) for x in value
    ):
        return [str(x).strip() for x in value if str(x).strip()]
    if isinstance(value, str | int) and not isinstance(value, bool):
        # One extension, or several in one string: read as meant, and said how to write it.
        found = [part for part in str(value).replace(",", " ").split() if part]
        warn(
            _(
                "{path}: internal_extensions = {value} should be a list, such as {example}; "
                "it is read as that."
            ).format(path=path, value=_shown(value), example=_shown_list(found))
        )
        return found
    raise SettingsError(
        _(
            "{path}: internal_extensions = {value} is not a list of extensions: write them "
            'as ["8001", "8002"].'
        ).format(path=path, value=_shown(value))
    )


def _shown_list(values: list[str]) -> str:
    return "[" + ", ".join(_shown(v) for v in values) + "]"


def _keymap(raw: dict[str, object], path: Path, warn: Callable[[str], None]) -> dict[str, str]:
    value = raw.get("keymap", {})
    if not isinstance(value, dict):
        warn(
            _(
                "{path}: keymap = {value} is not a table: write [keymap] on a line of its "
                'own, then lines such as quit = "ctrl+q". The usual keys are used.'
            ).format(path=path, value=_shown(value))
        )
        return {}
    keymap = {}
    for key, keys in value.items():
        if isinstance(keys, str) and keys.strip():
            keymap[RENAMED_BINDINGS.get(str(key), str(key))] = keys
        else:
            warn(
                _(
                    "{path}: [keymap] {key} = {value} is not a key: write it in quotes, such "
                    'as "ctrl+q". The usual key is used.'
                ).format(path=path, key=key, value=_shown(keys))
            )
    return keymap


def save_language(language: str, path: Path | None = None) -> None:
    """Remember the interface language in ``config.toml``, keeping the rest of the file."""
    path = path or config_path()
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    out, done, in_root = [], False, True
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("["):
            in_root = False
        if in_root and stripped.startswith("language") and "=" in stripped:
            out.append(f'language = "{language}"')
            done = True
        else:
            out.append(line)
    if not done:
        out.insert(0, f'language = "{language}"')
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def exports_dir() -> Path:
    """Where the desk writes documents the user asked for (urge notices, reports)."""
    home = _home()
    if home is not None:
        return _private_dir(home / "exports")
    from platformdirs import user_documents_path

    return _private_dir(user_documents_path() / APP_NAME)
