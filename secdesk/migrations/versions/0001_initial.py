"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-27 10:42:44.914187
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None


def upgrade() -> None:

    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("entity", sa.String(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("data", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_entity"), ["entity"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "incomingdocument",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sender", sa.String(), nullable=False),
        sa.Column("doc_number", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("doc_type", sa.String(), nullable=False),
        sa.Column("classification", sa.String(), nullable=False),
        sa.Column("secrecy_years", sa.Integer(), nullable=True),
        sa.Column("urgency", sa.String(), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("proposed_handling", sa.String(), nullable=False),
        sa.Column("instruction", sa.String(), nullable=False),
        sa.Column("undertaking_unit", sa.String(), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "serial", name="uq_incoming_receipt"),
    )
    with op.batch_alter_table("incomingdocument", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incomingdocument_due"), ["due"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_incomingdocument_received_at"), ["received_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_incomingdocument_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_incomingdocument_year"), ["year"], unique=False)

    op.create_table(
        "meeting",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("chair", sa.String(), nullable=False),
        sa.Column("participants", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "organization",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("short_name", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organization_name"), ["name"], unique=False)

    op.create_table(
        "contact",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("initials", sa.String(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("relation", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_initials"), ["initials"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_name"), ["name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contact_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "call",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("direction", sa.String(), nullable=False),
        sa.Column("caller", sa.String(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("organization", sa.String(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("message_for", sa.String(), nullable=False),
        sa.Column("follow_up", sa.Boolean(), nullable=False),
        sa.Column("message_status", sa.String(), nullable=False),
        sa.Column("duration_s", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("external_id", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("external_id"),
    )
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_call_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_call_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_call_number"), ["number"], unique=False)

    op.create_table(
        "contactphone",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contactphone", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contactphone_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contactphone_number"), ["number"], unique=False)

    op.create_table(
        "visit",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("organization", sa.String(), nullable=False),
        sa.Column("id_number", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("host", sa.String(), nullable=False),
        sa.Column("purpose", sa.String(), nullable=False),
        sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("left_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("badge", sa.String(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_arrived_at"), ["arrived_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_left_at"), ["left_at"], unique=False)

    op.create_table(
        "supervisionitem",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("undertaking_unit", sa.String(), nullable=False),
        sa.Column("responsible", sa.String(), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["call_id"],
            ["call.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("supervisionitem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_supervisionitem_call_id"), ["call_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_supervisionitem_due"), ["due"], unique=False)
        batch_op.create_index(batch_op.f("ix_supervisionitem_status"), ["status"], unique=False)

    op.create_table(
        "task",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("assigned_by", sa.String(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("call_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["call_id"],
            ["call.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_call_id"), ["call_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_due"), ["due"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_status"), ["status"], unique=False)

    op.create_table(
        "petition",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("petitioner", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("content", sa.String(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reply_due", sa.Date(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["call_id"],
            ["call.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("petition", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_petition_call_id"), ["call_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_petition_received_at"), ["received_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_petition_reply_due"), ["reply_due"], unique=False)
        batch_op.create_index(batch_op.f("ix_petition_status"), ["status"], unique=False)


def downgrade() -> None:
    op.drop_table("petition")
    op.drop_table("task")
    with op.batch_alter_table("supervisionitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supervisionitem_status"))
        batch_op.drop_index(batch_op.f("ix_supervisionitem_due"))
        batch_op.drop_index(batch_op.f("ix_supervisionitem_call_id"))

    op.drop_table("supervisionitem")

    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_left_at"))
        batch_op.drop_index(batch_op.f("ix_visit_contact_id"))
        batch_op.drop_index(batch_op.f("ix_visit_arrived_at"))

    op.drop_table("visit")
    with op.batch_alter_table("contactphone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contactphone_number"))
        batch_op.drop_index(batch_op.f("ix_contactphone_contact_id"))

    op.drop_table("contactphone")
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_number"))
        batch_op.drop_index(batch_op.f("ix_call_contact_id"))
        batch_op.drop_index(batch_op.f("ix_call_at"))

    op.drop_table("call")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_organization_id"))
        batch_op.drop_index(batch_op.f("ix_contact_name"))
        batch_op.drop_index(batch_op.f("ix_contact_initials"))

    op.drop_table("contact")
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_name"))

    op.drop_table("organization")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_starts_at"))

    op.drop_table("meeting")
    with op.batch_alter_table("incomingdocument", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incomingdocument_year"))
        batch_op.drop_index(batch_op.f("ix_incomingdocument_status"))
        batch_op.drop_index(batch_op.f("ix_incomingdocument_received_at"))
        batch_op.drop_index(batch_op.f("ix_incomingdocument_due"))

    op.drop_table("incomingdocument")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_entity_id"))
        batch_op.drop_index(batch_op.f("ix_event_entity"))
        batch_op.drop_index(batch_op.f("ix_event_at"))

    op.drop_table("event")
