"""The builders the kinds' declarations share (secdesk.kinds.common): each makes exactly the
field, column, step or report part it stands for, and a shared step is the same step in
every workflow that takes it."""

from __future__ import annotations

from secdesk.kinds import common, kinds
from secdesk.kinds.spec import Column, FormField, ReportPart, Transition


def test_a_shared_step_is_the_transition_spelled_out_and_a_kind_may_say_otherwise() -> None:
    assert common.step("urge", ("open",), "urged", help="chased") == Transition(
        "urge",
        "Urge",
        "h",
        ("open",),
        "urged",
        note="What was said, to whom",
        help="chased",
    )
    sent_back = common.step("send_back", ("done",), "open", note="Why")
    assert (sent_back.label, sent_back.key, sent_back.note) == ("Send back", "b", "Why")
    assert sent_back.note_required
    assert common.step("assign", ("new",), "assigned", key="j").key == "j"


def test_every_workflow_takes_a_shared_step_under_its_shared_label_and_note() -> None:
    """A step called urge, review, send back, extend or assign reads the same on every
    record's view; only a letters-and-visits record assigns with j (its a accepts)."""
    seen = set()
    for kind in kinds():
        for transition in kind.workflow.transitions if kind.workflow else ():
            shared = common.STEPS.get(transition.name)
            # A petitioner asking for a review (复查) is another step under the same name.
            if shared is None or (kind.name, transition.name) == ("petition", "review"):
                continue
            seen.add(transition.name)
            assert transition.label == shared["label"], (kind.name, transition.name)
            assert transition.note_required == shared.get("note_required", False)
            if (kind.name, transition.name) != ("petition", "assign"):
                assert transition.key == shared["key"], (kind.name, transition.name)
    assert seen == set(common.STEPS)


def test_column_builders_make_the_columns_they_stand_for() -> None:
    assert common.fixed("Due", 14, drop=2) == Column("Due", cap=14, whole=True, drop=2)
    assert common.spread("Title", 12) == Column("Title", cap=60, flex=True, least=12)


def test_field_builders_make_the_fields_they_stand_for() -> None:
    assert common.lookup("sender", "Sender", "senders") == FormField(
        "sender", "Sender", kind="lookup", source="senders"
    )
    assert common.person("chair", "Chair") == common.lookup("chair", "Chair", "contacts")
    assert common.number("copies", "Copies", minimum=1) == FormField(
        "copies", "Copies", kind="number", minimum=1
    )
    assert common.choice("rrule", "Repeats", (("", "Once"),)) == FormField(
        "rrule", "Repeats", kind="cycle", choices=(("", "Once"),)
    )


def test_a_report_part_names_its_office_module_once() -> None:
    assert common.reported("secdesk.office.x", "figures", "lines", 7) == ReportPart(
        "secdesk.office.x:figures", "secdesk.office.x:lines", order=7
    )
