"""Office wing, meetings: scheduling and conflicts (``schedule``), what the form accepts
(``fields``), recurrence (``recurrence``, ``series``), the record (``record``), checklist and
attendance (``checklist``), minutes and decisions (``minutes``), iCalendar in and out
(``ical``) and the meeting papers (``papers``).

Wing: office/meetings. Must not import screens, widgets, app, cli, care or demo.
"""
