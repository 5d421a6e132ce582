"""The `aios` command line (Typer): one module per group of commands, wired in app.py."""
