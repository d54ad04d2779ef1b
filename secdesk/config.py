"""Settings and paths.

Every path comes from one small function here that creates its directory on first use.
``SECDESK_HOME=DIR`` puts data, config and backups all under DIR (tests use it);
``SECDESK_DB=PATH`` or ``--db PATH`` opens another database file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

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


def backup_dir() -> Path:
    """Where copies of the database are kept before a migration."""
    return _private_dir(data_dir() / "backups")


def drafts_dir() -> Path:
    """Where half-typed forms are kept until they are saved or discarded."""
    return _private_dir(data_dir() / "drafts")


def config_path() -> Path:
    return config_dir() / "config.toml"


def database_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The database file: ``--db``, else ``SECDESK_DB``, else ``secdesk.db`` in the data dir."""
    chosen = override or os.environ.get("SECDESK_DB")
    if chosen:
        path = Path(chosen).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        return path
    return data_dir() / "secdesk.db"


@dataclass
class Settings:
    """What the user may set in ``config.toml``."""

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


#: Binding ids that were renamed: a config file written for the old name keeps working.
RENAMED_BINDINGS = {
    "log_call": "new_call",
    "log_visit": "new_visit",
    "show_calls": "show_call",
    "show_visits": "show_visit",
    "show_contacts": "show_contact",
}


def load_settings(path: Path | None = None) -> Settings:
    """Read ``config.toml``; a missing file gives the defaults, a broken one raises ValueError."""
    path = path or config_path()
    if not path.exists():
        return Settings()
    import tomllib  # only when there is a file to read: startup stays cheap

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    section = raw
    keymap = raw.get("keymap", {})
    return Settings(
        language=section.get("language"),
        timezone=section.get("timezone"),
        keymap={RENAMED_BINDINGS.get(str(k), str(k)): str(v) for k, v in keymap.items()},
        internal_extensions=[str(x) for x in section.get("internal_extensions", [])],
        due_soon_days=int(section.get("due_soon_days", 3)),
        meeting_types=[str(x) for x in section.get("meeting_types", [])],
        meeting_checklists={
            str(k): [str(x) for x in v] for k, v in raw.get("meeting_checklists", {}).items()
        },
        rules=dict(raw.get("rules", {})),
        document_prefixes=[str(x) for x in section.get("document_prefixes", [])],
    )


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
