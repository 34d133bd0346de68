"""Charts with the product's look, drawn by matplotlib for the screens and the PDFs alike.

A chart is described as data (``spec``), drawn onto a matplotlib ``Figure`` (``draw``), and
written as PNG, SVG, PDF or a reportlab drawing (``files``). The screens put the same figure on a
Qt canvas, so a chart looks the same in the window and on paper.
"""
