"""The product's vocabulary: aspect ratios, tones, transitions, planner and quality choices, review decisions."""

from __future__ import annotations

from typing import Literal, get_args

Aspect = Literal["16:9", "9:16", "1:1", "4:5"]
ASPECTS: tuple[Aspect, ...] = get_args(Aspect)

Transition = Literal["cut", "fade", "slide"]
TRANSITIONS: tuple[Transition, ...] = get_args(Transition)
TransitionChoice = Literal["auto", "cut", "fade", "slide"]
TRANSITION_CHOICES: tuple[TransitionChoice, ...] = get_args(TransitionChoice)

# Caption presets: the spoken word lit (highlight), words appearing as they are said (pop), the line in a box
# without a moving highlight (boxed), outlined words without a box (outline), or no burned-in captions (none).
CaptionStyle = Literal["highlight", "pop", "boxed", "outline", "none"]
CAPTION_STYLES: tuple[CaptionStyle, ...] = get_args(CaptionStyle)
CaptionSize = Literal["small", "medium", "large"]
CAPTION_SIZES: tuple[CaptionSize, ...] = get_args(CaptionSize)

Profile = Literal["preview", "final"]
PROFILES: tuple[Profile, ...] = get_args(Profile)

Outcome = Literal["pass", "review", "block"]
DecisionType = Literal["approve", "edit", "reject"]
DECISION_TYPES: tuple[DecisionType, ...] = get_args(DecisionType)
# What an edit changes: scenes rewritten (an edit), a new take, a take picked, a picture swapped, a scene re-timed,
# its transition changed, an earlier version restored.
ChangeKind = Literal["edit", "regenerate", "take", "picture", "retime", "transition", "restore"]
Regenerate = Literal["voice", "picture", "all"]
REGENERATE: tuple[Regenerate, ...] = get_args(Regenerate)

# Tones the brief parser recognizes, in the order it prefers them when a brief names several.
TONES = ("upbeat", "energetic", "playful", "festive", "calm", "warm", "friendly", "serious",
         "urgent", "formal", "professional", "inspiring", "neutral")
# Tones that get quick cuts: slides between scenes, an exclamation in the hook, a faster music bed.
LIVELY_TONES = frozenset({"upbeat", "energetic", "playful", "festive", "urgent"})


def aspect_ratio(aspect: str) -> tuple[int, int]:
    """(width, height) units of an aspect such as '9:16'."""
    width, _, height = aspect.partition(":")
    return int(width), int(height)


def one_of(names: tuple[str, ...] | list[str]) -> str:
    """'a, b or c': how error messages list the allowed names."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
