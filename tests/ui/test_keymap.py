"""The key table (``secdesk.widgets.keymap``): every key can be remapped by its id and F1
can explain it. The one ``Binding(`` call (in the table's builder) passes ``id=`` and
``tooltip=``; these tests check what it is handed."""

from __future__ import annotations

from collections import Counter

from textual.binding import Binding

from secdesk.app import kind_bindings
from secdesk.kinds import kinds
from secdesk.screens.base import row_bindings, step_bindings
from secdesk.screens.dashboard import DashboardScreen
from secdesk.widgets.keymap import KEYS


def test_every_table_entry_has_an_id_a_key_an_action_and_a_tooltip() -> None:
    """A key without an id cannot be remapped in config.toml; without a tooltip F1 says
    nothing about it."""
    entries = [key for holder in KEYS.values() for key in holder]
    assert entries
    assert [k for k in entries if not (k.id and k.key and k.action and k.tooltip.strip())] == []


def test_table_ids_are_unique() -> None:
    """config.toml's [keymap] names one key by one id."""
    ids = Counter(key.id for holder in KEYS.values() for key in holder)
    assert [i for i, n in ids.items() if n > 1] == []


def test_keys_made_from_the_kinds_have_an_id_and_a_tooltip() -> None:
    """The keys each kind declares (new record, list, row actions, steps, panels) too."""
    made = [
        *kind_bindings(),
        *DashboardScreen.BINDINGS,
        *(b for kind in kinds() for b in [*row_bindings(kind), *step_bindings(kind)]),
    ]
    missing = [b for b in made if not (isinstance(b, Binding) and b.id and b.tooltip.strip())]
    assert missing == []


def test_each_screen_has_the_keys_the_table_holds_under_its_name() -> None:
    """A screen does not list its keys: it is given the table's entry under its class name
    (a modal keeps F1 besides); a screen the table forgets, or gives another's keys, fails."""
    from importlib import import_module
    from pkgutil import iter_modules

    import secdesk.screens as screens_package
    from secdesk.screens.base import DeskMixin

    for module in iter_modules(screens_package.__path__):
        import_module(f"secdesk.screens.{module.name}")
    screens: dict[str, type] = {}
    pending = list(DeskMixin.__subclasses__())
    while pending:
        cls = pending.pop()
        screens[cls.__name__] = cls
        pending.extend(cls.__subclasses__())
    named = {name: cls for name, cls in screens.items() if name in KEYS}
    assert set(named) >= {"DetailScreen", "RecordForm", "CallForm", "HelpScreen", "PaperScreen"}
    for name, cls in named.items():
        ids = {b.id for keys in cls._merged_bindings.key_to_bindings.values() for b in keys}
        assert {key.id for key in KEYS[name]} <= ids, name
