"""Alembic environment: run with a connection handed over by ``secdesk.db.migrate``.

Wing: migrations. Must not import services or office (env.py may use db and models; a
revision imports nothing of secdesk).
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import secdesk.models  # noqa: F401  (registers the tables)
from secdesk.services.search_backend import include_name

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from secdesk.db import make_engine

        url = config.get_main_option("sqlalchemy.url")
        assert url is not None, "no connection handed over and no sqlalchemy.url set"
        from pathlib import Path

        engine = make_engine(Path(url.removeprefix("sqlite:///")))
        with engine.begin() as conn:
            context.configure(
                connection=conn,
                target_metadata=target_metadata,
                render_as_batch=True,
                include_name=include_name,
            )
            context.run_migrations()
        return
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
