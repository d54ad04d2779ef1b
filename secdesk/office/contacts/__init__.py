"""Office wing, contacts: the contact book, vCard cards in and out, Chinese names and
pinyin, telephone numbers."""
