"""secdesk: a keyboard-driven terminal desk for the one secretary of a small office.

Wing: the package root. Must not import anything (importing secdesk costs nothing).
"""

__version__ = "0.1.0"
