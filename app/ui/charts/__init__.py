"""Charts on screen: the matplotlib figure of ``app.io.charts`` on a Qt canvas."""
