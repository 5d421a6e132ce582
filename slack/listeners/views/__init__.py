"""Modal submissions."""

from __future__ import annotations

from slack_bolt import App

from aios.slack.listeners.views.review import edit_submitted, reject_submitted


def register(app: App) -> None:
    """The Edit and Reject modals."""
    app.view("aios_edit")(edit_submitted)
    app.view("aios_reject")(reject_submitted)
