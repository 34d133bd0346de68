"""Market development funds: allocations, requests and their steps, proof files, balances."""
