"""Errors as the user reads them: one sentence, never a driver's message."""

from __future__ import annotations


def describe(exc: BaseException) -> str:
    """``exc`` as one sentence for the user."""
    from secdesk.textsafe import safe

    return safe(str(exc))
