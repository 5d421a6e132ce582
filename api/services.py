"""The long-lived services behind the API and the Slack bot, started and stopped together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from aios.api.session import Sessions
from aios.kernel.settings import Settings
from aios.runtime.commands import JobCommands
from aios.runtime.exports import Exports
from aios.runtime.jobs import JobService
from aios.runtime.metrics import Metrics
from aios.runtime.retention import Sweeper
from aios.runtime.runner import InProcessRunner
from aios.runtime.scene_commands import SceneCommands
from aios.runtime.scene_media import SceneMedia
from aios.runtime.webhooks import Webhooks
from aios.tools import signing

if TYPE_CHECKING:
    from aios.runtime.queue_runner import CeleryRunner
    from aios.slack.bot import SlackBot


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
    scenes: SceneMedia
    sessions: Sessions
    sweeper: Sweeper
    exports: Exports
    edits: SceneCommands
    slack: SlackBot | None = None


def start(settings: Settings, slack: bool = False) -> Services:
    """Open the databases, start the runner (resuming jobs a previous process left) and, if asked, the Slack bot."""
    service = JobService(settings)
    metrics = Metrics()
    metrics.watch_jobs(service.database)
    hooks = Webhooks.configured(settings, service.database, metrics)
    runner: InProcessRunner | CeleryRunner
    if settings.broker_url:
        from aios.runtime.queue_runner import CeleryRunner

        runner = CeleryRunner(service, hooks, metrics)
    else:
        runner = InProcessRunner(service, hooks, metrics, workers=settings.api_workers)
        hooks.start()  # jobs run here, so their webhooks are delivered from here (with Celery: by the workers)
    url_secret = signing.url_secret(settings)
    commands = JobCommands(service, runner)
    found = Services(settings, service, runner, commands, hooks, metrics, url_secret, SceneMedia(service),
                     Sessions(service.database, url_secret), Sweeper(service), Exports(service),
                     SceneCommands(commands))
    if slack:
        from aios.slack.app import start_bot

        found.slack = start_bot(settings, found.commands)
    runner.recover()
    found.sweeper.start()  # retention: this machine's expired files and jobs
    return found


def stop(found: Services) -> None:
    """Stop the Slack notifier and the runner (unfinished jobs resume next start), then close everything."""
    if found.slack is not None:
        found.slack.stop()
    found.sweeper.stop()
    found.runner.shutdown()
    found.webhooks.close()
    found.jobs.close()
