"""import batches: every import of a file is an ImportBatch, and the calls, documents,
contacts and meetings it creates carry its id (``import_id``), so an import is taken back
as a whole and one killed half-way is found

Create Date: 2026-12-06 18:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_import_batches"
down_revision = "0010_search_dates"

#: The tables whose records an import creates.
IMPORTED = ("call", "incomingdocument", "outgoingdocument", "contact", "meeting")


def upgrade() -> None:
    op.create_table(
        "importbatch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("host", sa.String(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    for table in IMPORTED:
        # A nullable column is added in place (no copy of a big table); then its index.
        op.add_column(table, sa.Column("import_id", sa.Integer(), nullable=True))
        op.create_index(f"ix_{table}_import_id", table, ["import_id"], unique=False)


def downgrade() -> None:
    for table in IMPORTED:
        op.drop_index(f"ix_{table}_import_id", table_name=table)
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("import_id")
    op.drop_table("importbatch")
