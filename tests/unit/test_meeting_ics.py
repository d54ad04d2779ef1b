"""Calendars in and out: every sample file's occurrences, as secdesk shows and exports them,
equal an independent expansion of the same file (recurring-ical-events); the same file
twice adds nothing; broken files are refused whole, with a sentence naming the problem."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import func, select

from secdesk.calendar import clock
from secdesk.models import Event, Meeting
from secdesk.office.meetings import ical as meeting_ics
from secdesk.office.meetings import record, recurrence
from secdesk.office.meetings.ical import IcsError
from tests.conftest import HOSTILE, SAMPLES, need_samples

SAMPLE_FILES = sorted(p.name for p in (SAMPLES / "ics").glob("*.ics")) or ["(none)"]
"""Every file in ../shared/samples/ics; without the folder, a placeholder that
``need_samples`` skips (or fails, on CI)."""
UTC = ZoneInfo("UTC")


def window() -> tuple[datetime, datetime]:
    zone = clock.zone()
    return datetime(2000, 1, 1, tzinfo=zone), datetime(2030, 1, 1, tzinfo=zone)


def independent(data: bytes) -> list[str]:
    """The starts (UTC, ISO) of the file's occurrences in ``window()`` by
    recurring-ical-events. Read as secdesk reads them: floating times in X-WR-TIMEZONE
    (else the desk's zone), all-day events from local midnight, cancelled overrides left
    out. The reference library cannot read a rule whose separators are escaped
    (``FREQ=DAILY\\;COUNT=10``), so it is given that rule unescaped."""
    import icalendar
    import recurring_ical_events

    calendar = icalendar.Calendar.from_ical(data)
    named = calendar.get("X-WR-TIMEZONE")
    floating = ZoneInfo(str(named)) if named else clock.zone()
    for event in calendar.walk("VEVENT"):
        rule = event.get("RRULE")
        if rule is not None and "\\" in (raw := rule.to_ical().decode()):
            clean = raw.replace("\\;", ";").replace("\\,", ",").replace(" ", "")
            event["RRULE"] = icalendar.vRecur.from_ical(clean)
    out = []
    for event in recurring_ical_events.of(calendar).between(*window()):
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        start = event["DTSTART"].dt
        if isinstance(start, datetime):
            start = start.replace(tzinfo=floating) if start.tzinfo is None else start
        else:
            start = datetime.combine(start, time(0), tzinfo=clock.zone())
        out.append(start.astimezone(UTC).isoformat())
    return sorted(out)


def shown(session) -> list[str]:  # noqa: ANN001
    return sorted(
        o.starts_at.astimezone(UTC).isoformat() for o in recurrence.occurrences(session, *window())
    )


def count(session) -> int:  # noqa: ANN001
    return int(session.exec(select(func.count()).select_from(Meeting)).one())


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_every_sample_matches_an_independent_expansion(session, name: str) -> None:  # noqa: ANN001
    data = need_samples("ics", name).read_bytes()
    report = meeting_ics.import_ics(session, data)
    session.flush()
    assert report.added
    assert shown(session) == independent(data)


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_importing_the_same_file_twice_adds_nothing(session, name: str) -> None:  # noqa: ANN001
    data = need_samples("ics", name).read_bytes()
    meeting_ics.import_ics(session, data)
    session.flush()
    before = count(session)
    again = meeting_ics.import_ics(session, data)
    session.flush()
    assert again.added == [] and again.already > 0
    assert count(session) == before


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_round_trip_export_then_import(store, name: str) -> None:  # noqa: ANN001
    from secdesk.services.store import Store

    data = need_samples("ics", name).read_bytes()
    store.write(meeting_ics.import_ics, data)
    original = store.run(shown)
    exported = store.run(meeting_ics.export_ics)
    assert independent(exported) == original
    other = Store(store.db.path.with_name("other.db"), store.db.path.parent / "b2")
    try:
        other.write(meeting_ics.import_ics, exported)
        assert other.run(shown) == original
    finally:
        other.close()


def test_dry_run_adds_nothing(session) -> None:  # noqa: ANN001
    data = need_samples("ics", "google_yearly_exdate_moved_occurrence.ics").read_bytes()
    report = meeting_ics.import_ics(session, data, dry_run=True)
    assert report.added and count(session) == 0


def test_export_a_period_keeps_series_that_reach_into_it(session) -> None:  # noqa: ANN001
    from secdesk.services.inputs import MeetingInput

    zone = clock.zone()
    record.SERVICE.create(
        session,
        MeetingInput(
            title="例会", starts_at=datetime(2026, 11, 2, 9, tzinfo=zone), rrule="FREQ=WEEKLY"
        ),
    )
    record.SERVICE.create(
        session, MeetingInput(title="早的", starts_at=datetime(2026, 10, 1, 9, tzinfo=zone))
    )
    record.SERVICE.create(
        session,
        MeetingInput(title="[/]十二月\x1b[2J", starts_at=datetime(2026, 12, 3, 9, tzinfo=zone)),
    )
    session.flush()
    import icalendar

    data = meeting_ics.export_ics(
        session, datetime(2026, 12, 1, tzinfo=zone), datetime(2027, 1, 1, tzinfo=zone)
    )
    titles = sorted(str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT"))
    assert titles == ["[/]十二月\x1b[2J", "例会"]


def ics(*lines: str) -> bytes:
    return (
        "\r\n".join(("BEGIN:VCALENDAR", "VERSION:2.0", *lines, "END:VCALENDAR")) + "\r\n"
    ).encode()


EVENT = ("BEGIN:VEVENT", "UID:a@x", "DTSTART:20261204T010000Z", "SUMMARY:周会", "END:VEVENT")


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (ics(*EVENT)[:-20], "cut short"),
        (
            ics(*EVENT[:3], "SUMMARY:周会", "END:VEVENT").replace(
                "周会".encode(), "周会".encode("gbk")
            ),
            "not UTF-8",
        ),
        (
            ics(
                "BEGIN:VEVENT",
                "UID:b@x",
                "DTSTART;TZID=Mars/Olympus:20261204T090000",
                "SUMMARY:x",
                "END:VEVENT",
            ),
            "Mars/Olympus",
        ),
        (
            ics(
                "BEGIN:VEVENT",
                "UID:c@x",
                "DTSTART:20261204T090000",
                "RRULE:FREQ=SOMETIMES",
                "SUMMARY:x",
                "END:VEVENT",
            ),
            "repeat rule",
        ),
        (b"BEGIN:VCARD\r\nEND:VCARD\r\n", "not an iCalendar file"),
    ],
)
def test_a_broken_file_is_refused_whole(store, data: bytes, says: str) -> None:  # noqa: ANN001
    good = ("BEGIN:VEVENT", "UID:ok@x", "DTSTART:20261201T010000Z", "SUMMARY:好的", "END:VEVENT")
    if data.startswith(b"BEGIN:VCALENDAR") and data.rstrip().endswith(b"END:VCALENDAR"):
        data = data.replace(
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ics(*good)[: -len(b"END:VCALENDAR\r\n")], 1
        )
    with pytest.raises(IcsError) as error:
        store.write(meeting_ics.import_ics, data)
    assert says.lower() in str(error.value).lower()
    assert store.run(count) == 0
    assert store.run(lambda s: s.exec(select(func.count()).select_from(Event)).one()) == 0


def test_windows_zone_name_and_hostile_text(session) -> None:  # noqa: ANN001
    title = "".join(HOSTILE)
    data = ics(
        "BEGIN:VEVENT",
        "UID:w@x",
        "DTSTART;TZID=China Standard Time:20261204T090000",
        "DTEND;TZID=China Standard Time:20261204T100000",
        "SUMMARY:" + title.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,"),
        "LOCATION:三楼会议室",
        "END:VEVENT",
    )
    meeting_ics.import_ics(session, data)
    session.flush()
    (occurrence,) = recurrence.occurrences(session, *window())
    assert occurrence.starts_at == datetime(2026, 12, 4, 9, tzinfo=clock.zone())
    assert occurrence.title == title and occurrence.location == "三楼会议室"


def test_command_line_import_dry_run_export(capsys, tmp_path) -> None:  # noqa: ANN001
    from secdesk.cli import main

    source = need_samples("ics", "thunderbird_weekly_exdates_cancelled_overrides.ics")
    db = str(tmp_path / "x.db")
    assert main(["--db", db, "import", "meetings", str(source), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Would add 1 meeting" in out and "Cours Balboa" in out
    assert main(["--db", db, "import", "meetings", str(source)]) == 0
    assert "Added 1 meeting; 11 cancelled occurrences; 0 already there" in capsys.readouterr().out
    assert main(["--db", db, "import", "meetings", str(source)]) == 0
    assert "Added 0 meetings" in capsys.readouterr().out
    target = tmp_path / "out.ics"
    assert (
        main(
            [
                "--db",
                db,
                "export",
                "meetings",
                "--from",
                "2018-01-01",
                "--to",
                "2018-12-31",
                str(target),
            ]
        )
        == 0
    )
    assert independent(target.read_bytes()) == independent(source.read_bytes())


def test_command_line_names_a_broken_file(capsys, tmp_path) -> None:  # noqa: ANN001
    from secdesk.cli import main

    broken = tmp_path / "broken.ics"
    broken.write_bytes(ics(*EVENT)[:-20])
    db = str(tmp_path / "x.db")
    assert main(["--db", db, "import", "meetings", str(broken)]) != 0
    err = capsys.readouterr().err
    assert "broken.ics" in err and "cut short" in err and "Nothing was imported" in err
