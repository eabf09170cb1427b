"""factcheck: reconcile numeric claims across news articles about one story."""

__version__ = "0.1.0"
