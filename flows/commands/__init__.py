"""The `losses` commands, one module per area (flows/cli.py registers them);
common.py holds what they share: options, dates, and errors to exit codes."""

__all__: list[str] = []
