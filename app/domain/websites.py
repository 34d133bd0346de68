"""When two web addresses are the same site: ``https://www.bluepeak.com/`` is ``bluepeak.com``.

People type a website with or without its scheme, its ``www.`` and a closing slash, in any
case. Whether a record's website *changed* (an import's re-read row, a save over a form, an
undo that checks nobody moved the field) is decided by this one rule, so re-importing a list
that writes ``bluepeak.com`` does not report a change against the stored
``https://www.bluepeak.com``, nor overwrite it.
"""

from __future__ import annotations

import re

_SCHEME = re.compile(r"^(?:https?://)", re.IGNORECASE)
_DEFAULT_PORT = re.compile(r":(?:80|443)(?=[/?#]|$)")

#: The fields whose values are web addresses, in every record kind.
WEBSITE_FIELDS = frozenset({"website"})


def website_key(site: str | None) -> str | None:
    """The site without what does not change it: an http(s) scheme, ``www.``, a default port,
    a closing slash, the case of the host. The path keeps its case (it may matter)."""
    text = (site or "").strip()
    if not text:
        return None
    text = _SCHEME.sub("", text)
    host, slash, rest = text.partition("/")
    host = _DEFAULT_PORT.sub("", host.casefold().rstrip("."))
    if host.startswith("www."):
        host = host[4:]
    path = (slash + rest).rstrip("/")
    return host + path


def same_website(first: str | None, second: str | None) -> bool:
    return website_key(first) == website_key(second)


def same_value(field: str, old: object, new: object) -> bool:
    """Whether ``new`` leaves ``field`` as it is: websites by ``website_key``, the rest by
    equality."""
    texts = all(isinstance(value, str) or value is None for value in (old, new))
    if field in WEBSITE_FIELDS and texts:
        return same_website(old, new)  # type: ignore[arg-type]  # both str or None
    return old == new
