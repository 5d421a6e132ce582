"""The Edit and Reject modals, and reading what an editor submitted in them."""

from __future__ import annotations

import json
from typing import Any

from aios.kernel.schemas import Scene, Storyboard
from aios.slack.blocks import Block, text

MAX_SCENES = 24  # four blocks a scene within Slack's 100 blocks a modal


class FieldErrors(Exception):
    """Submitted fields Slack should mark as wrong: block id -> message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def _input(block_id: str, label: str, element: dict[str, Any], optional: bool = False,
           hint: str | None = None) -> Block:
    block: Block = {"type": "input", "block_id": block_id, "label": text(label, "plain_text"),
                    "element": {**element, "action_id": "value"}, "optional": optional}
    if hint:
        block["hint"] = text(hint, "plain_text")
    return block


def edit_modal(storyboard: Storyboard, metadata: dict[str, Any],
               pictures: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A modal with each scene's narration, on-screen text and duration, and a choice among the stock pictures a
    scene was offered (while Slack's 100 blocks allow); blank narration removes a scene."""
    blocks: list[Block] = [{"type": "context", "elements": [text(
        "Change any scene. Clear a scene's narration to remove it. Saving applies the edits and continues.")]}]
    offers = {p["scene"]: p for p in pictures or [] if p.get("alternatives")}
    spare = 100 - 1 - 4 * min(len(storyboard.scenes), MAX_SCENES)
    for scene in storyboard.scenes[:MAX_SCENES]:
        i = scene.index
        blocks += [
            {"type": "header", "text": text(f"Scene {i + 1}", "plain_text")},
            _input(f"s{i}_narration", "Narration", {"type": "plain_text_input", "multiline": True,
                                                    "initial_value": scene.narration, "max_length": 1500},
                   optional=True),
            _input(f"s{i}_text", "On-screen text", {"type": "plain_text_input", "initial_value": scene.on_screen_text,
                                                    "max_length": 120}, optional=True),
            _input(f"s{i}_duration", "Duration (seconds)", {"type": "number_input", "is_decimal_allowed": True,
                                                             "initial_value": f"{scene.duration_s:g}",
                                                             "min_value": "0.5", "max_value": "120"},
                   hint="Leave as is to re-pace a scene whose narration you changed."),
        ]
        if scene.index in offers and spare > 0:
            blocks.append(picture_input(scene.index, offers[scene.index]))
            spare -= 1
    return {"type": "modal", "callback_id": "aios_edit", "title": text("Edit storyboard", "plain_text"),
            "submit": text("Apply edits", "plain_text"), "close": text("Cancel", "plain_text"),
            "private_metadata": json.dumps(metadata, separators=(",", ":")), "blocks": blocks}


def picture_input(index: int, offer: dict[str, Any]) -> Block:
    """A menu: keep the scene's picture, or show one of the others it was offered (stock:PROVIDER:ID)."""
    shown = offer.get("shown")
    keep = {"text": text(f"Keep: {shown['title'][:60]} ({shown['provider']})"[:75] if shown else "Keep the drawn card",
                         "plain_text"), "value": "keep"}
    options = [keep] + [{"text": text(f"{a['title'][:60] or a['ref']} ({a['provider']})"[:75], "plain_text"),
                         "value": a["ref"][:150]} for a in offer["alternatives"][:20]]
    return _input(f"s{index}_picture", "Picture", {"type": "static_select", "options": options,
                                                   "initial_option": keep}, optional=True,
                  hint="Stock pictures found for this scene; the credits go beside the video.")


def reject_modal(checkpoint: str, metadata: dict[str, Any]) -> dict[str, Any]:
    """A modal asking what to change."""
    label = "What should change in the storyboard?" if checkpoint == "storyboard" else "What should change?"
    return {"type": "modal", "callback_id": "aios_reject", "title": text("Request changes", "plain_text"),
            "submit": text("Send", "plain_text"), "close": text("Cancel", "plain_text"),
            "private_metadata": json.dumps(metadata, separators=(",", ":")),
            "blocks": [_input("feedback", label, {"type": "plain_text_input", "multiline": True, "max_length": 2000,
                                                  "placeholder": text("e.g. shorter intro, mention free shipping",
                                                                      "plain_text")})]}


def _value(values: dict[str, Any], block_id: str) -> str | None:
    found = (values.get(block_id) or {}).get("value") or {}
    raw = found.get("value")
    return raw if raw is None else str(raw)


def edited_scenes(values: dict[str, Any], current: Storyboard) -> list[dict[str, Any]]:
    """Scenes for an edit decision from the modal's state values, kept in order; FieldErrors if unusable."""
    scenes: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    for scene in current.scenes[:MAX_SCENES]:
        narration = " ".join((_value(values, f"s{scene.index}_narration") or "").split())
        if not narration:
            continue
        scenes.append(_scene(scene, narration, values, errors))
    scenes += [s.model_dump(mode="json", exclude={"index"}) for s in current.scenes[MAX_SCENES:]]
    if not scenes:
        errors["s0_narration"] = "Keep at least one scene: a video needs narration."
    if errors:
        raise FieldErrors(errors)
    return scenes


def _scene(scene: Scene, narration: str, values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    block = f"s{scene.index}_duration"
    raw = _value(values, block)
    duration: float | None = scene.duration_s
    if raw not in (None, ""):
        try:
            duration = float(raw or 0)
        except ValueError:
            errors[block] = "Enter a number of seconds."
        else:
            if not 0.5 <= duration <= 120:
                errors[block] = "Between 0.5 and 120 seconds."
    if duration == scene.duration_s and narration != scene.narration:
        duration = None  # untouched duration of rewritten narration: let the pacing decide
    picture = (((values.get(f"s{scene.index}_picture") or {}).get("value") or {}).get("selected_option") or {}).get(
        "value")
    swap = {"asset": picture} if isinstance(picture, str) and picture.startswith("stock:") else {}
    return {**scene.model_dump(mode="json", exclude={"index"}), **swap, "narration": narration,
            "on_screen_text": " ".join((_value(values, f"s{scene.index}_text") or "").split()),
            "duration_s": duration}


def feedback(values: dict[str, Any]) -> str:
    """The reject modal's feedback; FieldErrors when blank."""
    found = " ".join((_value(values, "feedback") or "").split())
    if not found:
        raise FieldErrors({"feedback": "Say what should change."})
    return found
