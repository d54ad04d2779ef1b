"""Small pieces the list services share: search patterns and the rows they return."""

from __future__ import annotations

from secdesk import clock
from secdesk.models import Call
from secdesk.models.call import MessageStatus
from secdesk.services.views import CallRow


def like(text: str, where: str = "both") -> str:
    """A LIKE pattern (escape ``\\``) matching ``text`` literally: % and _ are not wildcards."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return {"both": f"%{escaped}%", "prefix": f"{escaped}%"}[where]


def awaiting_follow_up(call: Call) -> bool:
    """Somebody must act on the call and its message has not been passed on yet."""
    return call.follow_up and call.message_status != MessageStatus.passed


def call_row(call: Call) -> CallRow:
    return CallRow(
        id=call.id or 0,
        at=clock.to_local(call.at),
        direction=call.direction,
        caller=call.caller,
        number=call.number,
        organization=call.organization,
        summary=call.summary,
        message_for=call.message_for,
        awaiting_follow_up=awaiting_follow_up(call),
    )
