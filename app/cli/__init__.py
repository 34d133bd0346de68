"""The headless commands of SPEC.md. No Qt is imported here, so they start fast."""

from app.cli.run import run_command

__all__ = ["run_command"]
