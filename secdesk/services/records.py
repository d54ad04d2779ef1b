"""Every record kind's service, and the desk's operations on any record by kind.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

``RecordService`` does what every kind needs (create, load for editing, update over the
version the form saw, delete, restore, list a page, show one record) from the kind's
declaration; a kind with rules of its own subclasses it and names it in its declaration.
Screens reach all of it through ``Store.run``/``Store.write`` with the functions at the end
of this module.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, func, select

from secdesk.calendar import clock
from secdesk.config import Settings
from secdesk.i18n import _, format_moment, format_short_date
from secdesk.kinds import Kind, get, on_change, resolve
from secdesk.labels import label
from secdesk.services import audit
from secdesk.services import search_index as _search_index  # noqa: F401 - keeps it in step
from secdesk.services.forms import check_choices
from secdesk.services.patterns import is_moment, like, masked_when
from secdesk.services.views import (
    Cell,
    InvalidInput,
    ListFilter,
    Loaded,
    Page,
    RecordChanged,
    RecordDetail,
    RecordGone,
    Row,
    Saved,
    Undo,
)

PAGE_SIZE = 100


def protected_text() -> str:
    """What is shown in place of a protected identity."""
    return _("(protected)")


def mask_id_number(value: str) -> str:
    """Show an identity number masked but for its last 4 characters."""
    if len(value) <= 4:
        return value
    return "*" * (len(value) - 4) + value[-4:]


def show(value: Any, value_set: str = "", today: date | None = None) -> str:
    """A stored value as text for reading: local times, labelled values, Yes/No."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        local = clock.to_local(value)
        if today is None:
            return local.strftime("%Y-%m-%d %H:%M")
        return format_moment(local, today)
    if isinstance(value, date):
        return value.isoformat() if today is None else format_short_date(value, today)
    if value_set:
        return label(value_set, value)
    return str(value)


def plain_value(value: Any, utc: bool = False) -> Any:
    """A stored value for JSON: times in ISO form, local (as people read them) or in UTC
    (as the step log keeps them)."""
    if isinstance(value, datetime):
        return (clock.to_utc(value) if utc else clock.to_local(value)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def live_children(
    session: Session, model: Any, key: str, parent_id: int | None, order: str
) -> list[Any]:
    """The rows of the child table ``model`` not deleted whose ``key`` column holds
    ``parent_id`` (a meeting's agenda, a document's circulation), by ``order`` then as
    entered."""
    return list(
        session.exec(
            select(model)
            .where(getattr(model, key) == parent_id, col(model.deleted_at).is_(None))
            .order_by(col(getattr(model, order)), col(model.id))
        ).all()
    )


def stamp_when(values: dict[str, Any], obj: Any, field: str, reached: bool) -> None:
    """Set ``values[field]`` to the moment a state was reached: now when it is reached, the
    first such moment kept when it is saved again, None when the record leaves it (a task's
    ``done_at``, a supervision item's ``closed_at``)."""
    if not reached:
        values[field] = None
    elif obj is None or getattr(obj, field) is None:
        values[field] = clock.now_utc()


class RecordService:
    """The generic service of one record kind."""

    reveal = False
    """Rows show what is masked for some records (a classified title): a list screen's
    reveal key asks for it on purpose (``ListFilter.reveal``), on a copy of the service."""

    hidden_words: dict[str, str] = {}
    """What stands in for a protected field where it is not "(protected)" (msgids by field
    name): a classified title reads the same in the detail as in the lists."""

    def __init__(self, kind: str) -> None:
        self.kind_name = kind

    @property
    def kind(self) -> Kind:
        return get(self.kind_name)

    @property
    def model(self) -> Any:
        return resolve(self.kind.model)

    @property
    def input_class(self) -> Any:
        return resolve(self.kind.input)

    # -- hooks a kind may override -------------------------------------------------------

    @staticmethod
    def required(data: Any, name: str, message: str, *alternatives: str) -> None:
        """Strip ``data.<name>`` (and each field of ``alternatives``); when all are left
        empty, they are refused as ``name``'s error ``message``."""
        for field in (name, *alternatives):
            setattr(data, field, getattr(data, field).strip())
        if not any(getattr(data, field) for field in (name, *alternatives)):
            raise InvalidInput(name, message)

    def validate(self, session: Session, data: Any) -> Any:
        """Check (and tidy) what was typed; raise ``InvalidInput`` to refuse it. This one
        refuses a value that is not one of a cycle field's choices (a kind's own
        ``validate`` calls it where that check belongs among its own)."""
        check_choices(self.kind, data)
        return data

    def stored(self, session: Session, data: Any, obj: Any = None) -> dict[str, Any]:
        """The model's column values for ``data`` (times to UTC); ``obj`` is the record
        being changed (None for a new one)."""
        values = {}
        for name, value in asdict(data).items():
            values[name] = clock.to_utc(value) if isinstance(value, datetime) else value
        return values

    def input_of(self, session: Session, obj: Any) -> Any:
        """A saved record as its form's input (times in local time)."""
        values = {}
        for f in fields(self.input_class):
            value = getattr(obj, f.name)
            values[f.name] = clock.to_local(value) if isinstance(value, datetime) else value
        return self.input_class(**values)

    def label_of(self, obj: Any) -> str:
        """What names the record in a message: its title, name, caller..."""
        for name in ("title", "name", "caller", "petitioner", "summary", "content", "number"):
            value = getattr(obj, name, None)
            if value:
                return " ".join(str(value).split())[:60]
        return f"#{obj.id}"

    def created(self, session: Session, obj: Any, data: Any) -> Saved:
        """What a create returns (a kind may add to it)."""
        return Saved(self.kind_name, obj.id or 0, version=obj.version, label=self.label_of(obj))

    def row(self, obj: Any, today: date) -> Row:
        """The record as a row of its list, from the list's columns."""
        listing = self.kind.listing
        cells = []
        for column in listing.columns if listing else ():
            value = getattr(obj, column.field) if column.field else ""
            cells.append(Cell(show(value, column.labels, today)))
        return Row(self.kind_name, obj.id or 0, tuple(cells), self.json_values(obj))

    def protected(self, obj: Any) -> set[str]:
        """The fields of ``obj`` hidden unless revealed on purpose (an accuser's identity,
        a classified title): the kind's ``SearchSpec.mask_when`` rules that hold for it."""
        return {name for name in masked_when(self.kind.search, obj) if hasattr(obj, name)}

    def json_values(self, obj: Any) -> dict[str, Any]:
        masked = set(self.kind.search.masked) | self.protected(obj)
        return {
            key: plain_value(value)
            for key, value in obj.model_dump().items()
            if key not in masked
            and key not in ("created_at", "updated_at", "deleted_at", "import_id")
        }

    def detail_values(self, session: Session, obj: Any) -> dict[str, Any]:
        """Values the detail view shows that are not plain attributes (a kind adds them)."""
        return {}

    def detail_extra(self, session: Session, obj: Any) -> list[tuple[str, str]]:
        """Lines the detail view adds after the declared fields (links to other records)."""
        return []

    def step_changes(
        self, session: Session, obj: Any, step: Any, values: dict[str, Any], note: str
    ) -> dict[str, Any]:
        """What a workflow step changes on the record besides its state: by default each
        value the step asked for whose name is a field of the record. A kind overrides it
        for its rules (and raises ``InvalidInput`` to refuse the step)."""
        return {name: value for name, value in values.items() if hasattr(self.model, name)}

    def counted_deadlines(self, session: Session) -> list[tuple[Any, str, Any]]:
        """The open records' time limits that were counted on the working-day calendar:
        (record, field, a function counting it again on the calendar as it is now). When a
        year's holidays are entered, those counted provisionally are counted again."""
        return []

    def filtered(self, flt: ListFilter) -> Any:
        """The SELECT of live records matching ``flt`` (no order, no paging)."""
        model = self.model
        query = select(model).where(col(model.deleted_at).is_(None))
        listing = self.kind.listing
        date_field = listing.date_field if listing else None
        if date_field and (flt.start or flt.end):
            column = getattr(model, date_field)
            is_time = is_moment(column)
            if flt.start:
                start = clock.day_bounds(flt.start)[0] if is_time else flt.start
                query = query.where(column >= start)
            if flt.end:
                if is_time:
                    query = query.where(column < clock.day_bounds(flt.end)[1])
                else:
                    query = query.where(column <= flt.end)
        for name, value in {**flt.choices, **flt.fixed}.items():
            if value not in (None, ""):
                query = query.where(getattr(model, name) == value)
        text = flt.text.strip()
        if text and self.kind.search.fields:
            pattern = like(text)
            query = query.where(
                or_(
                    *[
                        col(getattr(model, name)).ilike(pattern, escape="\\")
                        for name in self.kind.search.fields
                        if name not in self.kind.search.masked
                    ]
                )
            )
        return query

    def ordered(self, query: Any) -> Any:
        """Newest first by the list's date, then by id."""
        model = self.model
        listing = self.kind.listing
        if listing and listing.date_field:
            query = query.order_by(col(getattr(model, listing.date_field)).desc())
        return query.order_by(col(model.id).desc())

    # -- operations ----------------------------------------------------------------------

    def get(self, session: Session, record_id: int) -> Any:
        """The live record; ``RecordGone`` if it is deleted or was never there."""
        obj = session.get(self.model, record_id)
        if obj is None or obj.deleted_at is not None:
            raise RecordGone(self.kind_name, record_id)
        return obj

    def for_update(self, session: Session, record_id: int, seen_version: int | None) -> Any:
        """The record about to be changed, refused if it changed since ``seen_version``."""
        obj = self.get(session, record_id)
        if seen_version is not None and obj.version != seen_version:
            event = audit.last_change(session, self.kind.entity, record_id)
            raise RecordChanged(
                self.kind_name,
                record_id,
                obj.version,
                event.actor if event else "",
                clock.to_local(event.at) if event else None,
            )
        return obj

    def create(self, session: Session, data: Any, **extra: Any) -> Saved:
        """Save a new record, with its audit Event, in the caller's transaction."""
        data = self.validate(session, data)
        obj = self.model(**self.stored(session, data), **extra)
        session.add(obj)
        session.flush()
        audit.record(session, "create", self.kind.entity, obj.id, audit.values(obj))
        return self.created(session, obj, data)

    def load(self, session: Session, record_id: int) -> Loaded:
        """A record as its form shows it for editing, with the version it was read at."""
        obj = self.get(session, record_id)
        return Loaded(self.kind_name, record_id, self.input_of(session, obj), obj.version)

    def update(
        self, session: Session, record_id: int, data: Any, seen_version: int | None = None
    ) -> Saved:
        """Save changes over the version the form was opened on (``RecordChanged`` if
        somebody saved it since, ``RecordGone`` if it was deleted); the audit Event keeps
        every old value."""
        obj = self.for_update(session, record_id, seen_version)
        data = self.validate(session, data)
        audit.apply_edit(session, obj, self.kind.entity, self.stored(session, data, obj))
        return Saved(self.kind_name, record_id, version=obj.version, label=self.label_of(obj))

    def delete(self, session: Session, record_id: int) -> Undo:
        """Delete so that ``restore`` can bring it back; leaves an audit Event."""
        obj = self.get(session, record_id)
        obj.deleted_at = clock.now_utc()
        audit.touch(obj)
        session.add(obj)
        audit.record(session, "delete", self.kind.entity, record_id, audit.values(obj))
        what = _("deleted {what} {name}").format(what=_(self.kind.noun), name=self.label_of(obj))
        return Undo(self.kind_name, record_id, "restore", what)

    def restore(self, session: Session, record_id: int) -> Saved:
        """Undo a delete (a record that is not deleted stays as it is)."""
        obj = session.get(self.model, record_id)
        if obj is None:
            raise RecordGone(self.kind_name, record_id)
        if obj.deleted_at is not None:
            obj.deleted_at = None
            audit.touch(obj)
            session.add(obj)
            audit.record(session, "restore", self.kind.entity, record_id, {})
        return Saved(self.kind_name, record_id, version=obj.version, label=self.label_of(obj))

    def revert(self, session: Session, record_id: int, values: dict[str, Any]) -> Saved:
        """Put fields back as they were (undoing a one-key change such as "left")."""
        obj = self.get(session, record_id)
        old = {}
        for name, value in values.items():
            column = getattr(self.model, name)
            if is_moment(column) and isinstance(value, str):
                value = datetime.fromisoformat(value)
            old[name] = value
        audit.apply_edit(session, obj, self.kind.entity, old, action="undo")
        return Saved(self.kind_name, record_id, version=obj.version, label=self.label_of(obj))

    def page(
        self,
        session: Session,
        flt: ListFilter,
        offset: int = 0,
        limit: int = PAGE_SIZE,
        settings: Settings | None = None,
    ) -> Page:
        """One page of the list, and how many records match in all (paged in SQL)."""
        if flt.reveal and not self.reveal:
            from copy import copy

            shown = copy(self)
            shown.reveal = True
            return shown.page(session, flt, offset, limit, settings)
        query = self.filtered(flt)
        found = session.exec(self.ordered(query).offset(offset).limit(limit)).all()
        total = session.exec(select(func.count()).select_from(query.subquery())).one()
        rows = self.rows(session, list(found), clock.today(), settings or Settings())
        return Page(rows, offset, int(total), self.opening_row(list(found), clock.today()))

    def opening_row(self, found: list[Any], today: date) -> int | None:
        """Which of a page's records the list opens on (a kind may choose; None: the first)."""
        return None

    def rows(
        self, session: Session, found: list[Any], today: date, settings: Settings
    ) -> list[Row]:
        """Rows for a page of records (a kind may read more in one query here, or use the
        user's settings)."""
        return [self.row(obj, today) for obj in found]

    def detail(self, session: Session, record_id: int, reveal: bool = False) -> RecordDetail:
        """Every declared field of one record, labelled and formatted for reading; a
        protected identity only when ``reveal`` (and the reveal is recorded)."""
        obj = self.get(session, record_id)
        extra = self.detail_values(session, obj)
        hidden = self.protected(obj)
        if hidden and reveal:
            audit.record(session, "reveal", self.kind.entity, record_id, {"fields": sorted(hidden)})
        lines = []
        for spec in self.kind.detail:
            value = extra[spec.name] if spec.name in extra else getattr(obj, spec.name)
            if spec.masked:
                value = mask_id_number(str(value or ""))
            if spec.name in hidden and not reveal and value:
                word = self.hidden_words.get(spec.name)
                lines.append((spec.label, _(word) if word else protected_text()))
                continue
            lines.append((spec.label, show(value, spec.labels)))
        lines.extend(self.detail_extra(session, obj))
        state = ""
        steps: tuple[str, ...] = ()
        flow = self.kind.workflow
        if flow is not None:
            from secdesk.services import steplog

            state = str(getattr(obj, flow.field))
            steps = steplog.next_steps(self.kind_name, state)
        from secdesk.services import trail

        history = trail.history_lines(session, self.kind_name, record_id)
        return RecordDetail(
            kind=self.kind_name,
            id=record_id,
            title=self.label_of(obj),
            fields=lines,
            version=obj.version,
            state=state,
            next_steps=steps,
            history=history,
            protected=bool(hidden) and not reveal,
        )


@on_change
@cache
def service(kind: str) -> RecordService:
    """The service of ``kind``: the one its declaration names, else the generic one."""
    declared = get(kind).service
    return resolve(declared) if declared else RecordService(kind)


# -- what screens and the command line call through Store.run / Store.write ----------------


def create(session: Session, kind: str, data: Any) -> Saved:
    return service(kind).create(session, data)


def load(session: Session, kind: str, record_id: int) -> Loaded:
    return service(kind).load(session, record_id)


def update(
    session: Session, kind: str, record_id: int, data: Any, seen_version: int | None = None
) -> Saved:
    return service(kind).update(session, record_id, data, seen_version)


def get_record(session: Session, kind: str, record_id: int) -> Any:
    return service(kind).get(session, record_id)


def detail(session: Session, kind: str, record_id: int, reveal: bool = False) -> RecordDetail:
    return service(kind).detail(session, record_id, reveal)


def page(
    session: Session,
    kind: str,
    flt: ListFilter,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    settings: Settings | None = None,
) -> Page:
    return service(kind).page(session, flt, offset, limit, settings)


def delete(session: Session, kind: str, record_id: int) -> Undo:
    """Delete a record so that ``undo`` can bring it back; leaves an audit Event."""
    return service(kind).delete(session, record_id)


def restore(session: Session, kind: str, record_id: int) -> Saved:
    return service(kind).restore(session, record_id)


#: Undo.action -> what takes it back, for the engine's own actions beyond restoring a
#: delete and reverting fields; a kind declares its own (``Kind.undo``).
ENGINE_UNDO: dict[str, str] = {"unstep": "secdesk.services.workflow:undo_step"}


def undo_action(kind: str, action: str) -> str:
    """``module:function`` taking back ``action`` on a record of ``kind``: the kind's
    declared undo, else the engine's (KeyError for neither)."""
    return dict(get(kind).undo).get(action) or ENGINE_UNDO[action]


def undo(session: Session, token: Undo) -> Saved:
    """Take back the change ``token`` describes, in one transaction."""
    svc = service(token.kind)
    if token.action == "restore":
        return svc.restore(session, token.record_id)
    if token.action == "revert":
        return svc.revert(session, token.record_id, token.data)
    result: Saved = resolve(undo_action(token.kind, token.action))(session, token)
    return result
