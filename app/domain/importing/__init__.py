"""Importing workbooks, the pure part: which columns a kind has, how headers are recognised,
how typed values are read and checked, and the row-level report. No files, no database."""
