"""Process settings from AIOS_* environment variables, built once by get_settings()."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from aios.kernel.catalogs import (
    IMAGERY,
    INDEXES,
    SPEECH,
    STOCK,
    ImageEngineName,
    IndexName,
    RendererName,
    SpeechEngineName,
    StockProviderName,
)
from aios.kernel.vocab import one_of

# Public list prices (USD) of OpenAI's models, per image / per 1,000 characters / per million tokens.
DEFAULT_PRICES = {"gpt-image-1": 0.042, "dall-e-3": 0.04, "dall-e-2": 0.02, "tts-1": 0.015, "tts-1-hd": 0.03,
                  "gpt-4o-mini-tts": 0.015, "text-embedding-3-small": 0.02, "text-embedding-3-large": 0.13,
                  "text-embedding-ada-002": 0.1}


RetentionKind = Literal["working", "deliverables", "uploads", "cache", "jobs"]
DEFAULT_RETENTION: dict[RetentionKind, float] = {"working": 7, "deliverables": 0, "uploads": 90, "cache": 30,
                                                 "jobs": 0}


class Settings(BaseSettings):
    """Process-wide configuration. Per-run choices live in aios.kernel.context.Context."""

    model_config = SettingsConfigDict(env_prefix="AIOS_", env_file=".env", extra="ignore", populate_by_name=True)

    home: Path = Field(
        default=Path("~/.aios"), description="Data directory: checkpoints, jobs, cache, renders."
    )
    database_url: SecretStr | None = Field(
        default=None, description="postgresql://user:pass@host/db: jobs, events, audit and checkpoints in "
        "PostgreSQL (shared by API processes and workers). Unset: SQLite under AIOS_HOME.")
    broker_url: str | None = Field(
        default=None, description="redis://host:6379/0: jobs run on Celery workers (`aios worker`); the API only "
        "enqueues and streams. Needs AIOS_DATABASE_URL. Unset: jobs run inside the API process.")
    queue: str = Field(default="aios-jobs", description="The Celery queue jobs go to.")
    worker_concurrency: int = Field(default=2, ge=1, le=64, description="Jobs one `aios worker` runs at once.")
    job_lease_s: float = Field(
        default=30.0, ge=2, le=3600, description="A worker's hold on a job, renewed every third of it; "
        "a job whose worker died is taken over once its lease runs out.")
    worker_metrics_port: int = Field(default=9464, ge=0, le=65535, description="Port of a worker's /metrics (0: off).")
    storage_url: str | None = Field(
        default=None, description="fsspec URL of object storage for artifacts and the cache (s3://bucket/prefix): "
        "what one machine makes, another pulls; downloads become presigned URLs. Unset: AIOS_HOME only.")
    storage_options: dict[str, Any] = Field(
        default_factory=dict, description='fsspec options (JSON), e.g. {"endpoint_url": "http://minio:9000"}; '
        "credentials also come from the usual AWS_* variables.")
    llm_model: str | None = Field(
        default=None,
        description="Chat model for the LLM planner, as init_chat_model takes it "
        "(e.g. 'openai:gpt-4o-mini'). Unset: the offline rules planner is used.",
    )
    llm_base_url: str | None = Field(
        default=None, description="Base URL of an OpenAI-compatible endpoint."
    )
    llm_api_key: SecretStr | None = Field(default=None, description="API key for the endpoint.")
    llm_temperature: float = Field(default=0.4, ge=0.0, le=2.0)
    llm_timeout_s: float = Field(default=60.0, gt=0)
    llm_max_attempts: int = Field(default=3, ge=1, le=10)
    tts_engine: SpeechEngineName = Field(
        default="hibari", description=f"Speech engine: {one_of(SPEECH.names)}.")
    tts_voice: str = Field(default="heart", description="Voice name for the speech engine.")
    espeak_path: str = Field(default="espeak-ng", description="espeak-ng binary for other languages.")
    tts_fallbacks: list[SpeechEngineName] = Field(
        default_factory=lambda: ["hibari"], description="Speech engines tried in order when the chosen one fails.")
    tts_model: Path | None = Field(default=None, description="Coqui model checkpoint (file or directory).")
    tts_config: Path | None = Field(default=None, description="Coqui config.json; default: beside the model.")
    tts_speaker_wav: Path | None = Field(
        default=None, description="Reference clip whose voice Coqui clones (models with a speaker encoder, XTTS).")
    tts_encoder_model: Path | None = Field(default=None, description="Coqui speaker-encoder checkpoint, if separate.")
    tts_encoder_config: Path | None = Field(default=None, description="Coqui speaker-encoder config.")
    tts_device: str = Field(default="auto", description="auto (cuda when present), cpu or cuda[:N].")
    image_engine: ImageEngineName = Field(
        default="cards", description=f"Visual engine: {one_of(IMAGERY.names)} (cards are drawn, offline).")
    image_fallbacks: list[ImageEngineName] = Field(
        default_factory=lambda: ["cards"], description="Image engines tried in order when the chosen one fails.")
    image_model: Path | None = Field(
        default=None, description="Local diffusers pipeline directory (SD 1.5/2.x, SDXL, SD-Turbo, FLUX-schnell).")
    image_device: str = Field(default="auto", description="auto (cuda when present), cpu or cuda[:N].")
    image_dtype: Literal["auto", "fp16", "bf16", "fp32"] = Field(
        default="auto", description="auto: fp16 (UNets) or bf16 (transformers) on CUDA, fp32 on CPU.")
    image_steps: int | None = Field(
        default=None, ge=1, le=200, description="Denoising steps; default 30, or 4 for turbo/schnell models.")
    image_guidance: float | None = Field(default=None, ge=0, le=30, description="Guidance scale override.")
    image_batch: int = Field(default=4, ge=1, le=64, description="Scenes generated in one batch at most.")
    image_attention_slicing: bool = Field(default=False, description="Slice attention to save GPU memory.")
    image_style: str = Field(
        default="clean commercial photography, natural light, high detail",
        description="Brand style appended to every generated image's prompt.")
    stock_providers: list[StockProviderName] = Field(
        default_factory=list, description="Stock photo providers searched, in order, for scenes with no supplied "
        f"or library picture: {one_of(STOCK.names)} (they reach the internet; none by default).")
    stock_licences: list[str] = Field(
        default_factory=lambda: ["pexels", "pixabay", "cc0", "pdm", "by"],
        description="Licences a stock picture may carry (normalized: pexels, pixabay, cc0, pdm, by, by-sa, ...); "
        "others are skipped.")
    stock_min_score: float = Field(
        default=0.2, ge=-1, le=1, description="Least cosine between a scene and a stock picture's description.")
    stock_cache_hours: float = Field(
        default=24.0, ge=0, description="How long provider answers are reused (Pixabay asks for 24 h).")
    pexels_api_key: SecretStr | None = Field(default=None, description="Pexels API key.")
    pexels_url: str = Field(default="https://api.pexels.com", description="Pexels API base URL.")
    pixabay_api_key: SecretStr | None = Field(default=None, description="Pixabay API key.")
    pixabay_url: str = Field(default="https://pixabay.com", description="Pixabay API base URL.")
    openverse_url: str = Field(default="https://api.openverse.org", description="Openverse API base URL.")
    wikimedia_url: str = Field(default="https://commons.wikimedia.org", description="Wikimedia Commons base URL.")
    motion_model: Path | None = Field(
        default=None, description="Local image-to-video pipeline (e.g. Stable Video Diffusion) for scenes "
        "marked for motion; unset: Ken Burns.")
    motion_frames: int = Field(default=14, ge=2, le=64, description="Frames the motion model makes per scene.")
    motion_steps: int = Field(default=25, ge=1, le=100, description="Denoising steps of the motion model.")
    motion_size: int | None = Field(
        default=None, ge=32, le=2048, description="Side of the square whose pixel count motion frames are "
        "generated at (shaped to the video's aspect); default: the model's own (SVD: 768).")
    managed_base_url: str | None = Field(
        default=None, description="OpenAI-compatible endpoint for the openai image and speech engines; "
        "default: the LLM's.")
    managed_api_key: SecretStr | None = Field(default=None, description="Its key; default: the LLM's.")
    managed_timeout_s: float = Field(default=60.0, gt=0, description="Timeout of one managed-engine call.")
    managed_max_retries: int = Field(
        default=3, ge=0, le=10, description="Retries (exponential backoff, honouring Retry-After) per call.")
    managed_image_model: str = Field(default="gpt-image-1", description="Model of the openai image engine.")
    managed_image_sizes: list[str] = Field(
        default_factory=lambda: ["1024x1024", "1536x1024", "1024x1536"],
        description="Sizes the image endpoint accepts; the one closest to the video's aspect is asked for.")
    managed_speech_model: str = Field(default="tts-1", description="Model of the openai speech engine.")
    managed_voice: str = Field(default="alloy", description="Voice of the openai speech engine.")
    prices: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_PRICES),
        description="USD per unit by model (JSON): per image, per 1,000 characters spoken, or per million "
        "embedding tokens. An unlisted model's calls are recorded with cost 0 and marked unpriced.")
    ffmpeg_path: str | None = Field(
        default=None, description="ffmpeg binary; default: the one shipped by imageio-ffmpeg."
    )
    renderer: RendererName = Field(
        default="ffmpeg",
        description="Render backend: ffmpeg (segments in parallel, fast) or moviepy (reference).",
    )
    video_encoder: Literal["auto", "libx264", "h264_nvenc"] = Field(
        default="auto", description="auto: h264_nvenc when it opens on this machine, else libx264."
    )
    render_workers: int | None = Field(
        default=None, ge=1, le=32, description="Segments rendered at once; default: CPU count (max 4)."
    )
    words_per_second: float | None = Field(
        default=None, gt=0.5, lt=6.0,
        description="Speaking rate plans are paced at; default: the job's voice, measured once a machine.",
    )
    blocked_terms: list[str] = Field(
        default_factory=list, description="Extra terms that block a job (JSON list)."
    )
    policy_file: Path | None = Field(
        default=None, description="Policy YAML (terms, claims, thresholds, tenants); default: the packaged one."
    )
    policy_classifiers: bool = Field(
        default=True, description="Run the offline profanity and NSFW classifiers besides the rules."
    )
    label_text: str = Field(default="AI-generated", min_length=1, max_length=60,
                            description="The visible synthetic-media label.")
    label_position: Literal["top-right", "top-left", "bottom-right", "bottom-left"] = Field(
        default="top-right", description="Where the label sits inside the safe area.")
    c2pa_cert: Path | None = Field(
        default=None, description="PEM certificate chain (signer first) for C2PA manifests; "
        "default: AIOS_HOME/c2pa/chain.pem when `aios keys c2pa-init` made one.")
    c2pa_key: Path | None = Field(default=None, description="PEM private key of the C2PA signer.")
    c2pa_alg: Literal["es256", "es384", "es512", "ps256", "ps384", "ps512", "ed25519"] = Field(
        default="es256", description="C2PA signing algorithm (must match the key).")
    c2pa_tsa_url: str | None = Field(default=None, description="RFC 3161 time-stamp authority for C2PA signatures.")
    c2pa_trust_anchors: Path | None = Field(
        default=None, description="PEM roots trusted when reading manifests back; default: AIOS_HOME/c2pa/ca.pem.")
    max_brief_chars: int = Field(default=4000, ge=100)
    max_source_chars: int = Field(default=50_000, ge=1000)
    max_replans: int = Field(default=3, ge=0, le=20)

    api_workers: int = Field(default=2, ge=1, le=32, description="Jobs the API process runs at once.")
    max_queued_per_tenant: int = Field(
        default=20, ge=1, le=10_000, description="New jobs a tenant may have queued or running; more get 429.")
    queue_retry_after_s: int = Field(
        default=30, ge=1, le=3600, description="Retry-After (seconds) on a 429 for a full tenant queue.")
    url_secret: SecretStr | None = Field(
        default=None, description="HMAC key for signed download URLs; default: generated under AIOS_HOME."
    )
    webhook_secret: SecretStr | None = Field(
        default=None, description="HMAC key for webhook signatures; default: generated under AIOS_HOME."
    )
    url_ttl_s: int = Field(default=3600, ge=10, le=7 * 86400, description="Lifetime of signed download URLs.")
    max_body_bytes: int = Field(default=1_000_000, ge=1024, description="Largest JSON request body the API accepts.")
    max_upload_bytes: int = Field(default=20_000_000, ge=1024, description="Largest image upload the API accepts.")
    max_image_pixels: int = Field(
        default=40_000_000, ge=65_536, le=500_000_000, description="Largest image (width x height) this process "
        "opens, anywhere: uploads, library ingest, edited scenes; larger ones are refused before decoding.")
    trusted_proxies: list[str] = Field(
        default_factory=list, description='Addresses or networks of the reverse proxy (JSON list, e.g. ["10.0.0.5"]) '
        "whose X-Forwarded-Proto and X-Forwarded-For the API believes (https behind it: Secure cookies, HSTS).")
    metrics_token: SecretStr | None = Field(
        default=None, description="Bearer token /metrics asks for (scrapers send it); unset: /metrics is open.")
    retention_days: dict[RetentionKind, float] = Field(
        default_factory=lambda: dict(DEFAULT_RETENTION), description="Days each kind is kept (JSON; 0: forever): "
        "working (an unpublished job's render files; a published job's go at once), deliverables, uploads, cache, "
        "jobs (a finished job entirely). Swept hourly by the server and workers, or by `aios gc`.")
    retention_tenants: dict[str, dict[RetentionKind, float]] = Field(
        default_factory=dict, description='Per-tenant overrides (JSON), e.g. {"acme": {"deliverables": 30}}.')
    retention_sweep_s: float = Field(default=3600, ge=0, description="Seconds between sweeps (0: only `aios gc`).")
    sse_ping_s: float = Field(default=15.0, gt=0, description="Keep-alive ping interval on event streams.")
    webhook_attempts: int = Field(default=5, ge=1, le=20)
    webhook_backoff_s: float = Field(default=1.0, ge=0, description="First retry delay; doubles each attempt.")
    webhook_timeout_s: float = Field(default=10.0, gt=0, le=120, description="Timeout of one delivery attempt.")
    webhook_concurrency: int = Field(default=8, ge=1, le=256, description="Deliveries one process makes at once.")
    webhook_tenant_concurrency: int = Field(
        default=2, ge=1, le=64, description="Deliveries of one tenant in flight at once, across all processes.")
    webhook_allowed_networks: list[str] = Field(
        default_factory=list, description='Private networks webhook receivers may be on (JSON list of CIDRs, e.g. '
        '["10.20.0.0/16"]); default: public addresses only.')

    embeddings: str = Field(default="minilm", description="minilm (offline, packaged) or openai:<model>.")
    embedding_base_url: str | None = Field(default=None, description="Embeddings endpoint; default: the LLM's.")
    embedding_api_key: SecretStr | None = Field(default=None, description="Embeddings key; default: the LLM's.")
    embedding_dim: int = Field(default=1536, ge=1, le=8192, description="Vector size of openai:<model> embeddings.")
    index: IndexName = Field(default="lancedb", description=f"Asset index backend: {one_of(INDEXES.names)}.")
    weaviate_url: str | None = Field(
        default=None, validation_alias=AliasChoices("WEAVIATE_URL", "AIOS_WEAVIATE_URL"),
        description="Weaviate server (http(s)://host:port; gRPC on 50051).")
    weaviate_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("WEAVIATE_API_KEY", "AIOS_WEAVIATE_API_KEY"))
    asset_min_score: float = Field(
        default=0.45, ge=0, le=1, description="Cosine similarity a library image needs to replace a drawn card.")
    guideline_min_score: float = Field(
        default=0.3, ge=0, le=1, description="Cosine similarity a guideline passage needs to reach the planner.")

    slack_bot_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_BOT_TOKEN", "AIOS_SLACK_BOT_TOKEN"),
        description="Bot token (xoxb-...). With the signing secret it serves Slack at /slack/events.")
    slack_signing_secret: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "AIOS_SLACK_SIGNING_SECRET"),
        description="Verifies that requests to /slack/events come from Slack.")
    slack_app_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_APP_TOKEN", "AIOS_SLACK_APP_TOKEN"),
        description="App-level token (xapp-...) for Socket Mode (`aios slack --socket`).")
    slack_api_url: str = Field(
        default="https://slack.com/api/", description="Slack Web API base URL (a stand-in server in tests).")
    slack_allowed_users: list[str] = Field(
        default_factory=list, description='Slack user ids that may start jobs (JSON list; ["*"]: everyone).')
    slack_allowed_channels: list[str] = Field(
        default_factory=list, description='Channel ids where the bot takes requests (JSON list; ["*"]: all).')
    cli_tenant: str = Field(
        default="local", pattern=r"^[A-Za-z0-9_.-]{1,64}$",
        description="The tenant `aios make` and `aios assets` act for (--tenant overrides it). To see CLI jobs on "
        "the review page, sign in there with a key of this tenant: aios keys create --tenant local.")
    slack_tenant: str | None = Field(
        default=None, description="Tenant that owns Slack-started jobs (its API keys see them); "
        "default: slack-<workspace id>.")
    slack_approvers: list[str] = Field(
        default_factory=list, description="User ids that may approve, edit or reject; default: the allowed users.")

    @property
    def slack_over_http(self) -> bool:
        """Whether the app serves the Slack bot at /slack/events (a bot token and a signing secret)."""
        return self.slack_bot_token is not None and self.slack_signing_secret is not None

    @property
    def data_dir(self) -> Path:
        """The expanded data directory, created on first use."""
        path = self.home.expanduser()
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        return path


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Build the settings once per process (never at import time)."""
    return Settings()
