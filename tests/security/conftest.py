"""The Slack fixtures, for the replayed Slack attacks."""

from tests.slack.conftest import fake_slack, slack_app

__all__ = ["fake_slack", "slack_app"]
