"""HTTP API package (FastAPI); the routes arrive with the HTTP API issue."""
