"""Program spend and return: rates, spend items, SPIF and rebate rules, and the return report."""
