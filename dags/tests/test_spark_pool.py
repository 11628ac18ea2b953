"""The pool the Spark tasks run in is the one the platform imports: the rendered `airflow-pools`
ConfigMap of every environment defines it (with slots > 0) and the rendered DAG processor's
GRIDATA_SPARK_POOL points at it. The slots themselves are tied to the spark-jobs quota by the TypeScript
capacity test (test/charts/namespaces/capacity.test.ts)."""

from __future__ import annotations

import json

import pytest
import yaml
from rendered_specs import dist_dir, rendered_pipeline_folders

from gridata_dags.config import DEFAULT_SPARK_POOL, load_settings

ENVS = sorted(rendered_pipeline_folders())


def rendered_pools(env: str) -> dict:
    path = dist_dir() / env / "airflow" / "configmap.airflow.airflow-pools.yaml"
    assert path.is_file(), f"{path} is not rendered (npm run synth)"
    configmap = yaml.safe_load(path.read_text(encoding="utf-8"))
    return json.loads(configmap["data"]["pools.json"])


def airflow_env_value(env: str, name: str) -> str:
    """The variable as the DAG processor (which parses the DAGs) gets it: the hydrated chart Deployment."""
    path = dist_dir() / env / "airflow" / "deployment.airflow.airflow-dag-processor.yaml"
    deployment = next(d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d)
    container = next(c for c in deployment["spec"]["template"]["spec"]["containers"] if c["name"] == "dag-processor")
    return {e["name"]: e.get("value") for e in container.get("env", [])}[name]


def test_default_pool_is_the_platform_pool():
    assert load_settings().spark_pool == DEFAULT_SPARK_POOL == "spark_jobs"


@pytest.mark.parametrize("env", ENVS)
def test_every_environment_imports_the_spark_pool(env):
    pools = rendered_pools(env)
    assert DEFAULT_SPARK_POOL in pools
    assert isinstance(pools[DEFAULT_SPARK_POOL]["slots"], int) and pools[DEFAULT_SPARK_POOL]["slots"] > 0
    assert pools[DEFAULT_SPARK_POOL]["include_deferred"] is False
    assert airflow_env_value(env, "GRIDATA_SPARK_POOL") == DEFAULT_SPARK_POOL


def test_environments_are_rendered():
    assert ENVS == ["dev", "prod", "staging"]
