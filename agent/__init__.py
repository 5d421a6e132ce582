"""AIOS Media domain: the production graph's nodes, planners, state, review and engine choice."""
