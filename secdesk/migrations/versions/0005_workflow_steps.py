"""workflow steps (who took which step, when, with what note; undoable), the supervision
lifecycle, petitions' clocks and handling, tasks' priority

Create Date: 2026-12-01 02:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_workflow_steps"
down_revision = "0004_calendar_days"

TEXT = sa.String()


def _text(table: str, *names: str) -> None:
    for name in names:
        op.add_column(table, sa.Column(name, TEXT, nullable=False, server_default=""))


def upgrade() -> None:
    op.create_table(
        "workflowstep",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(), nullable=False),
        sa.Column("from_state", sa.String(), nullable=False),
        sa.Column("to_state", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("values", sa.String(), nullable=False),
        sa.Column("before", sa.String(), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("workflowstep") as batch_op:
        batch_op.create_index(batch_op.f("ix_workflowstep_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_workflowstep_record_id"), ["record_id"], unique=False)

    # Supervision: where it came from, assisting units, extensions, feedback, urges.
    _text(
        "supervisionitem",
        "content",
        "source_kind",
        "assisting_units",
        "due_spec",
        "extension_reason",
    )
    op.add_column(
        "supervisionitem",
        sa.Column("origin", TEXT, nullable=False, server_default="instruction"),
    )
    op.add_column(
        "supervisionitem", sa.Column("feedback_cycle", TEXT, nullable=False, server_default="none")
    )
    op.add_column("supervisionitem", sa.Column("source_id", sa.Integer(), nullable=True))
    op.add_column("supervisionitem", sa.Column("original_due", sa.Date(), nullable=True))
    op.add_column("supervisionitem", sa.Column("last_feedback_on", sa.Date(), nullable=True))
    op.add_column(
        "supervisionitem",
        sa.Column("urge_count", sa.Integer(), nullable=False, server_default="0"),
    )
    # "open" becomes the lifecycle's first states: assigned when it has a unit.
    op.execute(
        "UPDATE supervisionitem SET status = CASE WHEN undertaking_unit <> '' "
        "THEN 'assigned' ELSE 'registered' END WHERE status = 'open'"
    )

    # Petitions: category, group, clocks, handling, reply, review.
    _text(
        "petition",
        "representatives",
        "address",
        "facts",
        "extension_reason",
        "handling_unit",
        "reply",
        "response",
    )
    op.add_column("petition", sa.Column("category", TEXT, nullable=False, server_default="appeal"))
    op.add_column(
        "petition", sa.Column("group_size", sa.Integer(), nullable=False, server_default="1")
    )
    op.add_column(
        "petition", sa.Column("extended", sa.Boolean(), nullable=False, server_default="0")
    )
    op.add_column(
        "petition", sa.Column("review_round", sa.Integer(), nullable=False, server_default="0")
    )
    for name in (
        "accepted_on",
        "complete_due",
        "unit_due",
        "replied_on",
        "review_requested_on",
        "review_due",
    ):
        op.add_column("petition", sa.Column(name, sa.Date(), nullable=True))
    op.add_column("petition", sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("petition") as batch_op:
        batch_op.create_index(batch_op.f("ix_petition_complete_due"), ["complete_due"])
    op.execute("UPDATE petition SET status = 'closed' WHERE status = 'completed'")

    # Tasks: priority, and the time limit as typed.
    _text("task", "due_spec")
    op.add_column("task", sa.Column("priority", TEXT, nullable=False, server_default="normal"))


def downgrade() -> None:
    with op.batch_alter_table("task") as batch_op:
        batch_op.drop_column("priority")
        batch_op.drop_column("due_spec")
    op.execute("UPDATE petition SET status = 'completed' WHERE status = 'closed'")
    with op.batch_alter_table("petition") as batch_op:
        batch_op.drop_index(batch_op.f("ix_petition_complete_due"))
        for name in (
            "representatives",
            "address",
            "facts",
            "extension_reason",
            "handling_unit",
            "reply",
            "response",
            "category",
            "group_size",
            "extended",
            "review_round",
            "accepted_on",
            "complete_due",
            "unit_due",
            "replied_on",
            "review_requested_on",
            "review_due",
            "closed_at",
        ):
            batch_op.drop_column(name)
    op.execute("UPDATE supervisionitem SET status = 'open' WHERE status <> 'closed'")
    with op.batch_alter_table("supervisionitem") as batch_op:
        for name in (
            "content",
            "source_kind",
            "assisting_units",
            "due_spec",
            "extension_reason",
            "origin",
            "feedback_cycle",
            "source_id",
            "original_due",
            "last_feedback_on",
            "urge_count",
        ):
            batch_op.drop_column(name)
    with op.batch_alter_table("workflowstep") as batch_op:
        batch_op.drop_index(batch_op.f("ix_workflowstep_record_id"))
        batch_op.drop_index(batch_op.f("ix_workflowstep_kind"))
    op.drop_table("workflowstep")
