"""The Slack transport: the Bolt app, its listeners, the HTTP and Socket Mode servers and the app manifest.

Nothing in `bot.core` imports this package; it turns Slack requests into calls of the core and sends the
`Reply` back.
"""
