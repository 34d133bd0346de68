"""What a typed date field shows while empty: the format, in one place for every form.

The format never goes out of date the way an example day does: a past day under a deal's
Expected close reads as a suggestion.
"""

DATE_PLACEHOLDER = "YYYY-MM-DD"
