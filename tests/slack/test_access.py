"""Allowlists: empty allows nobody, '*' allows all, approvers default to the allowed users."""

from __future__ import annotations

import pytest

from aios.kernel.settings import Settings
from aios.slack.access import Access, NotAllowed


def test_a_fresh_install_allows_nobody() -> None:
    access = Access.from_settings(Settings())
    with pytest.raises(NotAllowed, match="AIOS_SLACK_ALLOWED_CHANNELS"):
        access.check_start("U1", "C1")
    with pytest.raises(NotAllowed, match="AIOS_SLACK_APPROVERS"):
        access.check_review("U1")


def test_lists_wildcards_and_default_approvers() -> None:
    access = Access.from_settings(Settings(slack_allowed_users=["U1", "U2"], slack_allowed_channels=["*"]))
    access.check_start("U2", "C-anything")
    access.check_review("U2")  # approvers default to the allowed users
    with pytest.raises(NotAllowed, match=r"You \(U3\) are not allowed"):
        access.check_start("U3", "C1")
    strict = Access.from_settings(Settings(slack_allowed_users=["*"], slack_allowed_channels=["C1"],
                                           slack_approvers=["U1"]))
    strict.check_start("U9", "C1")
    strict.check_review("U1")
    with pytest.raises(NotAllowed):
        strict.check_review("U9")
    with pytest.raises(NotAllowed, match=r"channel \(C2\)"):
        strict.check_start("U9", "C2")
