"""Demo data: a believable, deterministic world for a new user, a screenshot or a benchmark."""
