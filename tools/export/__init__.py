"""Exports of a rendered cut for editing programs: its OpenTimelineIO timeline and bundles for NLEs."""
