"""Half-typed forms kept on disk, so a killed app or a closed terminal loses nothing.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

A draft is a small JSON file per form in the drafts directory, written atomically (write to
a temporary file, fsync, rename) as the user types and removed when the form is saved or
discarded.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from secdesk import config
from secdesk.calendar import clock


@dataclass(frozen=True)
class Draft:
    form: str
    """Which form: call, visit..."""
    record_id: int | None
    """The record being edited, or None for a new one."""
    values: dict[str, object]
    """Field name -> what was typed."""
    saved_at: str
    """ISO time the draft was last written (local)."""
    path: Path


def _path(form: str, record_id: int | None) -> Path:
    suffix = f"-{record_id}" if record_id else ""
    return config.drafts_dir() / f"{form}{suffix}.json"


def write_json(path: Path, payload: object, durable: bool = False) -> None:
    """Write ``payload`` as JSON so that ``path`` holds either the old or the new text, never
    half of one (a temporary file renamed over it); ``durable`` also waits for the disk."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(form: str, record_id: int | None, values: Mapping[str, object]) -> Path:
    path = _path(form, record_id)
    payload = {
        "form": form,
        "record_id": record_id,
        "values": values,
        "saved_at": clock.now_local().isoformat(timespec="seconds"),
    }
    write_json(path, payload, durable=True)
    return path


def discard(form: str, record_id: int | None) -> None:
    _path(form, record_id).unlink(missing_ok=True)


def pending() -> list[Draft]:
    """Every draft left behind, oldest first; unreadable files are skipped."""
    drafts = []
    for path in sorted(config.drafts_dir().glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            drafts.append(
                Draft(
                    form=str(data["form"]),
                    record_id=data.get("record_id"),
                    values=dict(data["values"]),
                    saved_at=str(data.get("saved_at", "")),
                    path=path,
                )
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(drafts, key=lambda d: d.saved_at)
