"""Button clicks on review and delivery messages."""

from __future__ import annotations

from slack_bolt import App

from aios.slack.listeners.actions.review import approve, edit, reject, render_final


def register(app: App) -> None:
    """Approve, Edit, Reject and Render final quality."""
    app.action("aios_approve")(approve)
    app.action("aios_edit")(edit)
    app.action("aios_reject")(reject)
    app.action("aios_render_final")(render_final)
