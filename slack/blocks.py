"""Block Kit messages the bot posts: the request, its progress, reviews, deliveries and failures."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from aios.kernel.schemas import PolicyReport, Storyboard
from aios.slack.mrkdwn import escape, quote
from aios.slack.progress import Progress

Block = dict[str, Any]
SECTION_LIMIT = 2900  # Slack allows 3000 characters in a section's text


def digest(storyboard: Storyboard) -> str:
    """A short fingerprint of a storyboard: buttons carry it so a stale review cannot answer a newer one."""
    return hashlib.sha256(storyboard.model_dump_json().encode()).hexdigest()[:16]


def text(value: str, kind: str = "mrkdwn") -> dict[str, Any]:
    """A text object."""
    return {"type": kind, "text": value[:SECTION_LIMIT]} if kind == "mrkdwn" else {"type": kind, "text": value[:150]}


def section(value: str, accessory: dict[str, Any] | None = None) -> Block:
    """A section block, with an optional accessory."""
    block: Block = {"type": "section", "text": text(value)}
    if accessory:
        block["accessory"] = accessory
    return block


def context(value: str) -> Block:
    """A context block of one line."""
    return {"type": "context", "elements": [text(value)]}


def button(label: str, action_id: str, value: dict[str, Any], style: str | None = None) -> dict[str, Any]:
    """A button whose value carries the job and the review it answers."""
    element: dict[str, Any] = {"type": "button", "text": text(label, "plain_text"), "action_id": action_id,
                               "value": json.dumps(value, separators=(",", ":"))}
    if style:
        element["style"] = style
    return element


def request(user: str, brief: str) -> list[Block]:
    """The thread's root message for a slash-command request."""
    return [section(f"🎬 <@{user}> asked for a video:\n{quote(brief)}"),
            context("Progress, the storyboard review and the videos follow in this thread.")]


def progress(job_id: str, state: Progress) -> list[Block]:
    """The one progress message, updated in place."""
    return [section(state.line()), context(f"`{state.bar()}`  ·  job `{job_id}`")]


def storyboard_review(job_id: str, storyboard: Storyboard, policy: PolicyReport | None,
                      thumbnails: list[str | None], sheet: str | None = None,
                      pictures: list[dict[str, Any]] | None = None, note: str | None = None) -> list[Block]:
    """The storyboard as scene sections (narration, on-screen text, thumbnail, whose stock picture) under its
    contact sheet, then Approve, Edit, Reject."""
    value = {"job": job_id, "checkpoint": "storyboard", "sb": digest(storyboard)}
    blocks: list[Block] = [
        {"type": "header", "text": text(f"Storyboard: {escape(storyboard.title)}", "plain_text")},
        context(f"{len(storyboard.scenes)} scenes · {storyboard.duration_s:g} s · planner {storyboard.planner}"
                f" · revision {storyboard.revision}"),
    ]
    if note:  # the planner's word to the editor, e.g. that the brief is too thin for its length
        blocks.append(section(f"💡 {escape(note)}"))
    if sheet:
        blocks.append({"type": "image", "slack_file": {"id": sheet}, "alt_text": "Contact sheet: every scene",
                       "title": text("Contact sheet", "plain_text")})
    offers = {p["scene"]: p for p in pictures or []}
    findings = policy.findings if policy else []
    if findings:
        lines = [f"• {'scene ' + str(f.scene_index + 1) + ': ' if f.scene_index is not None else ''}{escape(f.reason)}"
                 for f in findings]
        blocks.append(section(f"⚠️ *Policy: {policy.outcome if policy else ''}*\n" + "\n".join(lines)[:2000]))
    for scene in storyboard.scenes[:40]:
        flagged = " ⚠️" if any(f.scene_index == scene.index for f in findings) else ""
        body = f"*Scene {scene.index + 1}* · {scene.duration_s:g} s{flagged}\n{quote(scene.narration)}"
        if scene.on_screen_text:
            body += f"\n_On screen:_ {escape(scene.on_screen_text)}"
        thumb = thumbnails[scene.index] if scene.index < len(thumbnails) else None
        accessory = {"type": "image", "slack_file": {"id": thumb}, "alt_text": scene.on_screen_text or "scene"} \
            if thumb else None
        blocks.append(section(body, accessory))
        if scene.index in offers:
            blocks.append(credit_line(offers[scene.index]))
    blocks.append({"type": "actions", "block_id": "review", "elements": [
        button("Approve", "aios_approve", value, "primary"),
        button("Edit scenes", "aios_edit", value),
        button("Reject…", "aios_reject", value, "danger")]})
    return blocks


def credit_line(offer: dict[str, Any]) -> Block:
    """Whose stock picture a scene shows, and how many others it could show (Edit scenes swaps them)."""
    shown, others = offer.get("shown"), len(offer.get("alternatives") or [])
    credit = (f"📷 {escape(shown['title'][:60])} · {escape(shown['author'] or 'unknown')} · {shown['provider']} · "
              f"{escape(shown['licence'])}") if shown else "📷 a drawn card"
    return context(credit + (f" · {others} other picture{'s' if others != 1 else ''} in Edit scenes" if others else ""))


def final_review(job_id: str, args: dict[str, Any], storyboard: Storyboard,
                 takes: dict[int, int] | None = None) -> list[Block]:
    """The rendered cut (uploaded just above): each scene with a Regenerate menu (a new take of its voice, picture or
    both, or one of its takes), then Approve & publish, Edit and Request changes, and the exports for editors."""
    qc = args.get("qc") or {}
    checks = qc.get("checks") or []
    passed = sum(1 for c in checks if c.get("passed"))
    value = {"job": job_id, "checkpoint": "final", "sb": digest(storyboard)}
    scenes = [{**section(f"*Scene {scene.index + 1}* · {scene.duration_s:g} s\n{quote(scene.narration)}",
                         regenerate_menu(digest(storyboard), (takes or {}).get(scene.index, 1))),
               "block_id": scene_block_id(job_id, scene.index)} for scene in storyboard.scenes[:40]]
    return [
        section(f"🎞️ *The cut is ready for review* (preview above).\nQC: {passed}/{len(checks)} checks passed"
                + (f" · loudness {qc['loudness_lufs']:.1f} LUFS" if qc.get("loudness_lufs") is not None else "")),
        *scenes,
        {"type": "actions", "block_id": "review", "elements": [
            button("Approve & publish", "aios_approve", value, "primary"),
            button("Edit scenes", "aios_edit", value),
            button("Request changes…", "aios_reject", value, "danger")]},
        exports(job_id),
    ]


REGENERATE = {"voice": "New take: voice", "picture": "New take: picture", "all": "New take: voice and picture"}


def regenerate_menu(sb: str, takes: int) -> dict[str, Any]:
    """A scene's overflow menu: a new take of its voice, picture or both, or one of its first takes (its block names
    the job and scene; each option's value, under Slack's 75 characters, what to do and the review it answers).
    Slack shows five options: takes past the second are picked on the review page or with `aios scene`."""
    options = [{"text": text(label, "plain_text"), "value": f"{part}|{sb}"} for part, label in REGENERATE.items()]
    options += [{"text": text(f"Use take {n}", "plain_text"), "value": f"take{n}|{sb}"} for n in range(1, takes + 1)]
    return {"type": "overflow", "action_id": "aios_scene", "options": options[:5]}


def scene_block_id(job_id: str, index: int) -> str:
    """The block id of a scene's section in a cut review: which job and scene its menu acts on."""
    return f"scene:{job_id}:{index}"


def exports(job_id: str) -> Block:
    """Buttons that send the cut, as a bundle for an editing program, to the thread."""
    return {"type": "actions", "block_id": "exports", "elements": [
        button(label, "aios_export", {"job": job_id, "format": fmt}) for fmt, label in EXPORTS.items()]}


EXPORTS = {"fcp7": "Premiere / Resolve", "fcpxml": "Final Cut Pro", "capcut": "CapCut / JianYing", "otio": "OTIO"}


def decided(blocks: list[Block], line: str) -> list[Block]:
    """A review message after its decision: the buttons replaced by who decided what."""
    return [b for b in blocks if b.get("type") != "actions"] + [context(line)]


def delivered(job_id: str, title: str, profile: str, size: str, final_offered: bool) -> list[Block]:
    """The message under a delivered video, offering a final-quality render after a preview."""
    blocks: list[Block] = [section(f"✅ *{escape(title)}* is published ({profile}, {size}).")]
    if final_offered:
        blocks.append({"type": "actions", "block_id": "deliver", "elements": [
            button("Render final quality", "aios_render_final", {"job": job_id, "checkpoint": "published"})]})
    return blocks


def failed(reason: str) -> list[Block]:
    """A failure report in the thread."""
    return [section(f"❌ *The job stopped:* {escape(reason)}")]
