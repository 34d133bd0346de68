"""Quotes: pricing, numbering, revisions, the PDF and e-mail."""
