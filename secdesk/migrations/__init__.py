"""Schema migrations (Alembic): ``env.py`` runs them; ``versions/`` holds the frozen revisions.

Wing: migrations. Must not import services or office (env.py may use db and models; a
revision imports nothing of secdesk).
"""
