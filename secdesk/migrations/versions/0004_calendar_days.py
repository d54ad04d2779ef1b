"""calendar days: a year's holiday schedule as the office entered it

Create Date: 2026-12-01 01:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_calendar_days"
down_revision = "0003_record_versions"


def upgrade() -> None:
    op.create_table(
        "calendarday",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("calendarday", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendarday_day"), ["day"], unique=True)
        batch_op.create_index(batch_op.f("ix_calendarday_year"), ["year"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("calendarday", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendarday_year"))
        batch_op.drop_index(batch_op.f("ix_calendarday_day"))
    op.drop_table("calendarday")
