"""argparse's own words, marked here so the zh_CN catalog translates them too: under
``--lang zh`` the command line's usage, help and errors are Chinese (``secdesk.cli`` routes
argparse's ``_``/``ngettext`` through secdesk's catalog). The msgids are argparse's, exactly
as Python 3.11 writes them; errors that only a programmer could cause are left out.

Wing: locale. Must not import anything of secdesk but i18n.
"""

from secdesk.i18n import N_, ngettext

ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("subcommands"),
    N_("%(prog)s: error: %(message)s\n"), N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"), N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"), N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"), N_("expected one argument"),
    N_("expected at most one argument"), N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"), N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)  # fmt: skip


def _plurals() -> None:
    """Never called: it only shows the extractor argparse's plural message."""
    ngettext("expected %s argument", "expected %s arguments", 2)
