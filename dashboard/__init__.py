"""dashboard pillar."""
