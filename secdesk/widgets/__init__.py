"""Reusable widgets. A widget never opens a Session or writes SQL."""
