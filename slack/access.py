"""Who may use the bot where: allowlists of Slack user and channel ids from settings ('*' allows all)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aios.kernel.settings import Settings


class NotAllowed(Exception):
    """A Slack user or channel the configuration does not allow; the message says what to configure."""


@dataclass(frozen=True)
class Access:
    """The allowlists; empty lists allow nobody, so a fresh install is closed until configured."""

    users: frozenset[str]
    channels: frozenset[str]
    approvers: frozenset[str]

    @classmethod
    def from_settings(cls, settings: Settings) -> Access:
        users = frozenset(settings.slack_allowed_users)
        return cls(users, frozenset(settings.slack_allowed_channels),
                   frozenset(settings.slack_approvers) or users)

    def check_start(self, user: str, channel: str) -> None:
        """NotAllowed unless the user may start jobs in this channel."""
        if not _allows(self.channels, channel):
            raise NotAllowed(f"This channel ({channel}) is not enabled for videos; an admin can add it to "
                             "AIOS_SLACK_ALLOWED_CHANNELS.")
        if not _allows(self.users, user):
            raise NotAllowed(f"You ({user}) are not allowed to request videos; an admin can add you to "
                             "AIOS_SLACK_ALLOWED_USERS.")

    def check_review(self, user: str) -> None:
        """NotAllowed unless the user may approve, edit or reject."""
        if not _allows(self.approvers, user):
            raise NotAllowed(f"You ({user}) are not an approver; an admin can add you to AIOS_SLACK_APPROVERS.")


def _allows(allowed: frozenset[str], who: str) -> bool:
    return "*" in allowed or who in allowed


def team_of(body: dict[str, Any]) -> str:
    """The workspace an interaction came from."""
    return str((body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id") or "")
