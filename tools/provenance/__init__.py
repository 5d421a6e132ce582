"""Provenance: C2PA manifests signed into rendered videos, and test signing credentials."""
