"""``python -m secdesk``: the same command line as the ``secdesk`` script.

Wing: __main__, the top. Imports only ``secdesk.cli``.
"""

from secdesk.cli import run

run()
