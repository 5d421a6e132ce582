"""Versions: every plan, edit, scene command and render of a job's storyboard and cut, numbered, with who made it,
when, what changed and the version it came from (a render's with its OpenTimelineIO timeline)."""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the versions table."""
    op.execute("CREATE TABLE versions (thread_id TEXT NOT NULL, number INTEGER NOT NULL, parent INTEGER, "
               "kind TEXT NOT NULL, actor TEXT NOT NULL, at TEXT NOT NULL, summary TEXT NOT NULL, "
               "storyboard TEXT NOT NULL, render TEXT, timeline TEXT, applied INTEGER NOT NULL DEFAULT 1, "
               "PRIMARY KEY (thread_id, number))")


def downgrade() -> None:
    """Drop it again."""
    op.execute("DROP TABLE versions")
