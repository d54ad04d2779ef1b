"""Office wing, the lean read: the dashboard's panels read with the standard library's
``sqlite3`` alone (no SQLAlchemy, no models), for the first start of a day, when nothing
is remembered and importing the data layer would cost more than the read itself.

One module per panel (``calls``, ``visits``, ``incoming``, ``meetings``, ``deadlines``),
named by the kinds' declarations (``PanelSpec.lean_loader``, ``Kind.lean_deadlines``);
``tables`` declares every column they read. The ORM loaders in each duty stay the
reference for what is read: a test checks every column declared here against the models,
and another that both reads give the same dashboard on the demo office. A row made of what
was read is built once, by a function either read calls: here where the duty is one module
that imports the ORM (``visits.visitor_row``, ``deadlines.task_deadline``), else in the
duty's own ORM-free module (``office.meetings.panel``, ``office.supervision.pace``). SQLite files only
(``services.leanday`` decides); anything else is read through the ORM.

Wing: office/lean. Must not import screens, widgets, app, cli, care or demo, nor the ORM
(sqlalchemy, sqlmodel, models), nor a duty's modules that import it at load (of the
meetings wing it shares ``recurrence``, which imports the ORM only in its queries).
"""
