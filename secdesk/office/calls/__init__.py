"""Office wing, calls: the telephone log, the phone system's call records (CDR) import,
and turning a call into the work it starts (follow-ups).

Wing: office/calls. Must not import screens, widgets, app, cli, care or demo.
"""
