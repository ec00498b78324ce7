"""The Slack transport: the Bolt app, its listeners, the HTTP and Socket Mode servers, the poster and the manifest.

Nothing in `bot.core` imports this package, and it imports nothing of `bot.jobs`: it turns Slack requests
into calls of the core and sends the `Reply` back. The composition root (`bot.app`) builds what it needs.
"""
