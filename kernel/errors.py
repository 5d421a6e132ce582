"""Exceptions with meaning, shared by nodes, engines and every entry point."""

from __future__ import annotations


class AiosError(Exception):
    """Base class for every error AIOS Media raises on purpose."""

    exit_code = 1


class InvalidInput(AiosError):
    """The request itself is unusable: empty, oversized, malformed or pointing at bad files."""

    exit_code = 2


class TooLarge(InvalidInput):
    """The input is over a size limit (bytes or pixels): refused before it is decoded or stored."""


class ReviewDecisionError(InvalidInput):
    """A review decision does not match what the pending review accepts."""


class NotFound(InvalidInput):
    """What was asked for does not exist (or belongs to another tenant)."""


class JobNotFound(NotFound):
    """No job with that thread id exists in this data directory."""


class JobStateError(InvalidInput):
    """The job is not in a state that allows the requested action."""


class VersionConflict(JobStateError):
    """The job moved on from the version the request was made on (If-Match): `current` is its version now."""

    def __init__(self, message: str, current: int) -> None:
        super().__init__(message)
        self.current = current


class IdempotencyConflict(InvalidInput):
    """An Idempotency-Key was reused with a different request body."""


class PlanningError(AiosError):
    """No valid storyboard could be produced within the allowed attempts."""


class EngineError(AiosError):
    """An engine (speech, imagery, LLM) failed or is not available on this machine."""


class RenderError(AiosError):
    """ffmpeg failed; the message carries ffmpeg's own words."""


class Backpressure(AiosError):
    """A tenant has as many jobs queued or running as it may: try again after `retry_after_s`."""

    exit_code = 75  # EX_TEMPFAIL

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class StorageError(AiosError):
    """A file the job needs is neither in the data directory nor in the object storage."""


class ConfigurationError(AiosError):
    """Settings or context name something that cannot be built."""

    exit_code = 2
