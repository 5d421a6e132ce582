"""A local HTTP server standing in for Slack's Web API: it records every call and answers like Slack."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import JSONResponse, PlainTextResponse

BOT_USER = "UBOT"


@dataclass
class Call:
    """One Web API call the bot made: the method and its arguments (JSON and form bodies alike)."""

    method: str
    args: dict[str, Any]
    token: str | None
    result: dict[str, Any] = field(default_factory=dict)

    def message(self) -> dict[str, Any]:
        """A posted message as a later button click carries it: channel, ts and blocks."""
        return {"channel": self.args["channel"], "ts": self.result["ts"], "blocks": self.args.get("blocks") or []}


@dataclass
class FakeSlack:
    """Recorded calls and uploaded files; `url` is set once the server runs."""

    url: str = ""
    calls: list[Call] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    refuse: dict[str, str] = field(default_factory=dict)
    _outbox: tuple[asyncio.AbstractEventLoop, asyncio.Queue[dict[str, Any]]] | None = None
    _cond: threading.Condition = field(default_factory=threading.Condition)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def record(self, call: Call) -> None:
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()

    def of(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, where: Callable[[Call], bool] = lambda c: True, timeout: float = 60,
                 after: int = 0, alive: Callable[[], int | None] | None = None) -> Call:
        """The first call of `method` (from index `after` on) matching `where`, waiting for it to happen."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for call in self.calls[after:]:
                    if call.method == method and where(call):
                        return call
                left = deadline - time.monotonic()
                if alive is not None and alive() is not None:
                    raise AssertionError(f"the process ended before {method} was called")
                if left <= 0:
                    made = [c.method for c in self.calls[after:]]
                    raise AssertionError(f"no {method} call matched within {timeout} s; calls: {made}")
                self._cond.wait(min(left, 0.5))

    def mark(self) -> int:
        """A position in the call log, for waiting on calls made after now."""
        with self._cond:
            return len(self.calls)

    def push(self, envelope: dict[str, Any]) -> None:
        """Send a Socket Mode envelope to the connected app (wait for 'socket.connected' first)."""
        assert self._outbox is not None, "no Socket Mode connection"
        loop, queue = self._outbox
        loop.call_soon_threadsafe(queue.put_nowait, envelope)

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):06d}"

    def ts(self) -> str:
        return f"{1_700_000_000 + next(self._ids)}.000100"


def _answer(fake: FakeSlack, method: str, args: dict[str, Any]) -> dict[str, Any]:
    if method in fake.refuse:
        return {"ok": False, "error": fake.refuse[method]}
    if method == "auth.test":
        return {"ok": True, "url": "https://acme.slack.com/", "team": "Acme", "user": "aios", "team_id": "T1",
                "user_id": BOT_USER, "bot_id": "B1"}
    if method in ("chat.postMessage", "chat.update"):
        if not args.get("channel") or not (args.get("text") or args.get("blocks")):
            return {"ok": False, "error": "no_text"}
        blocks = args.get("blocks")
        if blocks is not None and (not isinstance(blocks, list) or len(blocks) > 50):
            return {"ok": False, "error": "invalid_blocks"}
        ts = args.get("ts") if method == "chat.update" else fake.ts()
        return {"ok": True, "channel": args["channel"], "ts": ts, "message": {"text": args.get("text"), "ts": ts}}
    if method == "chat.postEphemeral":
        return {"ok": True, "message_ts": fake.ts()}
    if method == "views.open":
        view = args.get("view")
        if isinstance(view, str):
            view = json.loads(view)
        if not args.get("trigger_id") or not isinstance(view, dict) or len(view.get("blocks", [])) > 100:
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "view": {**view, "id": fake.next_id("V")}}
    if method == "apps.connections.open":
        return {"ok": True, "url": fake.url.replace("http://", "ws://") + "/socket"}
    if method == "files.getUploadURLExternal":
        file_id = fake.next_id("F")
        fake.files[file_id] = {"id": file_id, "name": args.get("filename"), "length": int(args.get("length", 0))}
        return {"ok": True, "upload_url": f"{fake.url}/upload/{file_id}", "file_id": file_id}
    if method == "files.completeUploadExternal":
        listed = json.loads(args["files"]) if isinstance(args.get("files"), str) else args.get("files", [])
        done = []
        for item in listed:
            if item["id"] not in fake.uploads:
                return {"ok": False, "error": "file_not_found"}
            fake.files[item["id"]].update(title=item.get("title"), channel=args.get("channel_id"),
                                          thread_ts=args.get("thread_ts"))
            done.append(fake.files[item["id"]])
        return {"ok": True, "files": done}
    return {"ok": True}


def build_app(fake: FakeSlack) -> FastAPI:
    """The stand-in's HTTP app: /api/<method> and the upload URLs it hands out."""
    app = FastAPI()

    @app.post("/api/{method}")
    async def api(method: str, request: Request) -> JSONResponse:
        raw = (await request.body()).decode()
        if request.headers.get("content-type", "").startswith("application/json"):
            args = json.loads(raw or "{}")
        else:
            args = dict(parse_qsl(raw))
        for key in ("blocks", "view"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        token = request.headers.get("authorization", "").removeprefix("Bearer ") or args.get("token")
        result = _answer(fake, method, args)
        fake.record(Call(method, args, token, result))
        return JSONResponse(result)

    @app.post("/respond")
    async def respond(request: Request) -> PlainTextResponse:
        fake.record(Call("respond", json.loads(await request.body()), None))
        return PlainTextResponse("ok")

    @app.post("/upload/{file_id}")
    async def upload(file_id: str, request: Request) -> PlainTextResponse:
        fake.uploads[file_id] = await request.body()
        fake.record(Call("upload", {"file_id": file_id, "bytes": len(fake.uploads[file_id])}, None))
        return PlainTextResponse(f"OK - {len(fake.uploads[file_id])}")

    @app.websocket("/socket")
    async def socket(ws: WebSocket) -> None:
        """Socket Mode: hello, then envelopes pushed by the test; the app's acks are recorded."""
        await ws.accept()
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        fake._outbox = (asyncio.get_running_loop(), queue)
        await ws.send_text(json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"}}))
        fake.record(Call("socket.connected", {}, None))

        async def read() -> None:
            while True:
                fake.record(Call("socket.ack", json.loads(await ws.receive_text()), None))

        reader = asyncio.create_task(read())
        try:
            while not reader.done():
                try:
                    envelope = await asyncio.wait_for(queue.get(), 0.2)
                except TimeoutError:
                    continue
                await ws.send_text(json.dumps(envelope))
        except WebSocketDisconnect:
            pass
        finally:
            reader.cancel()

    return app
