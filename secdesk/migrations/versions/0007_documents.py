"""documents: outgoing documents, circulation, archive entries; more incoming fields

Create Date: 2026-12-01 01:58:56.824555
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_documents"
down_revision = "0006_search_index"


def upgrade() -> None:
    op.create_table(
        "archiveentry",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("retention", sa.String(), nullable=False),
        sa.Column("item_number", sa.Integer(), nullable=False),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("doc_number", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("responsible", sa.String(), nullable=False),
        sa.Column("doc_date", sa.Date(), nullable=True),
        sa.Column("classification", sa.String(), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "retention", "item_number", name="uq_archive_item"),
    )
    with op.batch_alter_table("archiveentry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_archiveentry_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_archiveentry_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_archiveentry_year"), ["year"], unique=False)

    op.create_table(
        "circulation",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incoming_id", sa.Integer(), nullable=False),
        sa.Column("reader", sa.String(), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incoming_id"],
            ["incomingdocument.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("circulation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_circulation_incoming_id"), ["incoming_id"], unique=False
        )

    op.create_table(
        "outgoingdocument",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("doc_type", sa.String(), nullable=False),
        sa.Column("classification", sa.String(), nullable=False),
        sa.Column("secrecy_years", sa.Integer(), nullable=True),
        sa.Column("urgency", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("drafted_by", sa.String(), nullable=False),
        sa.Column("drafted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewed_by", sa.String(), nullable=False),
        sa.Column("signed_off_by", sa.String(), nullable=False),
        sa.Column("signed_off_on", sa.Date(), nullable=True),
        sa.Column("prefix", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("serial", sa.Integer(), nullable=True),
        sa.Column("doc_number", sa.String(), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("main_recipients", sa.String(), nullable=False),
        sa.Column("cc_recipients", sa.String(), nullable=False),
        sa.Column("printed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reply_to_id", sa.Integer(), nullable=True),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("void_reason", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reply_to_id"],
            ["incomingdocument.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("outgoingdocument", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outgoingdocument_doc_number"), ["doc_number"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_outgoingdocument_drafted_at"), ["drafted_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outgoingdocument_prefix"), ["prefix"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_outgoingdocument_reply_to_id"), ["reply_to_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outgoingdocument_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_outgoingdocument_year"), ["year"], unique=False)

    with op.batch_alter_table("incomingdocument", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("attachments", sa.String(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("assisting_units", sa.String(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("instructed_by", sa.String(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("instructed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("result", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("return_reason", sa.String(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("incomingdocument", schema=None) as batch_op:
        batch_op.drop_column("return_reason")
        batch_op.drop_column("result")
        batch_op.drop_column("instructed_at")
        batch_op.drop_column("instructed_by")
        batch_op.drop_column("assisting_units")
        batch_op.drop_column("attachments")

    with op.batch_alter_table("outgoingdocument", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outgoingdocument_year"))
        batch_op.drop_index(batch_op.f("ix_outgoingdocument_status"))
        batch_op.drop_index(batch_op.f("ix_outgoingdocument_reply_to_id"))
        batch_op.drop_index(batch_op.f("ix_outgoingdocument_prefix"))
        batch_op.drop_index(batch_op.f("ix_outgoingdocument_drafted_at"))
        batch_op.drop_index(batch_op.f("ix_outgoingdocument_doc_number"))

    op.drop_table("outgoingdocument")
    with op.batch_alter_table("circulation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_circulation_incoming_id"))

    op.drop_table("circulation")
    with op.batch_alter_table("archiveentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_archiveentry_year"))
        batch_op.drop_index(batch_op.f("ix_archiveentry_record_id"))
        batch_op.drop_index(batch_op.f("ix_archiveentry_kind"))

    op.drop_table("archiveentry")
