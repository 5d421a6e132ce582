"""Captions: chunking, timing inside the speech, SRT and VTT output."""

from __future__ import annotations

import itertools

from tools.render.captions import chunk, timed, to_srt, to_vtt

TEXT = "Spring is here, and so are our biggest savings of the season. Shop today!"


def test_chunks_are_short_and_keep_every_word() -> None:
    parts = chunk(TEXT)
    assert " ".join(parts) == TEXT
    assert all(len(p.split()) <= 7 and len(p) <= 42 for p in parts)


def test_a_short_lead_phrase_joins_the_next() -> None:
    assert chunk("Tea, brewed fresh every morning.") == ["Tea, brewed fresh every morning."]


def test_cues_cover_the_speech_in_order() -> None:
    cues = timed(TEXT, start=2.0, duration=5.0, hold=0.2)
    assert cues[0].start == 2.0
    assert cues[-1].end == 7.2
    assert all(a.end <= b.start + 1e-6 for a, b in itertools.pairwise(cues))


def test_srt_and_vtt_formats() -> None:
    cues = timed("Hello there.", start=61.5, duration=1.0)
    assert to_srt(cues) == "1\n00:01:01,500 --> 00:01:02,700\nHello there.\n"
    assert to_vtt(cues).startswith("WEBVTT\n\n00:01:01.500 --> 00:01:02.700\nHello there.")
