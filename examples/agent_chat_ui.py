"""Make a video in LangChain's agent-chat-ui, clicking as an editor would, and screenshot each step.

    langgraph dev --no-browser --port 2024                      # in this repository (`pip install -e '.[studio]'`)
    # agent-chat-ui (github.com/langchain-ai/agent-chat-ui), built with NEXT_PUBLIC_API_URL=http://127.0.0.1:2024
    # and NEXT_PUBLIC_ASSISTANT_ID=production, served with `pnpm start -p 3000`
    python examples/agent_chat_ui.py --ui http://127.0.0.1:3000 --server http://127.0.0.1:2024 --out docs/screenshots

It types the brief into the chat, edits the first scene's line in the review card's Storyboard field and submits
it (agent-chat-ui sends the request's own arguments, edited), types "drop the last scene" while the cut waits,
then clicks Approve. It checks each step on the server with the SDK (the edit was made, the cut lost a scene, the
thread published a video its signed link downloads) and writes agent-chat-ui-storyboard.png and
agent-chat-ui-published.png. Playwright drives Chromium (`--chromium /usr/bin/chromium`, Debian's; nothing is
downloaded).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import httpx
from langgraph_sdk import get_sync_client
from playwright.sync_api import Page, sync_playwright

BRIEF = "A 12-second vertical video announcing our spring sale. Everything is 20% off until Sunday."
FIRST_LINE = "Spring is here, and so is our sale."
WAIT_MS = 180_000


def latest_thread(server: str) -> dict[str, Any]:
    """The newest thread's state on the server (the one the UI made)."""

    client = get_sync_client(url=server)
    threads = client.threads.search(limit=1, sort_by="created_at", sort_order="desc")
    return dict(client.threads.get_state(threads[0]["thread_id"]))


def waiting(state: dict[str, Any]) -> dict[str, Any]:
    """The review the thread waits on."""
    interrupts = [i for task in state.get("tasks", []) for i in task.get("interrupts", [])]
    assert interrupts, f"no review waits; the thread is at {state.get('next')}"
    return dict(interrupts[0]["value"])


def review_card(page: Page, action: str) -> None:
    """Wait for agent-chat-ui's review card of this action (its title is the action's name)."""
    page.get_by_text(action, exact=True).last.wait_for(timeout=WAIT_MS)
    page.get_by_text("Mark as Resolved").last.wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(800)


def say(page: Page, text: str) -> None:
    """Type a chat message and send it."""
    page.get_by_placeholder("Type your message...").fill(text)
    page.get_by_role("button", name="Send").click()


def main(ui: str, server: str, out: Path, chromium: str) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.set_default_timeout(WAIT_MS)  # renders take seconds, more on a busy machine
        page.goto(ui)
        say(page, BRIEF)
        review_card(page, "review_storyboard")
        page.wait_for_load_state("networkidle")  # the run's stream has ended: the card will not be drawn again
        board = next(field for field in page.locator("textarea").all()
                     if field.input_value().startswith('{"title"'))
        edited = json.loads(board.input_value())
        scenes = len(edited["scenes"])
        edited["scenes"][0]["narration"] = FIRST_LINE
        board.fill(json.dumps(edited))
        page.get_by_role("button", name="Submit", exact=True).wait_for()  # the card took the edit
        page.get_by_text("Storyboard for").last.scroll_into_view_if_needed()
        page.screenshot(path=str(out / "agent-chat-ui-storyboard.png"))
        print(f"storyboard review: {scenes} scenes; edited scene 1's line in the card")
        page.get_by_role("button", name="Submit", exact=True).click()

        review_card(page, "approve_final")
        state = latest_thread(server)
        cut = waiting(state)["action_requests"][0]["args"]["storyboard"]["scenes"]
        assert cut[0]["narration"] == FIRST_LINE, cut[0]
        print(f"the edit was made and rendered: the cut waits ({len(cut)} scenes)")
        say(page, "drop the last scene")
        shorter: list[dict[str, Any]] = cut
        for _ in range(WAIT_MS // 1000):  # the chat turn's run replans and renders again
            page.wait_for_timeout(1000)
            state = latest_thread(server)
            if state.get("next") == ["approve_final"] and any(t.get("interrupts") for t in state["tasks"]):
                shorter = waiting(state)["action_requests"][0]["args"]["storyboard"]["scenes"]
                if len(shorter) < len(cut):
                    break
        assert len(shorter) == len(cut) - 1, (len(cut), len(shorter))
        review_card(page, "approve_final")
        print(f"chat turn 'drop the last scene': {len(cut)} -> {len(shorter)} scenes, rendered again")
        page.get_by_role("button", name="Approve", exact=True).click()

        page.get_by_text("Published:").last.wait_for(timeout=WAIT_MS)
        page.wait_for_timeout(800)
        page.get_by_text("Published:").last.scroll_into_view_if_needed()
        page.screenshot(path=str(out / "agent-chat-ui-published.png"))
        browser.close()
    values = latest_thread(server)["values"]
    assert values.get("status") == "published", values.get("status")
    video = httpx.get(server + values["links"]["video"], timeout=60)
    assert video.status_code == 200 and video.content[4:8] == b"ftyp", video.status_code
    print(f"published; the video's signed link downloads {len(video.content):,} bytes of MP4")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ui", default="http://127.0.0.1:3000", help="agent-chat-ui, built for --server.")
    parser.add_argument("--server", default="http://127.0.0.1:2024", help="The LangGraph server.")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"), help="Where the screenshots go.")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="The Chromium to drive.")
    args = parser.parse_args()
    sys.exit(main(args.ui, args.server, args.out, args.chromium))
