"""What the office does, as plain functions over a Session. No Textual here, ever.

Wing: services (the engine, which names no duty). Must not import office, care, demo,
screens, widgets, app or cli.

Screens reach these through :class:`secdesk.services.store.Store`, which opens the session
and commits it; results come back as the plain dataclasses of ``views``.
"""
