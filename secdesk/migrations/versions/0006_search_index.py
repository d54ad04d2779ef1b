"""search index (every record's searchable text, filled), information reports, research

Create Date: 2026-12-01 02:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_search_index"
down_revision = "0005_workflow_steps"


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    ]


def upgrade() -> None:
    op.create_table(
        "search_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        # A crc32 needs 32 bits unsigned: PostgreSQL's integer has 31.
        sa.Column(
            "stamp", sa.Integer().with_variant(sa.BigInteger(), "postgresql"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "record_id", name="uq_search_entry_record"),
    )
    # Two new kinds of record (issue 10): information reports and research topics.
    op.create_table(
        "inforeport",
        *_record_columns(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("submitted_to", sa.String(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("adopted_level", sa.String(), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("inforeport", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inforeport_submitted_at"), ["submitted_at"], unique=False
        )
    op.create_table(
        "investigation",
        *_record_columns(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(), nullable=False),
        sa.Column("outline", sa.String(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("stage", sa.String(), nullable=False),
        sa.Column("investigation_on", sa.Date(), nullable=True),
        sa.Column("summary_on", sa.Date(), nullable=True),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.Column("materials", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("report", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("investigation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_investigation_started_on"), ["started_on"], unique=False
        )
    # The full-text index (the database's own). It is filled from the records already there
    # once the schema is at head, in the same transaction (``db.AFTER_UPGRADE``): the
    # models that read them are those of the newest schema, not of this revision.
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # On a PostgreSQL server: the same terms, each entry's in a tsvector written as a
        # literal (no text search parser: the terms are made by secdesk), GIN-indexed.
        bind.exec_driver_sql(
            "CREATE TABLE IF NOT EXISTS search_fts (id bigint PRIMARY KEY, terms tsvector NOT NULL)"
        )
        bind.exec_driver_sql(
            "CREATE INDEX IF NOT EXISTS search_fts_terms ON search_fts USING gin (terms)"
        )
        return
    # Frozen here as it was written: the SQLite FTS5 index of the search terms.
    bind.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(terms, content='', "
        "tokenize='ascii', columnsize=0)"
    )


def downgrade() -> None:
    op.get_bind().exec_driver_sql("DROP TABLE IF EXISTS search_fts")
    op.drop_table("search_entry")
    with op.batch_alter_table("investigation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_investigation_started_on"))
    op.drop_table("investigation")
    with op.batch_alter_table("inforeport", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inforeport_submitted_at"))
    op.drop_table("inforeport")
