"""Benchmarks, run as modules from the checkout: ``python -m bench.cli``, ``bench.ingest``,
``bench.analytics``, ``bench.dashboard``, ``bench.report`` (``make bench`` runs these) and
``bench.redraw_timeline`` (where a redraw's time goes). Results: docs/performance.md."""
