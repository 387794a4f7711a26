"""Benchmarks, run as modules from the checkout: ``python -m bench.cli``, ``bench.ingest``,
``bench.analytics``, ``bench.dashboard`` (``make bench`` runs them). Results: docs/performance.md."""
