"""Slack listeners, one package per kind (commands, events, actions, views), registered on the Bolt app."""

from __future__ import annotations

from slack_bolt import App

from aios.slack.listeners import actions, commands, events, views


def register(app: App) -> None:
    """Attach every listener."""
    for kind in (commands, events, actions, views):
        kind.register(app)
