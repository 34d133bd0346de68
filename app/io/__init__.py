"""Files in and out, without Qt and without the database: readers, writers, PDFs, e-mail.

Everything here takes plain data (frozen rows, column descriptions, paths) and plain
``progress(done, total)`` / ``cancelled()`` callables, so the GUI can run it on a worker thread and
the command line can run it as it is.
"""
