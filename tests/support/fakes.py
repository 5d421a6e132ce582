"""Scripted chat models for tests (never a product default)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage


class ScriptedChatModel(GenericFakeChatModel):
    """Answers with the scripted messages in order and records what it was sent."""

    seen: ClassVar[list[list[BaseMessage]]] = []

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> ScriptedChatModel:  # type: ignore[override]
        return self

    def _generate(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> Any:
        self.seen.append(list(messages))
        return super()._generate(messages, *args, **kwargs)


def storyboard_call(scenes: list[dict[str, Any]], title: str = "Spring sale") -> AIMessage:
    """An AI message whose tool call carries a StoryboardDraft."""
    return AIMessage(content="", tool_calls=[{"name": "StoryboardDraft", "id": "call-1",
                                              "args": {"title": title, "scenes": scenes}}])


def scripted(*messages: AIMessage) -> ScriptedChatModel:
    """A fake model that answers with these messages, one per call."""
    ScriptedChatModel.seen = []
    return ScriptedChatModel(messages=iter(messages))
