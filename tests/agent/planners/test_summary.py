"""Source summaries: central sentences first (MiniLM), asides compressed away, quotes said with their speaker."""

from __future__ import annotations

import pytest

from aios.agent.planners.summary import attributed, compress, rank, summarize
from aios.kernel.settings import Settings
from aios.tools.library.embeddings import get_embedder
from aios.tools.text import word_count

ARTICLE = ("RIVERTON — The city council voted on Tuesday to extend library opening hours. "
           "The council chamber was repainted blue last spring. "
           "From March 1, all twelve library branches will open until 9 p.m. on weekdays. "
           "“Longer library hours help students and shift workers,” said council member Ana Ruiz. "
           "“We are delighted,” she said. "
           "The library plan, which passed by seven votes to two, costs 1.2 million dollars a year.")


@pytest.mark.parametrize(("quote", "said"), [
    ("“Longer hours help students,” said council member Ana Ruiz.",
     "Council member Ana Ruiz said: “Longer hours help students.”"),
    ("\"We will reopen in June,\" the mayor says.", "The mayor said: “We will reopen in June.”"),
    ("The mayor said the bridge reopens in June.", "The mayor said the bridge reopens in June."),
])
def test_quotes_are_said_with_their_speaker_first(quote: str, said: str) -> None:
    assert attributed(quote) == said


def test_a_quote_only_a_pronoun_attributes_is_left_out() -> None:
    assert attributed("“We are delighted,” she said.") is None


def test_asides_are_compressed_away() -> None:
    assert compress("The plan, which passed by seven votes to two, costs 1.2 million dollars (a record).") == (
        "The plan costs 1.2 million dollars.")
    assert compress("However, the bridge stays open.") == "The bridge stays open."


@pytest.fixture(scope="module")
def embed():  # type: ignore[no-untyped-def]
    return get_embedder(Settings()).embed


@pytest.mark.slow  # loads the packaged MiniLM
def test_the_off_topic_sentence_ranks_last_by_embedding_centrality(embed) -> None:  # type: ignore[no-untyped-def]
    scored = {text: score for _, text, score in rank(ARTICLE, embed)}
    assert min(scored, key=scored.__getitem__) == "The council chamber was repainted blue last spring."
    assert not any("she said" in text or "delighted" in text for text in scored)
    assert not any(text.startswith("RIVERTON") for text in scored)


@pytest.mark.slow
def test_a_summary_fits_its_room_in_the_articles_order(embed) -> None:  # type: ignore[no-untyped-def]
    chosen = summarize(ARTICLE, 40, lambda text: False, embed)
    assert sum(word_count(t) for t in chosen) <= 40 and "repainted" not in " ".join(chosen)
    assert chosen[0].startswith("The city council voted")
    assert "The library plan costs 1.2 million dollars a year." in chosen  # compressed to fit
    assert summarize(ARTICLE, 40, lambda text: "dollars" in text, embed) and not any(
        "dollars" in t for t in summarize(ARTICLE, 40, lambda text: "dollars" in text, embed))


def test_a_byline_set_as_a_sentence_is_not_news() -> None:
    ranked = [text for _, text, _ in rank("The bridge reopens in June. By Dana Ortiz. Repairs cost 2 million euros.")]
    assert ranked == ["The bridge reopens in June.", "Repairs cost 2 million euros."]
