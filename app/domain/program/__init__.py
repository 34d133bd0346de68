"""Program spend and return: currencies, accruals and what the program earns (SPEC.md)."""
