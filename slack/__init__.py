"""The Slack bot: slash command and mentions in, Block Kit reviews and videos out, over the job commands."""
