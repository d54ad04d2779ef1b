"""record versions (a save never overwrites a newer change) and structured contact names

Create Date: 2026-11-30 22:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_record_versions"
down_revision = "0002_duty_log"

RECORD_TABLES = (
    "call",
    "contact",
    "contactphone",
    "dutylog",
    "incomingdocument",
    "meeting",
    "organization",
    "petition",
    "supervisionitem",
    "task",
    "visit",
)
CONTACT_TEXT = (
    "family_name",
    "given_name",
    "middle_name",
    "name_prefix",
    "name_suffix",
    "department",
)


def upgrade() -> None:
    # Plain ADD COLUMN with a default: SQLite does it without copying the table.
    for table in RECORD_TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    for name in CONTACT_TEXT:
        op.add_column("contact", sa.Column(name, sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    for name in CONTACT_TEXT:
        with op.batch_alter_table("contact") as batch_op:
            batch_op.drop_column(name)
    for table in RECORD_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("version")
