"""Files the application ships with: PDF fonts, SVG icons, the stylesheet and the default logo.

They live inside the package so that a wheel or a desktop bundle carries them (they are package
data in pyproject.toml), and they are read through ``importlib.resources.files("app.resources")``
rather than a path counted up from a source file, which only holds in a checkout. This package
imports nothing: the PDF code and the screens both read from it.
"""
