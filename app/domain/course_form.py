"""Checking what a person typed for a course: one message per field.

The course dialog shows each message next to its field as the user types, and the course
service checks again before writing, so a course created from the command line or an import is
held to the same rules: a code and a title, and a certification lasts at least one month.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.importing import values as v

Checked = tuple[dict[str, object], dict[str, str]]

COURSE_FIELDS = ("code", "title", "family", "certifies", "valid_months")
LABELS = {
    "code": "Code",
    "title": "Title",
    "family": "Product family",
    "certifies": "Certifies",
    "valid_months": "Valid for (months)",
}
_LENGTHS = {"code": 40, "title": 200, "family": 200}
#: Longer than any real certification; a typo like 240 for 24 is caught instead of stored.
MAX_MONTHS = 120


def check_course(raw: Mapping[str, object]) -> Checked:
    """(values ready to store, {field: message}) for the course fields in ``raw``.

    A certifying course needs its validity in whole months (1 to 120); a course that does not
    certify has none, whatever was typed, since nothing of it can expire.
    """
    values: dict[str, object] = {}
    errors: dict[str, str] = {}
    for field in ("code", "title", "family"):
        try:
            value = v.text(raw.get(field))
        except v.BadValue as exc:
            errors[field] = f"{LABELS[field]} {exc}"
            continue
        if value is not None and len(value) > _LENGTHS[field]:
            errors[field] = f"{LABELS[field]} is longer than {_LENGTHS[field]} characters"
            continue
        values[field] = value
    for field in ("code", "title"):
        if values.get(field) is None and field not in errors:
            errors[field] = f"{LABELS[field]} is required"
    try:
        certifies = bool(v.boolean(raw.get("certifies")))
    except v.BadValue as exc:
        errors["certifies"] = f"{LABELS['certifies']} {exc}"
        certifies = False
    values["certifies"] = certifies
    values["valid_months"] = None
    if certifies:
        try:
            months = v.whole_number(raw.get("valid_months"), minimum=1)
        except v.BadValue as exc:
            errors["valid_months"] = f"{LABELS['valid_months']} {exc}"
        else:
            if months is None:
                errors["valid_months"] = "A certifying course needs its validity in months"
            elif months > MAX_MONTHS:
                errors["valid_months"] = f"{LABELS['valid_months']} must be at most {MAX_MONTHS}"
            else:
                values["valid_months"] = months
    return values, errors
