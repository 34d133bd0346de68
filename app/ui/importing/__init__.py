"""The import wizard (File › Import): from a file to records, checked before writing."""
