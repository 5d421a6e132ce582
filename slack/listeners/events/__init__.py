"""Events API events."""

from __future__ import annotations

from slack_bolt import App

from aios.slack.listeners.events.app_mention import app_mention


def register(app: App) -> None:
    """@mentions of the bot."""
    app.event("app_mention")(app_mention)
