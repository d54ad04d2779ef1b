"""Wing ``office``: one module or package per duty of the office, holding that duty's rules.

Calls, visits, contacts, documents (incoming, outgoing, registers, archive), meetings,
supervision, letters and visits (petitions), tasks, information reports and research
topics. Each duty's services build on the kind-agnostic engine in ``services``; the kind's
declaration in ``kinds`` names them by ``module:attribute`` path.

Imports ``services``, ``calendar``, ``models``, ``kinds`` and ``io``; never screens,
widgets, the app, ``care``, ``demo`` or the command line.
"""
