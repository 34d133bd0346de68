"""Joint deals: their parties, stages, activity log and pipeline."""
