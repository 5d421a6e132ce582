"""The HTTP API (FastAPI): jobs, live events, review, artifacts and health."""
