"""The Bolt app: Slack's request verification, the bot handed to every listener, listeners per kind."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App, BoltContext, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from aios.kernel.errors import ConfigurationError
from aios.kernel.settings import Settings
from aios.runtime.commands import JobCommands
from aios.slack import listeners
from aios.slack.access import Access
from aios.slack.bot import SlackBot
from aios.slack.notifier import Notifier
from aios.slack.store import SlackStore


def web_client(token: str, base_url: str) -> WebClient:
    """A Web API client that waits out rate limits and retries dropped connections."""
    return WebClient(token=token, base_url=base_url, timeout=30,
                     retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=3),
                                     ConnectionErrorRetryHandler(max_retry_count=2)])


def build_app(settings: Settings, bot: SlackBot) -> App:
    """A Bolt app that verifies signatures (401 for bad or stale ones) and routes to the listeners.

    Without a signing secret (Socket Mode only) nothing arrives over HTTP, so there is nothing to verify.
    """
    secret = settings.slack_signing_secret
    app = App(signing_secret=secret.get_secret_value() if secret else "", client=bot.client,
              request_verification_enabled=secret is not None, process_before_response=False)

    def provide_bot(context: BoltContext, next: Callable[[], BoltResponse]) -> BoltResponse:
        context["aios"] = bot
        return next()

    app.use(provide_bot)
    listeners.register(app)
    return app


def start_bot(settings: Settings, commands: JobCommands) -> SlackBot:
    """Build the bot and its Bolt app (checking the token with auth.test), then start its notifier."""
    assert settings.slack_bot_token is not None
    client = web_client(settings.slack_bot_token.get_secret_value(), settings.slack_api_url)
    store = SlackStore(commands.service.database)
    bot = SlackBot(settings, commands, client, store, Access.from_settings(settings),
                   Notifier(settings, commands.service, store, client))
    try:
        bot.app = build_app(settings, bot)
    except Exception as exc:  # Bolt checks the token at start: say so in one line
        raise ConfigurationError(f"Slack did not accept the bot token ({exc}); check SLACK_BOT_TOKEN") from exc
    bot.notifier.start()
    return bot
