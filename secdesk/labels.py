"""Display names of the glossary's value sets, as translatable msgids.

Wing: the floor every wing stands on. Must not import anything of secdesk but i18n.
"""

from __future__ import annotations

from secdesk.i18n import C_, N_, _

LABELS: dict[str, dict[str, str]] = {
    "urgency": {
        "normal": N_("Normal"),
        "urgent": N_("Urgent"),
        "extra_urgent": N_("Extra urgent"),
    },
    "classification": {
        "none": N_("Unclassified"),
        "internal": N_("Internal"),
        "confidential": N_("Confidential"),
        "secret": N_("Secret"),
        "top_secret": N_("Top secret"),
    },
    "incoming_status": {
        "signed_in": N_("Signed in"),
        "registered": N_("Registered"),
        "screened": N_("Screened"),
        "proposed": N_("Handling proposed"),
        "instructed": N_("Instructed"),
        "undertaking": N_("Undertaking"),
        "circulating": N_("Circulating"),
        "completed": N_("Completed"),
        "filed": N_("Filed"),
        "returned": N_("Returned"),
    },
    "outgoing_status": {
        "drafted": N_("Drafted"),
        "reviewed": N_("Reviewed"),
        "signed_off": N_("Signed off"),
        "checked": N_("Checked"),
        "registered": N_("Numbered"),
        "printed": N_("Printed"),
        "dispatched": N_("Dispatched"),
        "filed": N_("Filed"),
        "voided": N_("Voided"),
    },
    "doc_type": {
        "决议": N_("Resolution"),
        "决定": N_("Decision"),
        "命令": N_("Order"),
        "公报": N_("Communiqué"),
        "公告": N_("Announcement"),
        "通告": N_("Public notice"),
        "意见": N_("Opinion"),
        "通知": N_("Notice"),
        "通报": N_("Circular"),
        "报告": N_("Report"),
        "请示": N_("Request for instructions"),
        "批复": N_("Official reply"),
        "议案": N_("Motion"),
        "函": N_("Letter"),
        "纪要": N_("Minutes"),
    },
    "retention": {"permanent": N_("Permanent"), "30y": N_("30 years"), "10y": N_("10 years")},
    "direction": {"incoming": N_("Incoming"), "outgoing": N_("Outgoing")},
    "message_status": {
        "to_pass": N_("To pass on"),
        "passed": N_("Passed on"),
        "no_action": N_("No action"),
    },
    "relation": {
        "leader": N_("Leader"),
        "colleague": N_("Colleague"),
        "superior": N_("Superior body"),
        "department": N_("Department"),
        "grassroots": N_("Grassroots / public"),
        "family": N_("Family"),
        "other": N_("Other"),
    },
    "supervision_status": {
        "registered": N_("Registered"),
        "assigned": N_("Assigned to a unit"),
        "urged": N_("Urged"),
        "feedback": N_("Feedback received"),
        "reviewed": N_("Reviewed"),
        "sent_back": N_("Sent back for redo"),
        "closed": N_("Closed"),
    },
    "supervision_origin": {
        "instruction": N_("Leader's instruction"),
        "meeting": N_("Meeting decision"),
        "document": N_("Document"),
        "petition": N_("Letter or visit"),
        "call": N_("Telephone call"),
        "superior": N_("Superior's assignment"),
    },
    "feedback_cycle": {
        "none": N_("No regular feedback"),
        "weekly": N_("Weekly"),
        "monthly": N_("Monthly"),
        "quarterly": N_("Quarterly"),
    },
    "task_status": {"open": N_("To do"), "done": N_("Finished")},
    "task_priority": {"high": N_("High"), "normal": N_("Normal"), "low": N_("Low")},
    "petition_category": {
        "appeal": N_("Appeal or request"),
        "suggestion": N_("Suggestion or opinion"),
        "accusation": N_("Report or accusation"),
    },
    "petition_channel": {
        "letter": N_("Letter"),
        "visit": N_("Visit"),
        "phone": N_("Phone"),
        "online": N_("Online"),
    },
    "petition_status": {
        "registered": N_("Registered"),
        "accepted": N_("Accepted"),
        "transferred": N_("Transferred"),
        "assigned": N_("Assigned to a unit"),
        "declined": N_("Not accepted"),
        "replied": N_("Replied"),
        "review": N_("Under review"),
        "closed": N_("Closed"),
    },
    "adopted_level": {
        "": N_("Not adopted"),
        "county": N_("County or district"),
        "city": N_("City"),
        "province": N_("Province"),
        "national": N_("National"),
    },
    "research_stage": {
        "preparation": N_("Preparation"),
        "investigation": N_("Investigation"),
        "summary": N_("Summary"),
        "done": N_("Report done"),
    },
    "holiday": {
        "New Year's Day": N_("New Year's Day"),
        "Spring Festival": N_("Spring Festival"),
        "Tomb-sweeping Day": N_("Tomb-sweeping Day"),
        "Labour Day": N_("Labour Day"),
        "Dragon Boat Festival": N_("Dragon Boat Festival"),
        "National Day": N_("National Day"),
        "Mid-autumn Festival": N_("Mid-autumn Festival"),
        "Anti-Fascist 70th Day": N_("Anti-Fascist 70th Day"),
    },
}


MARKS: dict[str, dict[str, str]] = {
    "urgency": {"normal": "", "extra_urgent": N_("URGENT")},
    "classification": {"none": ""},
    # A state is read whole in a list's Status column (12 cells): the long ones in a word.
    "incoming_status": {"proposed": C_("status", "Proposed")},
    "supervision_status": {
        "assigned": C_("status", "Assigned"),
        "feedback": C_("status", "Feedback in"),
        "sent_back": C_("status", "Sent back"),
    },
    "petition_status": {"assigned": C_("status", "Assigned")},
}
"""How a list writes some values compactly: nothing for the usual one (a normal,
unclassified document), so the few urgent or classified ones stand out; a short word
where the full one is long (a state, in at most 12 cells). Values not named here are
written as ``label`` writes them."""


def mark(kind: str, value: str | None) -> str:
    """``value`` of the value set ``kind`` as a list column shows it (see ``MARKS``)."""
    short = MARKS.get(kind, {})
    if value in short:
        return _(short[value]) if short[value] else ""
    return label(kind, value)


def label(kind: str, value: str | None) -> str:
    """The translated display name of ``value`` in the value set ``kind``."""
    if value is None:
        return ""
    msgid = LABELS.get(kind, {}).get(str(value))
    return _(msgid) if msgid else str(value)
