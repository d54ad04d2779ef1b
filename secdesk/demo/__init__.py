"""A demo office: a new database file filled with years of plausible records.

Wing: demo. Must not import screens, widgets, app or cli.

The office is the general office of a district government (某区人民政府办公室): its
leaders, colleagues, the district's departments, the city's bodies above it, streets,
towns, schools and companies below and around it. Records run from ``years`` years ago
up to ``today`` (local time), with meetings booked for the coming four weeks, and today
looks like a working day in progress: calls so far, visitors in the building, documents
and supervision items waiting.

Everything comes from one ``random.Random(seed)``, so the same seed and day give the
same file. Rows are written with SQLAlchemy Core in large batches, ids included, rather than
through the services: ten years of an office is some 150,000 records, which the services
(one ORM object, one audit Event and one validation each) write in minutes, and Core in
seconds. The models' pydantic defaults do not run there, so every column is filled here
explicitly; tests/unit/test_demo.py checks that the rows of every kind the desk enters
pass that kind's service validation, so the demo never shows what the desk would refuse.

One module per duty (contacts, calls, documents, outgoing, archive, meetings, supervision,
visits, tasks, petitions, inforeports, investigations) generates its rows from the shared
``office.DemoOffice``; people, units and words are the made-up data they draw on; ``seed``
ties them together and writes the file.
"""

from __future__ import annotations

from secdesk.config import Office
from secdesk.demo.seed import DemoSummary, seed_demo

__all__ = ["OFFICE", "DemoSummary", "seed_demo"]

#: Who signs the demo office's papers (where config.toml names no office of its own).
OFFICE = Office(name="某区人民政府办公室", mark="某区人民政府办公室文件")
