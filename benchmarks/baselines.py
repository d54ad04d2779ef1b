"""The two bare Textual apps secdesk's start is measured against (``startup.py``, ``run.py``).

Run:  python benchmarks/baselines.py label|layout

* ``label``   a minimal Textual app showing one Label ("Hello");
* ``layout``  a bare app with the dashboard's layout (a header Static reading "layout
  baseline", the grid of five bordered panels each holding an empty DataTable named
  RecordTable as the desk's is, Footer, the same ``dashboard.tcss``), pushed as a screen
  from ``on_mount`` exactly as secdesk does, and no database.
"""

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DASHBOARD_TCSS = os.path.join(HERE, os.pardir, "secdesk", "screens", "dashboard.tcss")
COLUMNS = (6, 5, 6, 3, 5)  # column counts of the five dashboard panels


def baseline_app(kind: str):  # noqa: ANN201
    from textual.app import App
    from textual.containers import Container, Vertical
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Label, Static

    if kind == "label":

        class LabelApp(App):
            def compose(self):  # noqa: ANN202
                yield Label("Hello")

        return LabelApp()

    class RecordTable(DataTable):
        """A DataTable under the desk's name, so dashboard.tcss's rules for it apply (the
        visitors' table: the height its rows need, up to a quarter of the window); under
        Textual's own name the visitors panel took the whole window and the other four
        were not drawn at all."""

    class Panel(Vertical):
        DEFAULT_CSS = """
        Panel { border: round $secondary; border-title-color: $text;
                border-title-style: bold; height: 1fr; }
        Panel:focus-within { border: round $accent; }
        Panel > RecordTable { height: 1fr; background: transparent; }
        """

        def __init__(self, columns: int, **kwargs) -> None:  # noqa: ANN003
            super().__init__(**kwargs)
            self.columns = columns

        def compose(self):  # noqa: ANN202
            table = RecordTable(cursor_type="row", zebra_stripes=True)
            table.add_columns(*[f"Column {i}" for i in range(self.columns)])
            yield table

        def on_mount(self) -> None:
            self.border_title = f"Panel {self.id}"

    class DashboardScreen(Screen):
        CSS_PATH = os.path.abspath(DASHBOARD_TCSS)

        def compose(self):  # noqa: ANN202
            yield Static("layout baseline", id="day-header", markup=False)
            with Container(id="panels"):
                for name, columns in zip(
                    ("inbox", "supervision", "calls", "meetings", "visitors"), COLUMNS, strict=True
                ):
                    yield Panel(columns, id=name)
            yield Footer()

        def on_mount(self) -> None:
            self.query_one("#inbox RecordTable").focus()

    class LayoutApp(App):
        BINDINGS = [("q", "quit", "Quit")]

        def on_mount(self) -> None:
            self.push_screen(DashboardScreen())

    return LayoutApp()


if __name__ == "__main__":
    baseline_app(sys.argv[1]).run()
