"""Make a video through LangGraph's own server with the official SDK, as agent-chat-ui and Studio do.

    langgraph dev --no-browser --port 2024        # in the repository, with `pip install -e '.[studio]'`
    python examples/sdk_production.py --url http://127.0.0.1:2024

It sends a brief as a chat message and answers the storyboard review with a reject without a message (the review
asks again: the thread is not broken), then an edit in agent-chat-ui's shape (the review request's own arguments,
edited); at the cut it types a chat turn ("drop the last scene": the video is made again without it), then
approves. It downloads the preview and the published video by the signed links in the thread's state (`links`,
served by the routes the server mounts), as a client on another machine would. It prints each step and the
published files, and stops with an AssertionError (or exits 1) when a step
does not do what it should.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

import httpx
from langgraph_sdk import get_client

BRIEF = "A 12-second vertical video announcing our spring sale. Everything is 20% off until Sunday."


def review(state: dict[str, Any]) -> dict[str, Any]:
    """The review waiting in a thread's state (its interrupt's value)."""
    interrupts = [i for task in state.get("tasks", []) for i in task.get("interrupts", [])]
    if not interrupts:
        raise SystemExit(f"expected a review to wait; the thread is {state.get('next')}")
    return dict(interrupts[0]["value"])


async def wait(client: Any, thread: str, run: dict[str, Any]) -> dict[str, Any]:
    """The thread's state once the run has ended (at an interrupt, or done)."""
    await client.runs.join(thread, run["run_id"])
    return dict(await client.threads.get_state(thread))


async def fetch(url: str, link: str) -> bytes:
    """A file by its signed link (relative to the server unless object storage presigned it)."""
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        response = await http.get(link)
    assert response.status_code == 200, (link, response.status_code, response.text[:200])
    return response.content


async def main(url: str) -> int:
    client = get_client(url=url)
    thread = (await client.threads.create())["thread_id"]
    context = {"planner": "rules", "profile": "preview"}
    start = {"messages": [{"type": "human", "content": BRIEF}]}
    state = await wait(client, thread, await client.runs.create(thread, "production", input=start, context=context))
    asked = review(state)
    scenes = asked["action_requests"][0]["args"]["storyboard"]["scenes"]
    print(f"storyboard: {len(scenes)} scenes; first line: {scenes[0]['narration']!r}")

    async def answer(decision: dict[str, Any]) -> dict[str, Any]:
        run = await client.runs.create(thread, "production", command={"resume": {"decisions": [decision]}},
                                       context=context)
        return await wait(client, thread, run)

    state = await answer({"type": "reject"})  # LangChain's HITL types allow it; the graph asks again
    again = review(state)
    assert again["checkpoint"] == "storyboard" and "error" in again, again
    print(f"reject without a message: asked again ({again['error']})")

    # agent-chat-ui edits the request's own arguments, each in a text box, and sends the one it changed as the
    # box's JSON text (the others as they came).
    args = again["action_requests"][0]["args"]
    board = args["storyboard"]
    board["scenes"][0]["narration"] = "Spring is here, and so is our sale."
    args["storyboard"] = json.dumps(board, indent=2)
    state = await answer({"type": "edit", "edited_action": {"name": "review_storyboard", "args": args}})
    cut = review(state)
    assert cut["checkpoint"] == "final", cut
    made = cut["action_requests"][0]["args"]["storyboard"]["scenes"]
    assert made[0]["narration"] == "Spring is here, and so is our sale.", made[0]
    print(f"edit in agent-chat-ui's shape: rendered ({len(made)} scenes), the cut waits for approval")

    run = await client.runs.create(thread, "production", input={"messages": [
        {"type": "human", "content": "drop the last scene"}]}, context=context)
    state = await wait(client, thread, run)
    shorter = review(state)["action_requests"][0]["args"]["storyboard"]["scenes"]
    assert review(state)["checkpoint"] == "final" and len(shorter) == len(made) - 1, (len(made), len(shorter))
    print(f"chat turn 'drop the last scene': {len(made)} -> {len(shorter)} scenes, rendered again")
    preview = await fetch(url, review(state)["action_requests"][0]["args"]["links"]["preview-video"])
    assert preview[4:8] == b"ftyp", preview[:16]
    print(f"the cut under review, by its signed link: {len(preview):,} bytes of MP4")

    state = await answer({"type": "approve"})
    deliverables = state["values"].get("deliverables") or {}
    if "video" not in deliverables:
        print(f"not published: {state['values'].get('status')}", file=sys.stderr)
        return 1
    video = await fetch(url, state["values"]["links"]["video"])
    assert video[4:8] == b"ftyp", video[:16]
    print(f"published: {deliverables['video']}; downloaded by its signed link: {len(video):,} bytes")
    said = [m["content"] for m in state["values"].get("messages", []) if m.get("type") == "ai"]
    print(f"the conversation: {len(said)} messages from the agent; last: {said[-1]!r}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:2024", help="The LangGraph server.")
    sys.exit(asyncio.run(main(parser.parse_args().url)))
