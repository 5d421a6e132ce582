"""Phrase templates the rules planner writes with, by the brief's intent."""

from __future__ import annotations

import re

INTENT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("invite", r"\b(invit\w*|webinar|conference|meetup|join us|rsvp|open house|event)\b"),
    ("explain", r"\b(explain\w*|how to|walk\w* through|guide|policy|onboard\w*|training|tutorial)\b"),
    ("summarize", r"\b(summar\w*|recap\w*|news|update|report|results|article)\b"),
    ("promote", r"\b(promot\w*|advertis\w*|sale|discount|offer|deal|shop)\b"),
    ("announce", r"\b(announc\w*|launch\w*|introduc\w*|unveil\w*|reveal\w*)\b"),
)

HOOKS: dict[str, list[str]] = {
    "announce": ["Big news: {subject} is here.", "Introducing {subject}.", "Say hello to {subject}."],
    "promote": ["{Subject} is on now.", "Don't miss {subject}.", "Looking for a great deal? Meet {subject}."],
    "explain": ["Here's what you need to know about {subject}.", "Let's walk through {subject}.",
                "{Subject}, explained in a minute."],
    "invite": ["You're invited to {subject}.", "Join us for {subject}.", "Save the date for {subject}."],
    "summarize": ["Here's the latest on {subject}.", "Your quick update on {subject}.",
                  "{Subject}: the key points."],
    "generic": ["Meet {subject}.", "Here's a quick look at {subject}.", "Let's talk about {subject}."],
}

FILLERS: dict[str, list[str]] = {
    "announce": ["We've been working hard on this, and we can't wait to share it with you.",
                 "Here's why it matters to you.",
                 "It's designed with you in mind, from the first look to the last detail.",
                 "Be among the first to try it."],
    "promote": ["There's never been a better time to treat yourself.",
                "Find something you love and make it yours.",
                "Fresh picks are waiting for you, so come take a look.",
                "Tell your friends and make a day of it."],
    "explain": ["We'll cover what changes, who it affects, and what to do next.",
                "Here are the key points in plain language.",
                "Take a moment to read the details, so nothing catches you by surprise.",
                "If anything is unclear, just ask."],
    "invite": ["Expect great conversations, new ideas, and people who share your interests.",
               "We'd love to see you there.",
               "Bring a friend and make a day of it.",
               "Spaces are limited, so plan ahead."],
    "summarize": ["Here are the highlights you need.", "Let's get you up to speed.",
                  "We'll keep it short and to the point.", "Here's what it means for you."],
    "generic": ["Here's what makes it worth your attention.", "Take a closer look.",
                "There's more to it than meets the eye.", "We think you'll like what you see."],
}

CTA: dict[str, str] = {
    "announce": "Find out more today.",
    "promote": "Shop now.",
    "explain": "Questions? Reach out to your team.",
    "invite": "Save your spot today.",
    "summarize": "Stay tuned for more updates.",
    "generic": "Learn more today.",
}


def intent_of(text: str) -> str:
    """The first intent whose words the brief uses, else 'generic'."""
    for intent, pattern in INTENT_PATTERNS:
        if re.search(pattern, text, re.IGNORECASE):
            return intent
    return "generic"
