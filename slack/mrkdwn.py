"""Text for Slack: whatever came from a person or a model is escaped, so it shows as typed and never pings a
channel (<!channel>, <!here>), mentions someone or hides a link behind other words (<https://evil|Approve>)."""

from __future__ import annotations


def escape(value: object) -> str:
    """The value as Slack shows it literally: its &, < and > as entities (Slack's own escaping rules)."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quote(value: str) -> str:
    """Slack-quoted text: each line starts with '>', the text escaped."""
    return "\n".join(f">{line}" for line in escape(value).splitlines() or [""])
