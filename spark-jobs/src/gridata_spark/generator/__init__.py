"""Seeded, deterministic sample-data generator writing the landing layout raw/ecommerce/<dataset>/<ds>/."""
