"""Signed download links to a job's files, kept in the state: what a client of the bare graph (LangGraph's SDK,
Studio, agent-chat-ui) fetches the preview and the deliverables with, from another machine."""

from __future__ import annotations

from collections.abc import Mapping

from aios.agent.rendering import thread_id
from aios.kernel.context import Context
from aios.tools import signing


def links(context: Context, rendered: Mapping[str, str] | None = None,
          delivered: Mapping[str, str] | None = None) -> dict[str, str]:
    """name -> URL for these files (preview-<name> for the rendered cut's), valid for AIOS_URL_TTL_S; relative to
    the server's address unless object storage presigns them."""
    settings = context.config
    secret = signing.url_secret(settings)
    job = thread_id()
    return {name: signing.link(settings, secret, context.tenant, job, name, path, kind)[0]
            for name, (path, kind) in signing.named(rendered or {}, delivered or {}).items()}
