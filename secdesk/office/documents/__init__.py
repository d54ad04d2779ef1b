"""Office wing, documents: incoming documents (收文), outgoing documents and their
numbering (发文字号), the registers in and out of Excel, and the archive catalogue."""
