"""The README's webhook verification snippets (Python and Node), run as written against signatures the product
makes: a delivery verifies, a changed byte, a wrong secret or a stale timestamp does not."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from aios.runtime.webhooks import signature

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
SECRET = "whsec literal 🙂 not base64=="


def snippet(language: str) -> str:
    found = re.search(rf"<!-- webhook-verify:{language} -->\n```\w+\n(.*?)```", README, re.S)
    assert found, f"no {language} snippet in the README"
    return found.group(1)


def cases() -> list[tuple[dict[str, str], bytes, str, bool]]:
    body = json.dumps({"type": "job.completed", "thread_id": "job-1", "data": {"status": "published"}}).encode()
    now = int(time.time())
    good = {"X-AIOS-Timestamp": str(now), "X-AIOS-Signature": signature(SECRET, now, body)}
    stale = {"X-AIOS-Timestamp": str(now - 900), "X-AIOS-Signature": signature(SECRET, now - 900, body)}
    return [(good, body, SECRET, True), (good, body.replace(b"job-1", b"job-2"), SECRET, False),
            (good, body, "another secret", False), (stale, body, SECRET, False)]


def test_the_python_snippet_verifies_real_signatures() -> None:
    scope: dict[str, object] = {}
    exec(snippet("python"), scope)  # the README's own code, run as a reader would
    verified = scope["verified"]
    for headers, body, secret, expected in cases():
        assert verified(secret, headers, body) is expected  # type: ignore[operator]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed here")
def test_the_node_snippet_verifies_real_signatures(tmp_path: Path) -> None:
    script = tmp_path / "verify.js"
    calls = [{"secret": secret, "headers": {k.lower(): v for k, v in headers.items()}, "body": body.decode(),
              "expected": expected} for headers, body, secret, expected in cases()]
    script.write_text(snippet("node") + "\nconst calls = " + json.dumps(calls) + ";\n"
                      "for (const c of calls) { const got = verified(c.secret, c.headers, Buffer.from(c.body));\n"
                      "  if (got !== c.expected) { console.log('mismatch', JSON.stringify(c)); process.exit(1); } }\n"
                      "console.log('ok');\n", encoding="utf-8")
    done = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stdout + done.stderr
