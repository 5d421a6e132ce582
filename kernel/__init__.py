"""The shared kernel: settings, errors, schemas, per-run context and the catalogs of names; imports nothing of ours."""
