"""The spec-reading operator refuses what it cannot submit, with a message saying why."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import jinja2
import pytest

from gridata_dags.config import SPARK_SPECS_DIR_ENV
from gridata_dags.spark import GridataSparkApplicationOperator, SparkSpecError

GOOD_SPEC = """\
apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: demo-job
  namespace: spark-jobs
spec:
  type: Python
  mode: cluster
  arguments: ["demo_job", "--ds", "{{ ds }}", "--run-id", "{{ run_id }}"]
  driver: {cores: 1}
  executor: {cores: 1, instances: 1}
"""
CONTEXT = {"ds": "2024-01-15", "run_id": "manual__2024-01-15T10:00:00+00:00"}


def operator(**overrides) -> GridataSparkApplicationOperator:
    arguments = {"task_id": "demo_job", "job_id": "demo_job", "kubernetes_conn_id": "k8s", "execution_timeout": timedelta(hours=1)}
    arguments.update(overrides)
    return GridataSparkApplicationOperator(**arguments)


def strict_env() -> jinja2.Environment:
    # What a DAG's template env uses: an unknown placeholder is an error, not an empty string.
    return jinja2.Environment(undefined=jinja2.StrictUndefined)


@pytest.fixture
def specs(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv(SPARK_SPECS_DIR_ENV, str(tmp_path))
    return tmp_path


def test_renders_day_and_run_id_and_takes_the_namespace_from_the_spec(specs):
    (specs / "demo_job.yaml").write_text(GOOD_SPEC)
    task = operator()
    task.render_template_fields(dict(CONTEXT), strict_env())
    assert task.namespace == "spark-jobs"
    assert task.template_body["spark"]["spec"]["arguments"] == [
        "demo_job", "--ds", "2024-01-15", "--run-id", "manual__2024-01-15T10:00:00+00:00",
    ]


def test_as_of_date_replaces_a_missing_logical_date(specs):
    (specs / "demo_job.yaml").write_text(GOOD_SPEC)
    task = operator(as_of_date="{{ as_of }}")
    task.render_template_fields({"run_id": "asset_triggered__x", "as_of": "2024-02-29"}, strict_env())
    assert task.template_body["spark"]["spec"]["arguments"][2] == "2024-02-29"


def test_missing_spec_names_the_mount(specs):
    with pytest.raises(SparkSpecError, match=rf"demo_job.*not found at {specs}/demo_job.yaml.*\${SPARK_SPECS_DIR_ENV}"):
        operator().render_template_fields(dict(CONTEXT), strict_env())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD_SPEC.replace("kind: SparkApplication", "kind: Pod"), "must be apiVersion sparkoperator.k8s.io/v1beta2 kind SparkApplication"),
        (GOOD_SPEC.replace("  namespace: spark-jobs\n", ""), "has no metadata.namespace"),
        (GOOD_SPEC.replace('"{{ ds }}"', "{{ ds }}"), "spec.arguments must be a list of strings"),
        ("- just\n- a list\n", "must be a mapping"),
        ("spec: [unclosed\n", "is not valid YAML"),
    ],
)
def test_refuses_what_is_not_a_submittable_spark_application(specs, text, message):
    (specs / "demo_job.yaml").write_text(text)
    with pytest.raises(SparkSpecError, match=message):
        operator().render_template_fields(dict(CONTEXT), strict_env())


def test_a_placeholder_other_than_day_and_run_id_fails(specs):
    (specs / "demo_job.yaml").write_text(GOOD_SPEC.replace("{{ run_id }}", "{{ params.secret }}"))
    with pytest.raises(jinja2.UndefinedError):
        operator().render_template_fields(dict(CONTEXT), strict_env())


@pytest.mark.parametrize("bad_day", ["2024/01/15", "", "None", "2024-1-5"])
def test_refuses_an_as_of_date_that_is_not_a_day(specs, bad_day):
    (specs / "demo_job.yaml").write_text(GOOD_SPEC)
    with pytest.raises(SparkSpecError, match="as_of_date for job 'demo_job' must be YYYY-MM-DD"):
        operator(as_of_date=bad_day).render_template_fields(dict(CONTEXT), strict_env())
