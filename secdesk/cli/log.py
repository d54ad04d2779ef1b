"""``secdesk log <kind>``: a record saved from the shell. Every enterable kind that declares
``Kind.shell`` gets its sub-command, built from its declaration: its form fields become the
arguments, what is typed is read by the form's own rules (``services.forms``: a time as
people say it, asked about once when more than a day ahead; a deadline; a number), and the
record is saved in one transaction by ``records.create``. What a kind does besides (a call
logged from the shell, an outgoing document numbered at once) is a small hook here.

Wing: cli. Must not import the cli package or __main__.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from secdesk.cli.common import (
    CliError,
    Invocation,
    ask_yes,
    check_open,
    command_group,
    confirm,
    print_json,
)
from secdesk.i18n import _
from secdesk.textsafe import safe

if TYPE_CHECKING:
    import argparse

    from sqlmodel import Session

    from secdesk.cli.common import Commands
    from secdesk.kinds.spec import FormField, Kind, ShellOption
    from secdesk.services.views import Saved

#: The usual word for the value of a field of each kind in the help.
METAVARS = {"when": "TIME", "date": "DATE", "deadline": "DATE|Nd|Nwd", "number": "N"}
#: Where the typed values wait in the parsed arguments (never a global option's name).
DEST = "log:"


def register(sub: Commands) -> None:
    by_kind = command_group(
        sub, "log", _("save a call, a visitor or a document (incoming, outgoing) from the shell")
    )
    from secdesk.kinds import kinds

    for kind in kinds():
        if kind.enterable and kind.shell is not None:
            add_kind(by_kind, kind)


def options(kind: Kind) -> tuple[ShellOption, ...]:
    """The arguments ``kind`` declares, or else one for each of its form fields."""
    from secdesk.kinds.spec import ShellOption

    assert kind.shell is not None
    if kind.shell.options:
        return kind.shell.options
    found: list[ShellOption] = []
    timed = False
    for field in kind.form:
        if field.kind == "rows":  # rows of a table are typed at the desk only
            continue
        flag = "--" + field.name.replace("_", "-")
        if field.kind == "when" and not timed:
            flag, timed = "--at", True
        found.append(ShellOption(field.name, flag))
    return tuple(found)


def add_kind(by_kind: Commands, kind: Kind) -> None:
    """``secdesk log <kind>`` with an argument for each of its options."""
    assert kind.shell is not None
    parser = by_kind.add_parser(kind.name, help=_(kind.shell.help or kind.new_label or kind.title))
    form = {field.name: field for field in kind.form}
    for option in options(kind):
        _add_argument(parser, option, form.get(option.field))
    parser.add_argument(
        "--yes",
        action="store_true",
        help=_(
            "keep what would be asked about without asking (a time more than a day ahead, "
            "a new series of numbers)"
        ),
    )
    parser.add_argument(
        "--json", action="store_true", help=_("print what was saved as JSON for scripts")
    )
    parser.set_defaults(run=log_record, log_kind=kind, database="write")


def _add_argument(
    parser: argparse.ArgumentParser, option: ShellOption, field: FormField | None
) -> None:
    kind = field.kind if field is not None else "text"
    said = _(option.help or (field.label if field is not None else option.field))
    dest = DEST + option.field
    if option.const or kind == "check":
        const: Any = option.const or True
        parser.add_argument(
            option.flag, dest=dest, action="store_const", const=const, default=None, help=said
        )
        return
    metavar: str | None = option.metavar or METAVARS.get(kind, option.field.upper())
    choices = None
    if field is not None and kind == "cycle" and not option.free:
        choices, metavar = [value for value, _label in field.choices], None
    if option.flag:  # an option; else the value typed after them (the summary, the title)
        where: dict[str, Any] = {"dest": dest, "required": option.required}
    else:
        where = {"nargs": None if option.required else "?"}
    parser.add_argument(
        option.flag or dest, metavar=metavar, choices=choices, default=None, help=said, **where
    )


@dataclass(frozen=True)
class Hook:
    """What one kind does besides the generic ``secdesk log``."""

    prepare: Callable[[Invocation, dict[str, Any]], None] | None = None
    """Looks at (or completes) the typed values before they are read; CliError refuses."""
    save: Callable[[Session, Any, dict[str, Any]], Saved] | None = None
    """Saves the input (with every typed value at hand) instead of ``records.create``."""


def log_record(inv: Invocation) -> int:
    """Read the typed values as the kind's input, save it, print its ``saved`` message."""
    from secdesk.services import records
    from secdesk.services.views import InvalidInput

    kind: Kind = inv.args.log_kind
    assert kind.shell is not None
    store = inv.store
    from secdesk.services.forms import NeedsConfirmation

    typed = typed_values(kind, inv.args)
    hook = HOOKS.get(kind.name, Hook())
    if hook.prepare is not None:
        hook.prepare(inv, typed)
    assume_yes = bool(inv.args.yes)
    data = read_input(kind, typed, assume_yes)
    check_open(store)
    asked: set[str] = set()
    while True:
        if hasattr(data, "confirmed"):  # the service asks, once per question
            data.confirmed = tuple(sorted(asked))
        try:
            if hook.save is not None:
                saved = store.write(hook.save, data, typed)
            else:
                saved = store.write(records.create, kind.name, data)
            break
        except InvalidInput as exc:
            raise CliError(_(exc.message)) from exc
        except NeedsConfirmation as question:
            if not assume_yes:
                confirm(question.question)
            asked.add(question.field)
    message = _(kind.shell.saved or kind.saved) or "{id}"
    label = safe(saved.label)
    number = label.split(" ", 1)[0]
    if inv.args.json:
        said = {"kind": kind.name, "id": saved.id, "label": saved.label}
        print_json(said | ({"number": number} if "{number}" in message else {}))
        return 0
    print(message.format(id=saved.id, label=label, number=number))
    return 0


def typed_values(kind: Kind, args: argparse.Namespace) -> dict[str, Any]:
    """What was typed, over what a new form shows (its defaults and first choices)."""
    from secdesk.services import forms

    typed = forms.blank_values(kind)
    for option in options(kind):
        value = getattr(args, DEST + option.field)
        if value is not None:
            typed[option.field] = value
        else:
            typed.setdefault(option.field, "")
    return typed


def read_input(kind: Kind, typed: dict[str, Any], assume_yes: bool) -> Any:
    """The kind's input, read as the desk's form reads it (``services.forms``: a time
    before 2000 or a limit before its start refused); a time more than a day ahead or a
    limit years away is kept with ``--yes`` or when the user, asked once on the terminal,
    says so (otherwise nothing is saved: CliError)."""
    from secdesk.calendar import clock
    from secdesk.services import forms
    from secdesk.services.views import InvalidInput

    times = {field.name for field in kind.form if field.kind == "when"}
    fields = {field.name for field in kind.form}
    confirmed = frozenset(fields if assume_yes else ())
    extra = {name: value for name, value in typed.items() if name not in fields}
    now = clock.now_local()
    while True:
        try:
            return forms.read(kind, typed, now, confirmed=confirmed, extra=extra)
        except forms.NeedsConfirmation as asked:
            if asked.field in times:
                question = _("{when} is in the future: keep it? [y/N]").format(when=asked.time)
                refuse = _(
                    "{when} is more than a day ahead: nothing was saved (add --yes to keep it)."
                ).format(when=asked.time)
            else:
                question = asked.question + " [y/N]"
                refuse = _("{question} Nothing was saved (add --yes to say yes).").format(
                    question=asked.question
                )
            ask_yes(question, refuse=refuse, declined=_("Nothing was saved."))
            confirmed |= {asked.field}
        except InvalidInput as exc:
            if exc.field in times:  # the time as typed, and why it cannot be read
                raise CliError(
                    _("{typed!r}: {error}").format(typed=typed[exc.field], error=_(exc.message))
                ) from exc
            raise CliError(_(exc.message)) from exc


def _message_for(inv: Invocation, typed: dict[str, Any]) -> None:
    """A message for somebody is to be passed on, as the call form sets it when typed."""
    from secdesk.kinds.call import status_after_message_for

    typed["message_status"] = status_after_message_for(
        typed["message_for"], typed["message_status"], False
    )


def _save_call(session: Session, data: Any, typed: dict[str, Any]) -> Saved:
    from secdesk.office.calls import log as calls

    return calls.log_call(session, data, source="cli")


def _save_numbered(session: Session, data: Any, typed: dict[str, Any]) -> Saved:
    """Signed off today and numbered at once."""
    from secdesk.office.documents import outgoing

    return outgoing.log_outgoing(
        session,
        data.title,
        data.prefix,
        signer=typed["signer"],
        recipients=data.main_recipients,
        doc_type=data.doc_type,
        reply_to=data.reply_to,
        confirmed=data.confirmed,
    )


HOOKS = {
    "call": Hook(prepare=_message_for, save=_save_call),
    "outgoing": Hook(save=_save_numbered),
}
