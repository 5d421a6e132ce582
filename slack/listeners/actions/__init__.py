"""Button clicks on review and delivery messages."""

from __future__ import annotations

from slack_bolt import App

from aios.slack.listeners.actions.review import approve, edit, reject, render_final
from aios.slack.listeners.actions.scenes import export, regenerate


def register(app: App) -> None:
    """Approve, Edit, Reject, Render final quality; a scene's Regenerate menu; the exports for editors."""
    app.action("aios_approve")(approve)
    app.action("aios_edit")(edit)
    app.action("aios_reject")(reject)
    app.action("aios_render_final")(render_final)
    app.action("aios_scene")(regenerate)
    app.action("aios_export")(export)
