"""Revisions, oldest first; each works on SQLite and PostgreSQL."""
