"""Schema migrations (Alembic): ``env.py`` runs them; ``versions/`` holds the frozen revisions."""
