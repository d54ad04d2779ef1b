"""${message}

Create Date: ${create_date}
"""

# Frozen: this revision carries the SQL it needs and imports nothing from secdesk
# (an import-linter contract checks it), so it does the same thing whatever the code becomes.
from alembic import op
import sqlalchemy as sa
import sqlmodel
${imports if imports else ""}

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
