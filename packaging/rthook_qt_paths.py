"""Runtime hook of the desktop bundle: tells Qt where its plugins are, without importing Qt.

PyInstaller's own start-up hook for PySide6 imports QtCore on every start, to register a qt.conf
that points Qt's prefix into the bundle. That would load Qt for the headless commands too, which
never need it (a tenth of a second or more on --help). Channel Desk uses no Qt path but the
plugins (no Qt translations, QML or helper programs), so setting the plugin folder is enough;
the spec file puts this hook in place of PyInstaller's.
"""

import os
import sys

_bundle = sys._MEIPASS  # the bundle's folder, set by PyInstaller's bootloader
_qt = os.path.join(_bundle, "PySide6") if sys.platform.startswith("win") else (
    os.path.join(_bundle, "PySide6", "Qt")
)
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
