"""meetings: type, recorder, materials, minutes, recurrence; participants, agenda items,
checklist items and decisions

Create Date: 2026-12-01 02:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_meetings"
down_revision = "0007_documents"


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
    ]


def _child(name: str, *columns: sa.Column, foreign: tuple = ()) -> None:
    op.create_table(
        name,
        *_record_columns(),
        *columns,
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        *foreign,
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{name}_meeting_id"), ["meeting_id"], unique=False)


def upgrade() -> None:
    text = sa.String()
    _child(
        "agendaitem",
        sa.Column("title", text, nullable=False),
        sa.Column("presenter", text, nullable=False, server_default=""),
        sa.Column("minutes", sa.Integer(), nullable=False, server_default="0"),
    )
    _child(
        "checklistitem",
        sa.Column("label", text, nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
    )
    _child(
        "meetingparticipant",
        sa.Column("name", text, nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("role", text, nullable=False, server_default="attend"),
        sa.Column("reason", text, nullable=False, server_default=""),
        sa.Column("attended", sa.Boolean(), nullable=True),
        foreign=(sa.ForeignKeyConstraint(["contact_id"], ["contact.id"]),),
    )
    _child(
        "decision",
        sa.Column("text", text, nullable=False),
        sa.Column("undertaking_unit", text, nullable=False, server_default=""),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("supervision_id", sa.Integer(), nullable=True),
        foreign=(sa.ForeignKeyConstraint(["supervision_id"], ["supervisionitem.id"]),),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        for name in (
            "meeting_type",
            "recorder",
            "materials",
            "overview",
            "rrule",
            "uid",
            "timezone",
        ):
            batch_op.add_column(sa.Column(name, text, nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("all_day", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("series_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("occurrence_start", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_meeting_series_id"), ["series_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_uid"), ["uid"], unique=False)
        batch_op.create_foreign_key("fk_meeting_series_id", "meeting", ["series_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_constraint("fk_meeting_series_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_meeting_uid"))
        batch_op.drop_index(batch_op.f("ix_meeting_series_id"))
        for name in (
            "all_day",
            "timezone",
            "uid",
            "occurrence_start",
            "series_id",
            "rrule",
            "overview",
            "materials",
            "recorder",
            "meeting_type",
        ):
            batch_op.drop_column(name)
    for name in ("decision", "meetingparticipant", "checklistitem", "agendaitem"):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{name}_meeting_id"))
        op.drop_table(name)
