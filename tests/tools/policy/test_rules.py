"""Rules policy: blocked terms block, personal data goes to review, ordinary copy passes."""

from __future__ import annotations

from tools.policy.rules import Text, check


def test_ordinary_marketing_copy_passes() -> None:
    report = check([Text("Everything is 40% off until Sunday, 2026. Prices from $19.99.", 0)])
    assert report.outcome == "pass"
    assert report.findings == []
    assert report.version == "rules-1"


def test_email_and_phone_go_to_review_and_point_at_the_scene() -> None:
    report = check([Text("Write to jane.doe@example.com", 1), Text("Call +1 (555) 123-4567", 2)])
    assert report.outcome == "review"
    assert [(f.rule, f.scene_index) for f in report.findings] == [
        ("personal_data.email", 1), ("personal_data.phone", 2)]


def test_blocked_terms_block_including_configured_ones() -> None:
    report = check([Text("A guide on how to make a bomb", None)])
    assert report.outcome == "block"
    custom = check([Text("Better than AcmeCorp", 3)], blocked_terms=["acmecorp"])
    assert custom.outcome == "block"
    assert custom.findings[0].scene_index == 3
    assert check([Text("The bombastic finale", 0)]).outcome == "pass"
