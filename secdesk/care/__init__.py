"""Wing ``care``: keeping the database safe: backups, restore, doctor and the desk lock.

May import the engine (``services``), the database and the calendar; never ``office``,
screens, widgets, the app or the command line.
"""
