"""Briefs: a typed Brief from the request; unusable input is a clear InvalidInput."""

from __future__ import annotations

from pathlib import Path

import pytest

from aios.agent.briefs import build_brief
from aios.kernel.context import Context
from aios.kernel.errors import InvalidInput
from aios.kernel.settings import Settings


@pytest.fixture
def context(settings: Settings) -> Context:
    """The run's context as the job service hands it to intake: the choices and the settings."""
    return Context(settings=settings)


def test_reads_duration_aspect_tone_and_subject_from_the_words(context: Context) -> None:
    brief = build_brief({"text": "a 30-second vertical video announcing our spring sale, upbeat"}, context)
    assert (brief.duration_s, brief.aspect, brief.tone) == (30.0, "9:16", "upbeat")
    assert brief.subject == "our spring sale"
    assert brief.language == "en"


@pytest.mark.parametrize(("text", "subject"), [
    ("A 15-second vertical video on our new employee benefits. Dental now covers orthodontics for children.",
     "our new employee benefits"),
    ("Our bakery opens on Main Street. Make a 20-second clip about our new bakery for customers.",
     "our new bakery for customers"),
    ("Dental now covers orthodontics for children.", "children"),
])
def test_the_subject_comes_from_the_first_sentence_that_names_one(text: str, subject: str, context: Context) -> None:
    assert build_brief({"text": text}, context).subject == subject


def test_every_aspect_ratio_is_accepted_in_words_and_fields(context: Context) -> None:
    assert build_brief({"text": "a 15-second 4:5 invitation to our gala"}, context).aspect == "4:5"
    assert build_brief({"text": "an instagram feed post about tea"}, context).aspect == "4:5"
    for aspect in ("16:9", "9:16", "1:1", "4:5"):
        assert build_brief({"text": "a video about tea", "aspect": aspect}, context).aspect == aspect


def test_explicit_fields_win_over_the_words(context: Context, photo: Path) -> None:
    brief = build_brief({"text": "a 30-second vertical video about tea", "duration_s": 12,
                         "aspect": "1:1", "tone": "calm", "assets": [str(photo)]}, context)
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
def test_bad_input_is_refused_with_a_clear_sentence(context: Context, request_: dict[str, object],
                                                    message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        build_brief(request_, context)


def test_a_file_that_is_not_an_image_is_refused(context: Context, tmp_path: Path) -> None:
    fake = tmp_path / "logo.png"
    fake.write_text("not really a png")
    with pytest.raises(InvalidInput, match="not a readable image"):
        build_brief({"text": "a video", "assets": [str(fake)]}, context)


def test_a_length_that_belongs_to_a_fact_is_not_the_videos(context: Context) -> None:
    brief = build_brief({"text": "Tell staff about the new break policy. Everyone gets two 15-minute breaks."},
                        context)
    assert brief.duration_s == 30.0, "15-minute breaks are not a 15-minute video"
    assert build_brief({"text": "Members get two 15-minute breaks. A 20-second video for our gym."},
                       context).duration_s == 20.0
    assert build_brief({"text": "Our new bike folds in 10 seconds. Make it 45 seconds."}, context).duration_s == 45.0


@pytest.mark.parametrize("source", ["%PDF-1.7 1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj", "asdf qwrt zxcv. bnm.",
                                    "   \n\n  ", "1 2 3 4 5 6 7 8 9 10"])
def test_a_source_with_no_usable_text_is_refused(context: Context, source: str) -> None:
    if not source.strip():
        assert build_brief({"text": "a video about tea", "source_text": source}, context).source_text is None
        return
    with pytest.raises(InvalidInput, match="no sentences to summarize"):
        build_brief({"text": "a video about tea", "source_text": source}, context)


def test_without_espeak_ng_another_language_names_the_package_to_install(settings: Settings) -> None:
    context = Context(settings=settings.model_copy(update={"espeak_path": "/nonexistent/espeak-ng"}))
    with pytest.raises(InvalidInput, match=r"speaks language 'es': install espeak-ng \(Debian/Ubuntu: sudo apt-get"):
        build_brief({"text": "Anuncia nuestra rebaja de primavera.", "language": "es"}, context)
