"""A partner's quarterly business review pack, its figures read through the screens' services."""
