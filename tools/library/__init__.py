"""The asset library: ingest brand media and guidelines, embed them, search them (LanceDB or Weaviate)."""
