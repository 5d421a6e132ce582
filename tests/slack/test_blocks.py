"""Block Kit builders: within Slack's limits, editor text quoted safely, decisions replace buttons."""

from __future__ import annotations

import json

from aios.kernel.schemas import PolicyFinding, PolicyReport, Scene, Storyboard
from aios.slack import blocks
from aios.slack.progress import Progress


def board(count: int) -> Storyboard:
    return Storyboard(title="Spring sale", planner="rules", scenes=[
        Scene(index=i, narration=f"Everything is 20% off <!channel> & more, scene {i}.", on_screen_text="20% off",
              duration_s=3) for i in range(count)])


def test_the_storyboard_review_lists_scenes_with_thumbnails_and_buttons() -> None:
    policy = PolicyReport(outcome="review", version="1", findings=[PolicyFinding(
        rule="pii", outcome="review", reason="an email address", excerpt="a@b.c", scene_index=1)])
    found = blocks.storyboard_review("job-1", board(3), policy, ["F1", None, "F3"])
    sections = [b for b in found if b["type"] == "section" and b["text"]["text"].startswith("*Scene")]
    assert [s.get("accessory", {}).get("slack_file") for s in sections] == [{"id": "F1"}, None, {"id": "F3"}]
    assert "⚠️" in sections[1]["text"]["text"] and "scene 2: an email address" in json.dumps(found)
    assert "&lt;!channel&gt; &amp; more" in sections[0]["text"]["text"]  # no channel-wide pings from a script
    actions = found[-1]
    assert [e["action_id"] for e in actions["elements"]] == ["aios_approve", "aios_edit", "aios_reject"]
    value = json.loads(actions["elements"][0]["value"])
    assert value == {"job": "job-1", "checkpoint": "storyboard", "sb": blocks.digest(board(3))}
    assert blocks.digest(board(3)) != blocks.digest(board(2))


def test_the_largest_storyboard_fits_one_message() -> None:
    found = blocks.storyboard_review("job-1", board(40), None, [])
    assert len(found) <= 50
    assert all(len(b["text"]["text"]) <= 3000 for b in found if b["type"] == "section")


def test_decisions_replace_the_buttons_and_progress_is_two_blocks() -> None:
    review = blocks.final_review("job-1", {"qc": {"checks": [{"passed": True}, {"passed": False}],
                                                  "loudness_lufs": -14.04}}, board(1))
    assert "QC: 1/2 checks passed · loudness -14.0 LUFS" in review[0]["text"]["text"]
    decided = blocks.decided(review, "✅ Approved by <@U1>.")
    assert not any(b["type"] == "actions" for b in decided) and decided[-1]["elements"][0]["text"].startswith("✅")
    shown = blocks.progress("job-1", Progress(stage="Rendering", fraction=0.5))
    assert shown[0]["text"]["text"] == "⏳ *Rendering*" and "▰▰▰▰▰▰▱▱▱▱▱▱  50%" in shown[1]["elements"][0]["text"]
    assert blocks.delivered("job-1", "T", "final", "1080x1920", final_offered=False)[-1]["type"] == "section"


def test_text_from_people_and_models_is_escaped_everywhere_it_is_shown() -> None:
    from aios.slack.mrkdwn import escape

    hostile = "<!channel> <https://evil.example|Approve here> & <@U999>"
    assert escape(hostile) == "&lt;!channel&gt; &lt;https://evil.example|Approve here&gt; &amp; &lt;@U999&gt;"
    scene = Scene(index=0, narration=hostile, on_screen_text=hostile[:60], duration_s=3)
    board = Storyboard(title=hostile[:80], scenes=[scene], duration_s=3, planner="rules")
    posted = json.dumps(blocks.storyboard_review("job-1", board, None, [None]) + blocks.failed(hostile)
                        + blocks.delivered("job-1", hostile, "preview", "1x1", False))
    assert "<!channel>" not in posted and "<https://evil" not in posted and "<@U999>" not in posted


def test_the_review_shows_the_contact_sheet_and_whose_pictures_scenes_show() -> None:
    pictures = [{"scene": 1, "shown": {"ref": "stock:pexels:7", "title": "A dentist <chair>", "author": "Ana",
                                       "provider": "pexels", "licence": "pexels"},
                 "alternatives": [{"ref": "stock:pixabay:9", "title": "teeth", "author": "Bo", "provider": "pixabay",
                                   "licence": "pixabay"}]}]
    found = blocks.storyboard_review("job-1", board(3), None, [], sheet="F9", pictures=pictures)
    assert found[2] == {"type": "image", "slack_file": {"id": "F9"}, "alt_text": "Contact sheet: every scene",
                        "title": {"type": "plain_text", "text": "Contact sheet"}}
    scene_two = next(i for i, b in enumerate(found) if b["type"] == "section" and "*Scene 2*" in b["text"]["text"])
    credit = found[scene_two + 1]["elements"][0]["text"]
    assert "A dentist &lt;chair&gt; · Ana · pexels · pexels" in credit and "1 other picture in Edit scenes" in credit
    assert blocks.storyboard_review("job-1", board(3), None, [])[2]["type"] == "section"  # no sheet, no image


def test_the_planners_note_to_the_editor_is_shown_above_the_scenes() -> None:
    note = "the narration fills about 40% of the 45 s: add details or a source, or ask for about 20 s"
    found = blocks.storyboard_review("job-1", board(2), None, [], note=note)
    assert found[2]["text"]["text"] == f"💡 {note}"
