"""The long-lived services behind the API and the Slack bot, started and stopped together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from agent.commands import JobCommands
from agent.jobs import JobService
from agent.keys import server_secret
from agent.metrics import Metrics
from agent.runner import InProcessRunner
from agent.settings import Settings
from agent.webhooks import Webhooks

if TYPE_CHECKING:
    from agent.queue_runner import CeleryRunner
    from api.slack.bot import SlackBot


@dataclass
class Services:
    """What a serving process holds: the job service, its runner and commands, webhooks, metrics, Slack."""

    settings: Settings
    jobs: JobService
    runner: InProcessRunner | CeleryRunner
    commands: JobCommands
    webhooks: Webhooks
    metrics: Metrics
    url_secret: str
    slack: SlackBot | None = None


def start(settings: Settings, slack: bool = False) -> Services:
    """Open the databases, start the runner (resuming jobs a previous process left) and, if asked, the Slack bot."""
    service = JobService(settings)
    metrics = Metrics()
    metrics.watch_jobs(service.database)
    hooks = Webhooks.configured(settings, service.database, metrics)
    runner: InProcessRunner | CeleryRunner
    if settings.broker_url:
        from agent.queue_runner import CeleryRunner

        runner = CeleryRunner(service, hooks, metrics)
    else:
        runner = InProcessRunner(service, hooks, metrics, workers=settings.api_workers)
    found = Services(settings, service, runner, JobCommands(service, runner), hooks, metrics,
                     server_secret(settings.data_dir, "url", settings.url_secret))
    if slack:
        from api.slack.bot import SlackBot

        found.slack = SlackBot.start(settings, found.commands)
    runner.recover()
    return found


def stop(found: Services) -> None:
    """Stop the Slack notifier and the runner (unfinished jobs resume next start), then close everything."""
    if found.slack is not None:
        found.slack.stop()
    found.runner.shutdown()
    found.webhooks.close()
    found.jobs.close()
