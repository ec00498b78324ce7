"""Scheduled work outside the request path: digests, feeds, the drop folder and watch alerts (APScheduler 3).

The jobs post through a `Messenger` (bot.core.messenger) and import nothing of `bot.slack`; the composition
root (`bot.app`) hands them the Slack one.
"""
