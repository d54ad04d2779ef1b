"""Pure readers and writers for the files a desk exchanges with phones and phone systems.

Wing: io. Must not import models, db, kinds, services, office or above, nor sqlmodel or textual.

Every module here turns bytes into plain dataclasses (or dataclasses into text) and
knows nothing of the database or the UI: no Textual, no SQLModel/SQLAlchemy, no
``secdesk.models``. Errors are ``ValueError`` subclasses carrying the 1-based line of the
input that is wrong (``text.LineError``) where there is one, and a reader either returns
everything or raises, so a caller imports all of a file or nothing of it.

* :mod:`secdesk.io.vcf`: vCard 2.1/3.0/4.0 reader, vCard 3.0 writer.
* :mod:`secdesk.io.cdr`: Asterisk ``cdr_csv`` ``Master.csv`` reader.
* :mod:`secdesk.io.sheets`: .xlsx and .csv grids in and out.
* :mod:`secdesk.io.gongwen`: the papers (.docx) as GB/T 9704-2012 lays out a 公文.
* :mod:`secdesk.io.text`: what the readers share (``LineError``, Chinese encodings).
"""
