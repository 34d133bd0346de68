"""Use cases: functions taking a Session and returning frozen domain objects.

They never commit; the caller (one user action, ``Database.transaction()``) owns the transaction.
ORM objects never leave this layer.
"""
