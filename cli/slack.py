"""`aios slack`: the Slack bot over Socket Mode (no public URL), or over HTTP inside `aios serve`."""

from __future__ import annotations

import signal
import threading
from typing import Annotated

import typer

from aios.cli.console import console, guard
from aios.cli.server import serve
from aios.kernel.errors import ConfigurationError
from aios.kernel.settings import get_settings


def slack(socket: Annotated[bool, typer.Option("--socket", help="Connect over Socket Mode (needs SLACK_APP_TOKEN); "
                                               "otherwise serve HTTP with Slack at /slack/events.")] = False,
          host: Annotated[str, typer.Option(help="HTTP mode: interface to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="HTTP mode: TCP port.")] = 8000) -> None:
    """Run the Slack bot; jobs run inside this process."""

    with guard():
        settings = get_settings()
        if settings.slack_bot_token is None:
            raise ConfigurationError("set SLACK_BOT_TOKEN (xoxb-...) to run the Slack bot")
        if not socket:
            if settings.slack_signing_secret is None:
                raise ConfigurationError("HTTP mode needs SLACK_SIGNING_SECRET (or use --socket with SLACK_APP_TOKEN)")
            serve(host, port)
            return
        if settings.slack_app_token is None:
            raise ConfigurationError("Socket Mode needs SLACK_APP_TOKEN (an app-level xapp- token)")
        run_socket_mode(settings.slack_app_token.get_secret_value())


def run_socket_mode(app_token: str) -> None:
    """Connect to Slack over Socket Mode and serve until SIGINT or SIGTERM; unfinished jobs resume next start."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from aios.api import services

    running = services.start(get_settings(), slack=True)
    assert running.slack is not None and running.slack.app is not None
    handler = SocketModeHandler(running.slack.app, app_token)
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())
    try:
        handler.connect()
        console.print("Slack bot connected over Socket Mode; Ctrl-C stops it.")
        stop.wait()
    finally:
        handler.close()
        services.stop(running)
