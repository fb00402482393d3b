"""Django-level plumbing every app shares: manifests, errors, optimistic concurrency."""
