"""Submits the SparkApplication specs rendered by the TypeScript pipeline chart, unchanged.

The chart renders one complete SparkApplication per job into the ConfigMap `spark-application-specs`,
mounted in Airflow pods at $GRIDATA_SPARK_SPECS_DIR as `<job_id>.yaml`. The only Jinja placeholders
in a spec are `{{ ds }}` and `{{ run_id }}` (in `spec.arguments`). This operator reads the file when
the task renders its templates (never at parse time), renders those two values, checks the result is
a SparkApplication, and submits it into the namespace the spec names.

`ds` in a spec is the run's as-of day. Scheduled runs take it from the logical date; asset-triggered
runs have no logical date, so their DAG passes `as_of_date` from an upstream task instead.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from airflow.providers.cncf.kubernetes.operators.spark_kubernetes import SparkKubernetesOperator

from gridata_dags.config import SPARK_SPECS_DIR_ENV, spark_specs_dir

SPARK_API_VERSION = "sparkoperator.k8s.io/v1beta2"
SPARK_KIND = "SparkApplication"
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SparkSpecError(ValueError):
    """A rendered spec is missing or is not a SparkApplication this operator can submit."""


def spec_path(job_id: str, specs_dir: str | None = None) -> Path:
    return Path(specs_dir or spark_specs_dir()) / f"{job_id}.yaml"


def read_spec_template(job_id: str, specs_dir: str | None = None) -> str:
    path = spec_path(job_id, specs_dir)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SparkSpecError(
            f"SparkApplication spec for job {job_id!r} not found at {path}; the ConfigMap "
            f"'spark-application-specs' must be mounted at ${SPARK_SPECS_DIR_ENV} with key {job_id}.yaml"
        ) from None


def parse_spark_application(text: str, job_id: str) -> dict[str, Any]:
    """Parse a rendered spec and refuse anything that is not a namespaced SparkApplication."""
    try:
        body = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise SparkSpecError(f"spec for job {job_id!r} is not valid YAML: {error}") from None
    if not isinstance(body, dict):
        raise SparkSpecError(f"spec for job {job_id!r} must be a mapping, found {type(body).__name__}")
    if body.get("apiVersion") != SPARK_API_VERSION or body.get("kind") != SPARK_KIND:
        raise SparkSpecError(
            f"spec for job {job_id!r} must be apiVersion {SPARK_API_VERSION} kind {SPARK_KIND}, "
            f"found apiVersion {body.get('apiVersion')!r} kind {body.get('kind')!r}"
        )
    namespace = (body.get("metadata") or {}).get("namespace")
    if not namespace:
        raise SparkSpecError(f"spec for job {job_id!r} has no metadata.namespace to submit into")
    if not isinstance(body.get("spec"), dict):
        raise SparkSpecError(f"spec for job {job_id!r} has no spec section")
    arguments = body["spec"].get("arguments", [])
    # An unquoted rendered date would load as a YAML date, which the Kubernetes API refuses.
    if not isinstance(arguments, list) or not all(isinstance(arg, str) for arg in arguments):
        raise SparkSpecError(f"spec for job {job_id!r}: spec.arguments must be a list of strings, found {arguments!r}")
    return body


class GridataSparkApplicationOperator(SparkKubernetesOperator):
    """SparkKubernetesOperator fed from the chart-rendered spec of one job."""

    # application_file is filled by render_template_fields below; listing it keeps the rendered
    # SparkApplication visible in the UI's "Rendered Template" view.
    template_fields = ("as_of_date", "kubernetes_conn_id", "application_file")
    # The base class would treat a value ending in ".yaml" as a template file; the spec is read here instead.
    template_ext = ()
    ui_color = "#f4a460"

    def __init__(
        self,
        *,
        job_id: str,
        as_of_date: str = "{{ ds }}",
        kubernetes_conn_id: str,
        execution_timeout: timedelta,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            kubernetes_conn_id=kubernetes_conn_id,
            execution_timeout=execution_timeout,
            # Waits for the driver to finish and streams its log, so the task fails when the job fails.
            get_logs=True,
            delete_on_termination=True,
            **kwargs,
        )
        self.job_id = job_id
        self.as_of_date = as_of_date

    def render_template_fields(self, context: Any, jinja_env: Any = None) -> None:
        if jinja_env is None:
            jinja_env = self.get_template_env()
        self.application_file = None
        super().render_template_fields(context, jinja_env)
        as_of_date = str(self.as_of_date).strip()
        if not _ISO_DAY.match(as_of_date):
            raise SparkSpecError(f"as_of_date for job {self.job_id!r} must be YYYY-MM-DD, found {as_of_date!r}")
        self.as_of_date = as_of_date

        spec_context = dict(context)
        spec_context["ds"] = as_of_date
        spec_context["ds_nodash"] = as_of_date.replace("-", "")
        rendered = jinja_env.from_string(read_spec_template(self.job_id)).render(**spec_context)
        body = parse_spark_application(rendered, self.job_id)
        if "{{" in rendered or "{%" in rendered:
            raise SparkSpecError(f"spec for job {self.job_id!r} still holds template markers after rendering")
        self.application_file = rendered
        self.namespace = body["metadata"]["namespace"]


def spark_job_task(job_id: str, *, pool: str, task_id: str | None = None, **kwargs: Any) -> GridataSparkApplicationOperator:
    """One Spark job as a task. `pool` is required: every submission holds one slot of the Spark pool
    while its application runs, so the pool bounds concurrent applications across all DAGs."""
    return GridataSparkApplicationOperator(task_id=task_id or job_id, job_id=job_id, pool=pool, pool_slots=1, **kwargs)

