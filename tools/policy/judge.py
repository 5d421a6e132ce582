"""An optional LLM judge: the configured chat model labels texts through structured output."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, Field

from aios import prompts
from aios.kernel.schemas import PolicyFinding
from aios.tools.policy.rules import Text

Category = Literal["hate", "violence", "sexual", "self_harm", "harassment", "illegal", "misleading", "manipulation"]


class JudgedText(BaseModel):
    """One problem the judge found in one numbered text."""

    text_number: int = Field(description="The number of the text, as given in its <text n=...> tag.")
    category: Category
    outcome: Literal["review", "block"]
    reason: str = Field(description="One short sentence saying what is wrong.")


class Judgement(BaseModel):
    """The judge's findings; empty when every text is fine."""

    findings: list[JudgedText] = Field(default_factory=list)


def quoted(texts: Sequence[Text]) -> str:
    """The texts numbered inside delimiters, with any delimiter look-alikes inside them defused."""
    return "\n".join(f'<text n="{n}">{prompts.data(t.text)}</text>' for n, t in enumerate(texts, 1))


class LlmJudge:
    """Asks a chat model for a Judgement over the texts; each finding points back at its scene."""

    def __init__(self, model: BaseChatModel, name: str) -> None:
        self._model = model.with_structured_output(Judgement)
        self.name = f"llm:{name}"

    def judge(self, texts: Sequence[Text]) -> list[PolicyFinding]:
        """Findings for the texts (an empty list when the judge sees nothing wrong)."""
        if not texts:
            return []
        answer = self._model.invoke(prompts.load("policy_judge").format(texts=quoted(texts)))
        judgement = answer if isinstance(answer, Judgement) else Judgement.model_validate(answer)
        found = []
        for item in judgement.findings:
            if not 1 <= item.text_number <= len(texts):
                continue
            source = texts[item.text_number - 1]
            found.append(PolicyFinding(rule=f"llm.{item.category}", outcome=item.outcome, reason=item.reason,
                                       excerpt=source.text[:80], scene_index=source.scene_index, engine=self.name))
        return found
