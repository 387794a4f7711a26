"""analytics pillar."""
