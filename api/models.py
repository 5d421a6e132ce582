"""Request and response bodies of the API (separate from the graph's own schemas)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from aios.kernel.catalogs import ImageEngineName, PlannerChoice, SpeechEngineName
from aios.kernel.decision import DecisionItem, EditedAction
from aios.kernel.schemas import CONTROLS, TEXT_CHAR, PolicyReport, Storyboard, Text
from aios.kernel.vocab import Aspect, CaptionSize, CaptionStyle, Profile, TransitionChoice

WORDS = rf"^{TEXT_CHAR}*?[^\W\d_]{TEXT_CHAR}*?[^\W\d_]{TEXT_CHAR}*?[^\W\d_]{TEXT_CHAR}*$"  # three letters or more
MetadataKey = Annotated[str, StringConstraints(min_length=1, max_length=64)]
MetadataValue = Annotated[str, StringConstraints(max_length=500)] | int | float | bool | None


class JobCreate(BaseModel):
    """A new job: the brief and the CLI's options."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "text": "a 20-second vertical video announcing our spring sale, upbeat", "auto_approve": False}]})

    text: Text = Field(min_length=1, max_length=4000, description="The brief, in words (three letters at least).",
                       json_schema_extra={"pattern": WORDS})
    duration_s: float | None = Field(default=None, ge=5, le=300)
    aspect: Aspect | None = None
    tone: Text | None = Field(default=None, max_length=40)
    audience: Text | None = Field(default=None, max_length=200)
    language: str | None = Field(default=None, pattern=r"^[a-z]{2}(-[A-Za-z]{2})?$")
    call_to_action: Text | None = Field(default=None, max_length=200)
    source_text: Text | None = Field(default=None, max_length=50_000, description="An article to summarize.")
    assets: list[Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]] = Field(
        default_factory=list, max_length=20, description="Ids of images uploaded with POST /v1/assets.")
    library_assets: list[Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]] = Field(
        default_factory=list, max_length=20, description="Ids of library images (GET /v1/library) to use.")
    profile: Profile = "preview"
    planner: PlannerChoice = "auto"
    voice: str | None = Field(default=None, max_length=40, pattern=r"^[\w .-]+$",
                              description="A speaker of the speech engine (cloning clips are set by the operator).")
    tts_engine: SpeechEngineName | None = Field(default=None, description="Speech engine for this job.")
    image_engine: ImageEngineName | None = Field(default=None, description="Image engine for this job.")
    music: Literal["auto", "library", "none"] = "auto"
    transitions: TransitionChoice = "auto"
    captions: CaptionStyle = Field(default="highlight", description="Burned-in captions: highlight (the spoken word "
                                   "lit), pop (words appear as said), boxed, outline or none (SRT/VTT either way).")
    caption_size: CaptionSize = "medium"
    auto_approve: bool = False
    safe_content: bool = Field(default=False, description="Tighter policy thresholds (profanity, NSFW).")
    webhook_url: AnyHttpUrl | None = None
    metadata: dict[MetadataKey, MetadataValue] = Field(
        default_factory=dict, max_length=50,
        description="Your own labels, returned with the job and its events: at most 50, keys of 1-64 characters, "
        "text values of at most 500.")

    @field_validator("voice")
    @classmethod
    def _no_clip(cls, value: str | None) -> str | None:
        if value and value.lower().endswith((".wav", ".flac", ".mp3", ".ogg")):
            raise ValueError("a voice clip to clone is configured by the operator (AIOS_TTS_SPEAKER_WAV), "
                             "not sent with a job")
        return value


class Links(BaseModel):
    """Where to go next."""

    self: str
    events: str
    storyboard: str
    review: str
    artifacts: str
    cancel: str
    render: str
    audit: str
    versions: str


class JobPublic(BaseModel):
    """A job as the API shows it."""

    id: str
    status: str
    checkpoint: str | None = None
    created_at: str
    updated_at: str
    error: str | None = None
    profile: str
    brief: str = Field(default="", description="The brief as it was sent.")
    title: str | None = None
    duration_s: float | None = None
    metadata: dict[str, Any] = {}
    webhook_url: str | None = None
    webhook_deliveries: list[dict[str, Any]] = []
    created_by: str | None = Field(default=None,
                                   description="Who created it: api:<key id>, web:<key id>, slack:<user>.")
    links: Links
    version: int = Field(default=0, description="The newest version of its storyboard and cut (its ETag); 0 "
                                                "before the first plan.")


class JobPage(BaseModel):
    """One page of jobs, newest first."""

    items: list[JobPublic]
    next_cursor: str | None = None


class Approve(BaseModel):
    """Approve the pending review as it stands."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["approve"]
    message: Text | None = Field(default=None, max_length=2000, description="A note for the audit trail.")


class Edit(BaseModel):
    """Replace the storyboard's scenes (the whole list, in order) and go on."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["edit"]
    edited_action: EditedAction = Field(description='{"name": "review_storyboard", "args": {"scenes": [...]}}.')
    message: Text | None = Field(default=None, max_length=2000)


class Reject(BaseModel):
    """Send it back with what to change: the storyboard is planned again with the message as feedback."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["reject"]
    message: Text = Field(min_length=1, max_length=2000, description="What to change.",
                          json_schema_extra={"pattern": rf"^{TEXT_CHAR}*[^\s{CONTROLS}]{TEXT_CHAR}*$"})

    @field_validator("message")
    @classmethod
    def _said(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a reject needs a message saying what to change")
        return value


DecisionBody = Annotated[Approve | Edit | Reject, Field(discriminator="type")]


class ReviewSubmit(BaseModel):
    """The body of POST /review: one decision in LangChain's human-in-the-loop shape."""

    model_config = ConfigDict(extra="forbid")

    decisions: list[DecisionBody] = Field(min_length=1, max_length=1)

    def item(self) -> DecisionItem:
        """The decision as the graph's doors all take it."""
        return DecisionItem.model_validate(self.decisions[0].model_dump(exclude_none=True))


class StoryboardView(BaseModel):
    """A job's storyboard with its policy report, pictures, contact sheet and any review waiting on it."""

    job_id: str
    status: str
    storyboard: Storyboard
    policy: PolicyReport | None = None
    pictures: list[dict[str, Any]] = Field(default_factory=list,
                                           description="Per scene: the stock picture shown and its alternatives.")
    contact_sheet: str = Field(description="URL of a PNG of every scene's frame.")
    review: dict[str, Any] | None = Field(default=None, description="The pending human-in-the-loop request "
                                          "(LangChain's shape: action_requests, review_configs), if one waits.")


class JobEvent(BaseModel):
    """One event of a job's SSE stream (the `data` of each message; the SSE `event` is its type, `id` its id)."""

    id: int
    type: str = Field(description="job.created, step.started, step.finished, review.requested, job.published...")
    job_id: str
    created_at: str
    data: dict[str, Any] = Field(default_factory=dict)


class RenderSubmit(BaseModel):
    """The body of POST /render."""

    model_config = ConfigDict(extra="forbid")

    profile: Profile = "final"


class Artifact(BaseModel):
    """A downloadable file with its signed, expiring URL."""

    name: str
    kind: Literal["deliverable", "preview", "export"]
    bytes: int
    content_type: str
    url: str
    expires_at: int


class AuditPublic(BaseModel):
    """One audit entry: who (api:KEY_ID, slack:USER_ID, cli:NAME) did what to the job, and when."""

    id: int
    job_id: str
    at: str
    actor: str
    action: str
    detail: dict[str, Any] = {}
