"""Reads the SparkApplication specs the TypeScript pipeline chart rendered into dist/<env>/pipelines/.

The ConfigMap there is what Airflow pods mount at $GRIDATA_SPARK_SPECS_DIR; the tests unpack it
into a temporary directory the same way Kubernetes would (one file per data key).
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DIST_DIR_ENV = "GRIDATA_DIST_DIR"  # lets a test run point at another render; defaults to the repo's dist/
CONFIGMAP_FILE = Path("pipelines") / "configmap-spark-application-specs.yaml"
CONFIGMAP_NAME = "spark-application-specs"
CONFIGMAP_NAMESPACE = "airflow"
SPARK_NAMESPACE = "spark-jobs"


def dist_dir() -> Path:
    return Path(os.environ.get(DIST_DIR_ENV) or REPO_ROOT / "dist")


def rendered_configmaps() -> dict[str, Path]:
    """Environment name -> rendered ConfigMap file, for every environment rendered under dist/."""
    root = dist_dir()
    if not root.is_dir():
        return {}
    return {
        env_dir.name: env_dir / CONFIGMAP_FILE
        for env_dir in sorted(root.iterdir())
        if (env_dir / CONFIGMAP_FILE).is_file()
    }


def missing_render_message() -> str:
    return (
        f"no rendered ConfigMap {CONFIGMAP_FILE} under {dist_dir()}/<env>/; "
        "render the pipelines first (npm run synth) - the DAG tests check the DAGs against those specs"
    )


def load_spec_configmap(path: Path) -> dict[str, str]:
    """The ConfigMap's data (`<job_id>.yaml` -> SparkApplication text), after checking its identity."""
    documents = [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]
    if len(documents) != 1:
        raise AssertionError(f"{path}: expected exactly one YAML document, found {len(documents)}")
    configmap = documents[0]
    metadata = configmap.get("metadata", {})
    identity = (configmap.get("kind"), metadata.get("name"), metadata.get("namespace"))
    if identity != ("ConfigMap", CONFIGMAP_NAME, CONFIGMAP_NAMESPACE):
        raise AssertionError(f"{path}: expected ConfigMap {CONFIGMAP_NAMESPACE}/{CONFIGMAP_NAME}, found {identity}")
    return dict(configmap.get("data") or {})


def job_id_of(data_key: str) -> str:
    if not data_key.endswith(".yaml"):
        raise AssertionError(f"ConfigMap key {data_key!r} must be <job_id>.yaml")
    return data_key[: -len(".yaml")]


def unpack_to(data: dict[str, str], target: Path) -> Path:
    """Write one file per data key, as a ConfigMap volume mount does."""
    target.mkdir(parents=True, exist_ok=True)
    for key, text in data.items():
        (target / key).write_text(text, encoding="utf-8")
    return target
