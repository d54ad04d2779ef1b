"""search index: every record's searchable text, and its full-text index, filled

Revision ID: 0006_search_index
Revises: 0004_calendar_days
Create Date: 2026-12-01 02:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_search_index"
down_revision = "0004_calendar_days"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("stamp", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "record_id", name="uq_search_entry_record"),
    )
    # The full-text index (the database's own), filled from the records already there.
    from secdesk.services import search

    search.rebuild(op.get_bind())


def downgrade() -> None:
    from secdesk.services import search_backend

    search_backend.drop(op.get_bind())
    op.drop_table("search_entry")
