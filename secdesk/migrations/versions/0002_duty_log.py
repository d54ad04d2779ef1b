"""duty log (值班日志)

Create Date: 2026-11-27 15:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_duty_log"
down_revision = "0001_initial"


def upgrade() -> None:

    op.create_table(
        "dutylog",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("handover", sa.String(), nullable=False),
        sa.Column("on_duty", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dutylog", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dutylog_day"), ["day"], unique=True)


def downgrade() -> None:

    with op.batch_alter_table("dutylog", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dutylog_day"))

    op.drop_table("dutylog")
