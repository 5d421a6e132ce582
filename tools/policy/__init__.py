"""Content policy engines."""
