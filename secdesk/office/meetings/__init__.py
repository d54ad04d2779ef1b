"""Office wing, meetings: scheduling and recurrence, checklists and attendance, minutes and
decisions, iCalendar in and out, and the meeting papers."""
