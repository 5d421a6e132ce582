"""A local HTTP server that speaks the OpenAI API shape (chat completions, images, speech, embeddings) for the LLM
planner's and the managed engines' tests.

It answers like the real service (JSON bodies, structured output as `json_schema` content or as a tool call, base64
PNGs, WAV audio, token usage), can be told to fail the next N calls with a status (and Retry-After) or to stall,
and records every request it saw. Chat answers come from `Script.chat`, in order: a dict is the structured output,
a string is sent as the message content as it is (invalid JSON, say).
"""

from __future__ import annotations

import base64
import io
import json
import math
import struct
import threading
import time
import wave
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from PIL import Image, ImageDraw


@dataclass
class Script:
    """How the server behaves; tests change it between calls."""

    fail: dict[str, list[int]] = field(default_factory=dict)  # path suffix -> statuses for the next calls
    stall_s: float = 0.0
    seen: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    # path suffix -> calls answered at once; later calls wait until `released` is set (a test's fixed point)
    hold_after: dict[str, int] = field(default_factory=dict)
    released: threading.Event = field(default_factory=threading.Event)
    answered: dict[str, int] = field(default_factory=dict)
    chat: list[dict[str, Any] | str] = field(default_factory=list)  # the next chat completions' outputs

    def held(self, path: str) -> bool:
        """Count a call to `path`; True when it must wait for `released`."""
        for suffix, limit in self.hold_after.items():
            if path.endswith(suffix):
                self.answered[suffix] = self.answered.get(suffix, 0) + 1
                return self.answered[suffix] > limit
        return False


def _png(size: str, prompt: str) -> bytes:
    width, height = (int(v) for v in size.split("x"))
    image = Image.new("RGB", (width, height), (30 + len(prompt) % 200, 90, 160))
    ImageDraw.Draw(image).ellipse((width // 4, height // 4, 3 * width // 4, 3 * height // 4), fill=(240, 200, 60))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _wav(text: str, rate: int = 24_000) -> bytes:
    """A voiced-sounding tone, 0.06 s per character (so longer text is longer speech)."""
    count = int(rate * 0.06 * max(1, len(text)))
    samples = [int(12000 * math.sin(2 * math.pi * 180 * i / rate) * (0.6 + 0.4 * math.sin(2 * math.pi * 3 * i / rate)))
               for i in range(count)]
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(struct.pack(f"<{count}h", *samples))
    return out.getvalue()


def _completion(request: dict[str, Any], output: dict[str, Any] | str) -> dict[str, Any]:
    """A chat completion carrying `output`: as a tool call when the request offered tools, else as the content."""
    text = output if isinstance(output, str) else json.dumps(output)
    message: dict[str, Any] = {"role": "assistant", "content": text, "refusal": None}
    if request.get("tools"):
        name = request["tools"][0]["function"]["name"]
        message = {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": name, "arguments": text}}]}
    prompt = sum(len(str(m.get("content", "")).split()) for m in request.get("messages", []))
    return {"id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()),
            "model": request.get("model", "test"), "choices": [
                {"index": 0, "message": message, "finish_reason": "tool_calls" if request.get("tools") else "stop"}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": len(text.split()),
                      "total_tokens": prompt + len(text.split())}}


class _Handler(BaseHTTPRequestHandler):
    script: Script

    def log_message(self, *args: Any) -> None:
        return

    def _reply(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        self.script.seen.append((self.path, body))
        for suffix, statuses in self.script.fail.items():
            if self.path.endswith(suffix) and statuses:
                status = statuses.pop(0)
                error = json.dumps({"error": {"message": f"scripted {status}", "type": "server_error"}}).encode()
                self._reply(status, error, "application/json", {"Retry-After": "0"})
                return
        if self.script.stall_s:
            time.sleep(self.script.stall_s)
        if self.script.held(self.path):
            self.script.released.wait(300)
        if self.path.endswith("/chat/completions"):
            self._reply(200, json.dumps(_completion(body, self.script.chat.pop(0))).encode(), "application/json")
        elif self.path.endswith("/images/generations"):
            png = base64.b64encode(_png(body.get("size", "1024x1024"), body["prompt"])).decode()
            answer = {"created": int(time.time()), "data": [{"b64_json": png}]}
            self._reply(200, json.dumps(answer).encode(), "application/json")
        elif self.path.endswith("/audio/speech"):
            self._reply(200, _wav(body["input"]), "audio/wav")
        elif self.path.endswith("/embeddings"):
            texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
            data = [{"object": "embedding", "index": i, "embedding": [float((len(t) + k) % 7) + 1.0 for k in range(8)]}
                    for i, t in enumerate(texts)]
            tokens = sum(len(t.split()) for t in texts)
            answer = {"object": "list", "data": data, "model": body["model"],
                      "usage": {"prompt_tokens": tokens, "total_tokens": tokens}}
            self._reply(200, json.dumps(answer).encode(), "application/json")
        else:
            self._reply(404, b'{"error": {"message": "no such route"}}', "application/json")


def serve() -> Iterator[tuple[str, Script]]:
    """Run the server on a free port for the duration of a fixture: yields (base URL ending in /v1, script)."""
    script = Script()
    handler = type("Handler", (_Handler,), {"script": script})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", script
    finally:
        server.shutdown()
        server.server_close()
