"""Phrases the rules planner writes with, by the brief's intent: hooks, calls to action, and the lead-in that turns
a verbless fact ("Keynotes, workshops and an awards dinner") into a spoken sentence."""

from __future__ import annotations

import hashlib
import re

INTENT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("invite", r"\b(invit\w*|webinar|conference|summit|meetup|join us|rsvp|open house|event|gala|workshop|evento|"
               r"événement|einladung|veranstaltung|einladen|lade|tag der offenen tür|portes ouvertes|convid\w*|"
               r"convite|feria|festa)\b"),
    ("recruit", r"\b(hiring|recruit\w*|job opening|vacanc\w*|careers?|join our team|we're looking for)\b"),
    ("notice", r"\b(outage|maintenance|closed|closure|opening hours|hours change|service notice|downtime|"
               r"disruption|delay\w*)\b"),
    ("howto", r"\b(how to|step[- ]by[- ]step|tutorial|walk\w* through|guide to)\b"),
    ("results", r"\b(results|quarter|q[1-4]|annual report|milestones?|year in review|grew|growth)\b"),
    ("explain", r"\b(explain\w*|policy|policies|benefits|onboard\w*|training|changes to|what's changing|explica\w*|"
                r"política|beneficios|explique\w*|politique|avantages|erklär\w*|richtlinie|leistungen|benefícios|"
                r"spiega\w*|politica|benefici)\b"),
    ("summarize", r"\b(summar\w*|recap\w*|news|article|report|update|resum\w*|noticia\w*|résum\w*|actualité|"
                  r"zusammenfass\w*|nachricht\w*|notícia\w*|riassum\w*|riassun\w*|notizi\w*)\b"),
    ("promote", r"\b(promot\w*|advertis\w*|sale|discount|offer|deal|shop|% off|coupon|black friday|rebaja\w*|"
                r"descuento\w*|oferta\w*|soldes|remise|rabatt\w*|angebot\w*|desconto\w*|promoç\w*|sconto\w*|"
                r"saldi|offerta\w*)\b"),
    ("announce", r"\b(announc\w*|launch\w*|introduc\w*|unveil\w*|reveal\w*|new|lanza\w*|nuev[oa]s?|nouveau|"
                 r"nouvelle|lance\w*|neue?[nrs]?|lança\w*|nov[oa]s?|nuov[oaei]|lancia|presenta\w*)\b"),
)

HOOKS: dict[str, list[str]] = {
    "announce": ["Say hello to {subject}.", "Meet {subject}.", "The wait is over: {subject} {is|are} here.",
                 "Something new is here: {subject}."],
    "promote": ["Ready to save? {Subject} {is|are} on.", "Good news for your wallet: {subject} {is|are} on now.",
                "It's time to treat yourself: {subject} {is|are} here.", "Don't miss {subject}."],
    "explain": ["Here's what's changing with {subject}.", "Let's go over {subject}.",
                "A quick guide to {subject}.", "Here's what you need to know about {subject}."],
    "invite": ["You're invited to {subject}.", "Join us at {subject}.", "Save the date for {subject}."],
    "summarize": ["Here's the latest on {subject}.", "Catch up on {subject}.", "Here's what happened with {subject}."],
    "recruit": ["We're hiring!", "Your next role starts here: we're hiring.", "Your next job could start here."],
    "notice": ["Heads up: here's an important update.", "Please note this change.", "A quick service update for you."],
    "results": ["The numbers are in.", "Here's how we did.", "Time for a look at the results."],
    "howto": ["Here's {subject}.", "{Subject}, step by step.", "A quick guide: {subject}."],
    "generic": ["Take a look at {subject}.", "Meet {subject}.", "Here's a quick look at {subject}."],
}

CTA: dict[str, list[str]] = {
    "announce": ["Get yours today.", "Find out more today.", "See it for yourself today."],
    "promote": ["Shop now.", "Don't wait: shop today.", "Treat yourself today."],
    "explain": ["Questions? Reach out to your team.", "Have a question? Just ask.",
                "Check the details that apply to you."],
    "invite": ["Save your spot today.", "We'd love to see you there.", "Reserve your place today."],
    "summarize": ["Follow us for more updates.", "Stay tuned for more.", "Read the full story on our page."],
    "recruit": ["Apply today.", "Send us your application today.", "Come and grow with us."],
    "notice": ["Thanks for your patience.", "Thank you for understanding.", "Check back for updates."],
    "results": ["Thank you for being part of it.", "Here's to the next chapter.", "Thanks for your support."],
    "howto": ["Give it a try today.", "Try it yourself today.", "You're all set."],
    "generic": ["Learn more today.", "Find out more today.", "Take a closer look today."],
}

# How a verbless fact is spoken, by intent ("Keynotes from our CEO" -> "Expect keynotes from our CEO").
LEAD_IN: dict[str, str] = {"invite": "Expect", "announce": "You get", "promote": "Enjoy", "recruit": "You get",
                           "results": "Highlights include"}

# What fills the time a brief's facts leave unspoken (agent/planners/fill.py): each carries a figure, a date or the
# subject.
STRESS = ["That's {}.", "That's right: {}.", "Yes: {}."]
URGENCY = ["Don't wait: {} comes fast.", "Don't leave it late: {} is the date.", "Be quick: it ends {}."]
CONNECTORS = ["Plus:", "What's more:", "On top of that:", "Also:"]
LAST_CONNECTORS = ["And finally:", "One more thing:", "Last but not least:"]
SIGN_OFF: dict[str, list[str]] = {
    "announce": ["{Subject}: made for you.", "That's {subject}."],
    "promote": ["{Subject}: don't miss out.", "That's {subject}."],
    "explain": ["That's {subject}, in short.", "That's {subject} at a glance."],
    "invite": ["{Subject}: see you there.", "{Subject}: we'll see you there."],
    "summarize": ["That's the latest on {subject}."],
    "howto": ["That's {subject}.", "And that's {subject}."],
    "generic": ["That's {subject}."],
}


_HOWTO = dict(INTENT_PATTERNS)["howto"]


def intent_of(text: str) -> str:
    """The first intent whose words the brief uses, else 'generic'. A how-to whose "how to" comes before any other
    intent's words is a how-to: its steps are actions that would read as other intents ("invite your guests")."""
    howto = re.search(_HOWTO, text, re.IGNORECASE)
    if howto and not any(re.search(pattern, text[:howto.start()], re.IGNORECASE) for _, pattern in INTENT_PATTERNS):
        return "howto"
    for intent, pattern in INTENT_PATTERNS:
        if re.search(pattern, text, re.IGNORECASE):
            return intent
    return "generic"


def choose(options: list[str], seed: str, salt: str = "") -> str:
    """One of the options, picked by a hash of the brief: the same brief reads the same, similar ones differ."""
    digest = hashlib.sha256(f"{salt}|{seed}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]
