"""Office wing, contacts: the contact book (``book``), looking people up (``lookup``),
duplicates and merging (``merging``), vCard cards in and out (``cards``), Chinese names and
pinyin (``names``), telephone numbers (``phones``).

Wing: office/contacts. Must not import screens, widgets, app, cli, care or demo.
"""
