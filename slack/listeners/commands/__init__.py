"""Slash commands."""

from __future__ import annotations

from slack_bolt import App

from aios.slack.listeners.commands.video import video_command


def register(app: App) -> None:
    """/video <brief>."""
    app.command("/video")(video_command)
