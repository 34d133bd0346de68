"""Market development funds: quarters, the lifecycle of a request, and the balances."""
