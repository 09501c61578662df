"""Command implementations called by the CLI (one module per command)."""
