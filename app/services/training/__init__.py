"""Training: courses, training records, certifications running out, the coverage matrix."""
