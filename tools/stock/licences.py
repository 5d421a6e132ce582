"""Licence names as providers spell them, normalized, and which of them a tenant allows."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Commercial use without attribution or share-alike duties beyond a credit: the default allow-list.
DEFAULT_ALLOWED = ("pexels", "pixabay", "cc0", "pdm", "by")
URLS = {
    "pexels": "https://www.pexels.com/license/",
    "pixabay": "https://pixabay.com/service/license-summary/",
    "cc0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "pdm": "https://creativecommons.org/publicdomain/mark/1.0/",
}


def normalize(name: str) -> str:
    """'CC BY-SA 4.0', 'cc-by-sa', 'by-sa' -> 'by-sa'; 'CC0', 'Public domain' -> 'cc0' / 'pdm'; else lower-case."""
    value = re.sub(r"[\s_]+", "-", name.strip().lower())
    value = re.sub(r"^cc-(?=by|0|zero)", "", value)
    value = re.sub(r"-\d+(\.\d+)?$", "", value)  # the version
    if value in ("0", "cc0", "zero", "cc-zero"):
        return "cc0"
    if value in ("public-domain", "pd", "pdm", "pd-old", "pd-us", "pd-self", "publicdomain"):
        return "pdm"
    return value


def allowed(licence: str, permitted: Sequence[str]) -> bool:
    """Whether a normalized licence is on the tenant's list."""
    return normalize(licence) in {normalize(p) for p in permitted}
