"""Office wing, documents: incoming documents (收文, ``incoming``), outgoing documents and
their numbering (发文字号, ``outgoing``), numbers that run in a series (``numbering``), the
registers read from Excel (``register_import``) and written to it (``registers``), and the
archive (``archive``).

Wing: office/documents. Must not import screens, widgets, app, cli, care or demo.
"""
