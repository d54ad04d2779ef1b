"""change notices: on a PostgreSQL server, every commit that records an audit Event tells
the other desks on the ``secdesk_changes`` channel (a statement trigger on ``event``), so a
desk shows another's save within a moment; a SQLite file needs nothing (its desks watch the
file's data version)

Create Date: 2026-12-06 21:00:00.000000
"""

from alembic import op

revision = "0012_change_notices"
down_revision = "0011_import_batches"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    bind.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION secdesk_tell_changes() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM pg_notify('secdesk_changes', ''); RETURN NULL; END $$"
    )
    bind.exec_driver_sql(
        "CREATE TRIGGER secdesk_changes AFTER INSERT ON event "
        "FOR EACH STATEMENT EXECUTE FUNCTION secdesk_tell_changes()"
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    bind.exec_driver_sql("DROP TRIGGER IF EXISTS secdesk_changes ON event")
    bind.exec_driver_sql("DROP FUNCTION IF EXISTS secdesk_tell_changes()")
