"""Storage: typed SQLAlchemy models, column types, engine set-up, migrations and backups."""
