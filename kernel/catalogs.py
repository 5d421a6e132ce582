"""Every extension point's catalog: add an engine by writing its module and one line here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aios.kernel.catalog import Catalog

# Speech engines: modules with build(voice, settings) -> SpeechEngine and READS, the settings it depends on.
SPEECH = Catalog("speech engine", {
    "hibari": "aios.tools.tts.hibari",
    "espeak": "aios.tools.tts.espeak",
    "coqui": "aios.tools.tts.coqui",
    "openai": "aios.tools.tts.openai_speech",
})
# Image engines: modules with build(settings) -> ImageEngine and READS.
IMAGERY = Catalog("image engine", {
    "cards": "aios.tools.imagery.cards",
    "diffusers": "aios.tools.imagery.diffusion",
    "openai": "aios.tools.imagery.openai_images",
})
# Stock photo providers: modules with build(settings) -> StockProvider and READS (they reach the internet).
STOCK = Catalog("stock provider", {
    "pexels": "aios.tools.stock.pexels",
    "pixabay": "aios.tools.stock.pixabay",
    "openverse": "aios.tools.stock.openverse",
    "wikimedia": "aios.tools.stock.wikimedia",
})
# Speech recognizers (captions checks, evals): factory(model path or None) -> Recognizer.
RECOGNIZERS = Catalog("speech recognizer", {
    "whisper": "aios.tools.asr.whisper:WhisperRecognizer",
})
# Render backends: render_video(spec, overlays, audio, out, workdir, ...) -> (segments rendered, reused).
RENDERERS = Catalog("renderer", {
    "ffmpeg": "aios.tools.render.ffmpeg_backend:render_video",
    "moviepy": "aios.tools.render.moviepy_backend:render_video",
})
# Embedders: factory(model or None, settings) -> Embedder; a setting names one as NAME or NAME:MODEL.
EMBEDDINGS = Catalog("embeddings", {
    "minilm": "aios.tools.library.embeddings:minilm",
    "openai": "aios.tools.library.embeddings:openai",
})
# Asset indexes: factory(settings, embedder) -> AssetIndex.
INDEXES = Catalog("index", {
    "lancedb": "aios.tools.library.lance:build",
    "weaviate": "aios.tools.library.weaviate_index:build",
})
# Storyboard planners: factory(settings) -> Planner ('auto' picks llm when a model is configured, else rules).
PLANNERS = Catalog("planner", {
    "rules": "aios.agent.planners.rules:build",
    "llm": "aios.agent.planners.llm:build",
})

PLANNER_CHOICES = ("auto", *PLANNERS.names)  # auto: the LLM planner when a chat model is configured, else rules

if TYPE_CHECKING:  # mypy sees plain strings; pydantic validates against the catalogs at run time
    SpeechEngineName = str
    ImageEngineName = str
    StockProviderName = str
    RendererName = str
    IndexName = str
    PlannerChoice = str
else:
    SpeechEngineName: Any = SPEECH.field_type()
    ImageEngineName: Any = IMAGERY.field_type()
    StockProviderName: Any = STOCK.field_type()
    RendererName: Any = RENDERERS.field_type()
    IndexName: Any = INDEXES.field_type()
    PlannerChoice: Any = PLANNERS.field_type("auto")
