"""Shared building blocks for the Gridata DAGs (kept outside the DAG files so those stay small)."""
