"""ingest pillar."""
