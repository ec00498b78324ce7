"""Scheduled work outside the request path: digests, feeds, the drop folder and watch alerts (APScheduler 3)."""
