"""AIOS Media domain core: settings, schemas, nodes, planners, jobs and the CLI."""
