"""secdesk: a keyboard-driven terminal desk for the one secretary of a small office."""

__version__ = "0.1.0"
