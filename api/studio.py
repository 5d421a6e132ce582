"""LangGraph's own server (`langgraph dev`, Studio, agent-chat-ui): the production graph, run under this process's
settings (its runs bring no settings of their own), and the HTTP routes that server mounts beside its own
(langgraph.json `http.app`): the signed download links the graph puts in its state resolve here."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, HTTPException, Path, Query
from fastapi.responses import FileResponse
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.constants import CONFIG_KEY_CHECKPOINTER
from langgraph.graph.state import CompiledStateGraph
from starlette.concurrency import run_in_threadpool

from aios.api import problems
from aios.api.routes.artifacts import FILE_RESPONSES
from aios.graphs.production import builder
from aios.kernel.context import Context
from aios.kernel.outputs import content_type
from aios.kernel.settings import get_settings
from aios.runtime.checkpoint import STATE_TYPES
from aios.tools import signing

THREAD = r"^[0-9a-fA-F-]{36}$"  # LangGraph's thread ids are UUIDs


def graph(config: RunnableConfig) -> CompiledStateGraph[Any, Context, Any, Any]:
    """The graph factory langgraph.json names: the server supplies the checkpointer; runs get these settings."""
    Context.door_settings = get_settings()
    saver = (config.get("configurable") or {}).get(CONFIG_KEY_CHECKPOINTER)
    if isinstance(saver, BaseCheckpointSaver):
        # Under LANGGRAPH_STRICT_MSGPACK the compiled graph allowlists its state types for the saver, but the server
        # copies the graph and the copy loses that list (langgraph-api 0.16 also ignores langgraph.json's
        # allowed_msgpack_modules): resumes would read a Storyboard back as a dict. The saver's own serializer
        # learns our state types here instead (idempotent; the server passes the same saver to every run).
        saver.serde = saver.with_allowlist({(t.__module__, t.__name__) for t in STATE_TYPES}).serde
    return builder.compile(name="production")


router = APIRouter(tags=["artifacts"])


@router.get("/v1/files/{job_id}/{name}", response_class=FileResponse, responses=FILE_RESPONSES)
async def download(job_id: Annotated[str, Path(pattern=THREAD)], name: Annotated[str, Path(max_length=64)],
                   tenant: Annotated[str, Query(max_length=64)], expires: Annotated[int, Query(ge=0, le=2**40)],
                   sig: Annotated[str, Query(max_length=128)]) -> FileResponse:
    """A file of a thread by the signed link in its state (`links`); byte ranges are served for seeking."""
    from langgraph_sdk import get_client  # in-process: the server this route is mounted on
    from langgraph_sdk.errors import NotFoundError

    # The secret's file and the artifact are read off the event loop (the server refuses blocking calls on it).
    if not await run_in_threadpool(signed, tenant, job_id, name, expires, sig):
        raise HTTPException(403, "this link is invalid or has expired; read the thread's state again for a fresh one")
    try:
        state = await get_client().threads.get_state(job_id)
    except NotFoundError:
        raise HTTPException(404, f"no thread {job_id}") from None
    values: dict[str, Any] = state["values"] if isinstance(state["values"], dict) else {}
    rendered = (values.get("render") or {}).get("files") or {}
    found = signing.named(rendered, values.get("deliverables") or {}).get(name)
    if found is None or not await run_in_threadpool(found[0].is_file):
        raise HTTPException(404, f"thread {job_id} has no artifact {name!r}")
    path = found[0]
    return FileResponse(path, filename=path.name, media_type=content_type(path.name))


def signed(tenant: str, job_id: str, name: str, expires: int, sig: str) -> bool:
    """Whether the link is this server's and still valid."""
    return signing.valid(signing.url_secret(get_settings()), tenant, job_id, name, expires, sig)


def create_app() -> FastAPI:
    """The routes LangGraph's server mounts (its own routes, /threads and /runs among them, stay as they are)."""
    app = FastAPI(title="AIOS Media on LangGraph's server", docs_url=None, redoc_url=None, openapi_url=None)
    problems.install(app)
    app.include_router(router)
    return app


app = create_app()  # langgraph.json's http.app: built when the server loads it (a bare app: nothing starts)
