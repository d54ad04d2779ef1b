"""register rules: an incoming document's limit as typed and the sender's own limit; an
outgoing number voided for good (its own state) and the draft renumbered from it; a
petition's limit for its unit as typed

Create Date: 2026-12-06 05:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_register_rules"
down_revision = "0008_meetings"


def upgrade() -> None:
    with op.batch_alter_table("incomingdocument", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_spec", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("sender_due", sa.Date(), nullable=True))
    with op.batch_alter_table("petition", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("unit_due_spec", sa.String(), nullable=False, server_default="")
        )
    with op.batch_alter_table("outgoingdocument", schema=None) as batch_op:
        batch_op.add_column(sa.Column("replaces_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_outgoingdocument_replaces_id"), ["replaces_id"], unique=False
        )
        batch_op.create_foreign_key(
            "fk_outgoingdocument_replaces_id", "outgoingdocument", ["replaces_id"], ["id"]
        )
    # A number voided before this revision is final: it stands in its own state now
    # (a filed void record stays filed).
    op.execute(
        "UPDATE outgoingdocument SET status = 'voided' WHERE voided_at IS NOT NULL "
        "AND status IN ('registered', 'printed', 'dispatched')"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE outgoingdocument SET status = CASE WHEN printed_at IS NOT NULL THEN "
        "'printed' ELSE 'registered' END WHERE status = 'voided'"
    )
    with op.batch_alter_table("outgoingdocument", schema=None) as batch_op:
        batch_op.drop_constraint("fk_outgoingdocument_replaces_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_outgoingdocument_replaces_id"))
        batch_op.drop_column("replaces_id")
    with op.batch_alter_table("petition", schema=None) as batch_op:
        batch_op.drop_column("unit_due_spec")
    with op.batch_alter_table("incomingdocument", schema=None) as batch_op:
        batch_op.drop_column("sender_due")
        batch_op.drop_column("due_spec")
