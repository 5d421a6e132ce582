"""The one chat-model factory: any LangChain provider through init_chat_model."""

from __future__ import annotations

from typing import Any

from langchain.chat_models import init_chat_model
from langchain_core.language_models import BaseChatModel

from aios.kernel.errors import ConfigurationError
from aios.kernel.settings import Settings


def chat_model(settings: Settings) -> BaseChatModel:
    """Build the configured chat model (OpenAI-compatible endpoints via base_url)."""
    if not settings.llm_model:
        raise ConfigurationError("no LLM configured: set AIOS_LLM_MODEL (e.g. openai:gpt-4o-mini)")
    kwargs: dict[str, Any] = {
        "temperature": settings.llm_temperature,
        "timeout": settings.llm_timeout_s,
        "max_retries": 2,
    }
    if settings.llm_base_url:
        kwargs["base_url"] = settings.llm_base_url
    if settings.llm_api_key:
        kwargs["api_key"] = settings.llm_api_key.get_secret_value()
    try:
        return init_chat_model(settings.llm_model, **kwargs)
    except (ValueError, ImportError) as exc:
        raise ConfigurationError(f"cannot build chat model {settings.llm_model!r}: {exc}") from exc
