"""Gridata e-commerce pipelines on Spark + Iceberg: pure transformations, jobs, generator."""
