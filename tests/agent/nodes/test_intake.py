"""intake: a typed Brief from the request; unusable input is a clear InvalidInput."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.errors import InvalidInput
from agent.nodes.intake import build_brief
from agent.settings import Settings


def test_reads_duration_aspect_tone_and_subject_from_the_words(settings: Settings) -> None:
    brief = build_brief({"text": "a 30-second vertical video announcing our spring sale, upbeat"},
                        settings)
    assert (brief.duration_s, brief.aspect, brief.tone) == (30.0, "9:16", "upbeat")
    assert brief.subject == "our spring sale"
    assert brief.language == "en"


def test_every_aspect_ratio_is_accepted_in_words_and_fields(settings: Settings) -> None:
    assert build_brief({"text": "a 15-second 4:5 invitation to our gala"}, settings).aspect == "4:5"
    assert build_brief({"text": "an instagram feed post about tea"}, settings).aspect == "4:5"
    for aspect in ("16:9", "9:16", "1:1", "4:5"):
        assert build_brief({"text": "a video about tea", "aspect": aspect}, settings).aspect == aspect


def test_explicit_fields_win_over_the_words(settings: Settings, photo: Path) -> None:
    brief = build_brief({"text": "a 30-second vertical video about tea", "duration_s": 12,
                         "aspect": "1:1", "tone": "calm", "assets": [str(photo)]}, settings)
    assert (brief.duration_s, brief.aspect, brief.tone) == (12, "1:1", "calm")
    assert brief.assets == [str(photo.resolve())]


@pytest.mark.parametrize(("request_", "message"), [
    ({"text": "   "}, "the brief is empty"),
    ({"text": "x" * 5000}, "too long"),
    ({"text": "12 34 !!"}, "no words"),
    ({"text": "a video", "duration_s": 2}, "between 5 and 300"),
    ({"text": "a video", "aspect": "4:3"}, "aspect must be one of"),
    ({"text": "a video", "assets": ["/nope/missing.png"]}, "asset not found"),
    ({"text": "a video", "language": "xx-klingon"}, "no speech engine"),
    ({"text": "a video", "colour": "red"}, "invalid colour"),
    ({"text": "a video", "duration_s": "long"}, "invalid duration_s"),
])
def test_bad_input_is_refused_with_a_clear_sentence(settings: Settings, request_: dict[str, object],
                                                    message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        build_brief(request_, settings)


def test_a_file_that_is_not_an_image_is_refused(settings: Settings, tmp_path: Path) -> None:
    fake = tmp_path / "logo.png"
    fake.write_text("not really a png")
    with pytest.raises(InvalidInput, match="not a readable image"):
        build_brief({"text": "a video", "assets": [str(fake)]}, settings)
