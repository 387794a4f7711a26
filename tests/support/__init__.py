"""Test tooling: headless Chromium and served dashboards for the browser tests, the
dashboard benchmark (``bench/dashboard.py``) and the screenshots (``tools/screenshots.py``)."""
