"""search dates: an index on the supervision item's assigned day, the date its search
results sort by (a one-character search reads a kind's records newest first)

Create Date: 2026-12-06 06:00:00.000000
"""

from alembic import op

revision = "0010_search_dates"
down_revision = "0009_register_rules"


def upgrade() -> None:
    with op.batch_alter_table("supervisionitem", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_supervisionitem_assigned_on"), ["assigned_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("supervisionitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supervisionitem_assigned_on"))
