"""The job runtime: the job service, runners, workers, events, audit, keys, leases, webhooks and metrics."""
