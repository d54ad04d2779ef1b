"""What a form's fields mean: typed text read into a kind's input, and back.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

The rules live here, not in the screens: a blank time is when the form opened, a time more
than a day ahead is asked about, a deadline is counted on the working-day calendar, a
number is a whole number within its bounds, empty child rows are dropped.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from typing import Any

from secdesk.calendar import clock
from secdesk.calendar.timeparse import far_future
from secdesk.i18n import N_, _
from secdesk.kinds import FormField, Kind, resolve
from secdesk.services.views import InvalidInput

NOT_A_NUMBER = N_("Write a whole number")
NOT_A_DATE = N_("Cannot read this date")
EARLIEST_YEAR = 2000
"""No time or day the desk keeps comes before this year: an earlier one is a slip."""
BEFORE_2000 = N_("{time} is before 2000: check the year")
LIMIT_BEFORE_START = N_("The time limit {due} comes before its start, {start}")
FAR_LIMIT_DAYS = 731
"""A time limit further than this many days from its start (two years) is asked about."""
FAR_LIMIT = N_("The time limit {due} is more than two years after {start}: keep it?")


class NeedsConfirmation(Exception):
    """A value that may be a slip: the form asks ``question`` once and saves on a yes."""

    def __init__(self, field: str, question: str, time: str = "") -> None:
        super().__init__(question)
        self.field = field
        self.question = question
        self.time = time
        """The time in question as the form shows it (``secdesk log`` asks in its words)."""


def when_text(moment: datetime | None) -> str:
    """A time as a form shows it for editing (local, to the minute)."""
    return "" if moment is None else f"{clock.to_local(moment):%Y-%m-%d %H:%M}"


def text_of(field: FormField, value: Any) -> Any:
    """An input's value as its field shows it."""
    if field.kind == "check":
        return bool(value)
    if field.kind == "rows":
        return [[str(cell or "") for cell in row] for row in (value or [])]
    if value is None:
        return ""
    if field.kind == "when" and isinstance(value, datetime):
        return when_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def values_of(kind: Kind, data: Any) -> dict[str, Any]:
    """A saved record's input as the texts its form shows."""
    return {f.name: text_of(f, getattr(data, f.name, None)) for f in kind.form}


def check_choices(kind: Kind, data: Any) -> None:
    """Refuse a value that is not one of its cycle field's choices, for the fields that
    say how (``FormField.unknown``): the form only offers the choices, but the command
    line and the imports fill inputs too."""
    for field in kind.form:
        if field.unknown and getattr(data, field.name) not in dict(field.choices):
            raise InvalidInput(field.name, field.unknown)


def blank_values(kind: Kind) -> dict[str, Any]:
    """What a new form shows."""
    out: dict[str, Any] = {}
    for f in kind.form:
        if f.default is not None:
            out[f.name] = f.default
        elif f.kind == "check":
            out[f.name] = False
        elif f.kind == "cycle":
            out[f.name] = f.choices[0][0] if f.choices else ""
        elif f.kind == "rows":
            out[f.name] = []
        else:
            out[f.name] = ""
    return out


def _read_when(field: FormField, typed: str, opened_at: datetime) -> datetime | None:
    from secdesk.calendar.timeparse import TimeParseError, parse_when

    if not typed.strip():
        return None if field.optional else opened_at
    try:
        return parse_when(typed, clock.now_local())
    except TimeParseError as exc:
        raise InvalidInput(field.name, str(exc)) from exc


def check_year(name: str, moment: date | datetime | None) -> None:
    """The one rule every day and time passes, at the desk and in every command: none
    before 2000, which the office's calendar cannot count (InvalidInput on ``name``)."""
    if moment is None or moment.year >= EARLIEST_YEAR:
        return
    shown = when_text(moment) if isinstance(moment, datetime) else moment.isoformat()
    raise InvalidInput(name, _(BEFORE_2000).format(time=shown))


def check_time(
    field: FormField, moment: datetime | None, now: datetime, confirmed: frozenset[str]
) -> None:
    """The one check of a time typed at the desk or on the command line: more than a day
    ahead (``far_future``) is probably a slip, asked about once (``NeedsConfirmation``)
    unless the field expects the future (a meeting's start) or the user said yes already
    (``confirmed``, ``secdesk log --yes``)."""
    check_year(field.name, moment)
    if moment is None or field.ahead or field.name in confirmed or not far_future(moment, now):
        return
    shown = when_text(moment)
    raise NeedsConfirmation(
        field.name, _("{time} is in the future: keep it?").format(time=shown), shown
    )


def check_day(field: FormField, day: date | None) -> None:
    """A day typed at the desk or on the command line: none before 2000."""
    check_year(field.name, day)


def check_limit(field: FormField, due: date | None, start: date, confirmed: frozenset[str]) -> None:
    """The one check of a time limit, wherever it is typed: never before the day it counts
    from (``-5d``, 1900-01-01); more than two years after it (2099-12-31, ``9999wd``) is
    asked about once (``NeedsConfirmation``) unless the user said yes already."""
    if due is None:
        return
    if due < start:
        raise InvalidInput(
            field.name,
            _(LIMIT_BEFORE_START).format(due=due.isoformat(), start=start.isoformat()),
        )
    if (due - start).days > FAR_LIMIT_DAYS and field.name not in confirmed:
        shown = due.isoformat()
        raise NeedsConfirmation(
            field.name, _(FAR_LIMIT).format(due=shown, start=start.isoformat()), shown
        )


def _read_date(field: FormField, typed: str) -> date | None:
    from secdesk.calendar.timeparse import TimeParseError, parse_when

    if not typed.strip():
        return None if field.optional else clock.today()
    try:
        return parse_when(typed, clock.now_local()).date()
    except TimeParseError as exc:
        raise InvalidInput(field.name, NOT_A_DATE) from exc


#: The largest number a field may hold: a PostgreSQL integer column has 32 bits (SQLite's
#: 64), and a save should be refused on the form, not fail in the database.
LARGEST = 2**31 - 1


def _read_number(field: FormField, typed: str) -> int:
    import unicodedata

    clean = unicodedata.normalize("NFKC", typed).strip().rstrip("%")
    if not clean:
        return int(field.default or 0)
    try:
        number = int(clean)
    except ValueError as exc:
        raise InvalidInput(field.name, NOT_A_NUMBER) from exc
    minimum = -LARGEST - 1 if field.minimum is None else max(field.minimum, -LARGEST - 1)
    if number < minimum:
        raise InvalidInput(
            field.name, _("At least {n}").format(n=minimum)
        )  # formatted now: the form shows it as is
    maximum = LARGEST if field.maximum is None else min(field.maximum, LARGEST)
    if number > maximum:
        raise InvalidInput(field.name, _("At most {n}").format(n=maximum))
    return number


def _start_day(value: Any) -> date:
    if isinstance(value, datetime):
        return clock.to_local(value).date()
    if isinstance(value, date):
        return value
    return clock.today()


def deadline_note(kind: Kind, field: FormField, values: dict[str, Any], opened_at: datetime) -> str:
    """What a deadline field's text means, for a line under it: "→ Thu 3 Dec 2026", with
    "(provisional: no official calendar for 2027)" when counted over an uncovered year; ""
    for a blank or plain date, or text that cannot be read yet."""
    from secdesk.calendar.deadlines import DueParseError, parse_due
    from secdesk.i18n import format_date

    typed = str(values.get(field.name) or "")
    if not typed.strip() or any(sep in typed for sep in "-/.年"):
        return ""
    start = clock.today()
    if field.relative_to:
        relative = next((f for f in kind.form if f.name == field.relative_to), None)
        raw = str(values.get(field.relative_to) or "")
        try:
            if relative is not None and relative.kind == "when":
                moment = _read_when(relative, raw, opened_at)
                start = _start_day(moment)
            elif relative is not None:
                start = _start_day(_read_date(relative, raw))
        except InvalidInput:
            return ""
    try:
        due = parse_due(typed, start, clock.now_local())
    except DueParseError:
        return ""
    if due is None:
        return ""
    note = "→ " + format_date(due.day)
    if due.provisional:
        note += " " + _("(provisional: the official holiday calendar does not cover it yet)")
    return note


def when_note(field: FormField, typed: str, opened_at: datetime) -> str:
    """What a time typed as people say it was understood as, for a line under the field:
    "→ Fri 4 Dec 2026 15:00" for 周五下午3点; "" for a blank, a time written out in digits,
    or text that cannot be read yet."""
    from secdesk.i18n import format_date

    if not typed.strip() or any(sep in typed for sep in "-/.年"):
        return ""
    try:
        moment = _read_when(field, typed, opened_at)
    except InvalidInput:
        return ""
    if moment is None:
        return ""
    local = clock.to_local(moment)
    return f"→ {format_date(local.date())} {local:%H:%M}"


def read(
    kind: Kind,
    values: dict[str, Any],
    opened_at: datetime,
    unchanged: dict[str, Any] | None = None,
    confirmed: frozenset[str] = frozenset(),
    extra: dict[str, Any] | None = None,
) -> Any:
    """The typed ``values`` as ``kind``'s input.

    ``unchanged`` holds the saved value of each field whose text was not touched (a time
    shown to the minute keeps its seconds); ``confirmed`` the fields whose odd value the user
    has already said yes to; ``extra`` input fields that are not form fields (a call's
    contact). Raises ``InvalidInput`` for the first field that cannot be read and
    ``NeedsConfirmation`` for a time more than a day ahead."""
    out = read_fields(kind.form, values, opened_at, unchanged, confirmed)
    input_class = resolve(kind.input)
    known = {f.name for f in fields(input_class)}
    out.update(extra or {})
    return input_class(**{k: v for k, v in out.items() if k in known})


def read_fields(
    form: tuple[FormField, ...],
    values: dict[str, Any],
    opened_at: datetime,
    unchanged: dict[str, Any] | None = None,
    confirmed: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The typed ``values`` of the fields ``form`` as stored values (see ``read``)."""
    unchanged = unchanged or {}
    out: dict[str, Any] = {}
    deadlines: list[FormField] = []
    now = clock.now_local()
    for field in form:
        raw = values.get(field.name)
        if field.name in unchanged:
            out[field.name] = unchanged[field.name]
            continue
        typed = "" if raw is None or isinstance(raw, bool | list) else str(raw)
        if field.kind == "when":
            moment = _read_when(field, typed, opened_at)
            check_time(field, moment, now, confirmed)
            out[field.name] = moment
        elif field.kind == "date":
            out[field.name] = _read_date(field, typed)
            check_day(field, out[field.name])
        elif field.kind == "deadline":
            deadlines.append(field)
        elif field.kind == "number":
            out[field.name] = _read_number(field, typed)
        elif field.kind == "check":
            out[field.name] = bool(raw)
        elif field.kind == "rows":
            rows = []
            for row in raw or []:
                cells = tuple(str(cell or "").strip() for cell in row)
                if any(cells):
                    rows.append(cells)
            out[field.name] = rows
        else:
            out[field.name] = typed
    for field in deadlines:
        from secdesk.calendar.deadlines import DueParseError, parse_due, spec_with_start

        start = _start_day(out.get(field.relative_to)) if field.relative_to else clock.today()
        try:
            due = parse_due(str(values.get(field.name) or ""), start, now)
        except DueParseError as exc:
            raise InvalidInput(field.name, str(exc)) from exc
        out[field.name] = due.day if due else None
        check_limit(field, out[field.name], start, confirmed)
        # The span as typed, so a provisional limit can be counted again (``due_spec``).
        typed = str(values.get(field.name) or "")
        out[f"{field.name}_spec"] = spec_with_start(typed, start)
    return out
