"""Settings defaults match the platform layout; env vars override them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from gridata_dags.config import DEFAULT_SPARK_SPECS_DIR, SettingsError, load_settings, spark_specs_dir


def test_defaults():
    settings = load_settings()
    assert (settings.kubernetes_conn_id, settings.s3_conn_id, settings.raw_bucket) == (
        "kubernetes_default",
        "gridata_s3",
        "gridata-raw",
    )
    assert settings.task_retries == 3
    assert settings.landing_wait_timeout == timedelta(hours=12)
    assert spark_specs_dir() == DEFAULT_SPARK_SPECS_DIR == "/opt/airflow/spark-specs"


def test_spec_dir_override(monkeypatch):
    monkeypatch.setenv("GRIDATA_SPARK_SPECS_DIR", "/mnt/specs")
    assert spark_specs_dir() == "/mnt/specs"


def test_zero_retries_is_allowed_but_negative_is_not(monkeypatch):
    monkeypatch.setenv("GRIDATA_TASK_RETRIES", "0")
    assert load_settings().task_retries == 0
    monkeypatch.setenv("GRIDATA_TASK_RETRIES", "-1")
    with pytest.raises(SettingsError, match="GRIDATA_TASK_RETRIES must be 0 or more, found -1"):
        load_settings()
