"""Frozen revisions: each carries the SQL it needs and imports nothing from secdesk."""
