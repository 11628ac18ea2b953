"""Reads the SparkApplication specs the TypeScript pipeline chart rendered into dist/<env>/pipelines/.

The ConfigMap `airflow/spark-application-specs` there is what Airflow pods mount at
$GRIDATA_SPARK_SPECS_DIR; the tests unpack it into a temporary directory the same way Kubernetes
would (one file per data key).
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DIST_DIR_ENV = "GRIDATA_DIST_DIR"  # lets a test run point at another render; defaults to the repo's dist/
PIPELINES_FOLDER = "pipelines"
CONFIGMAP_NAME = "spark-application-specs"
CONFIGMAP_NAMESPACE = "airflow"
SPARK_NAMESPACE = "spark-jobs"


def dist_dir() -> Path:
    return Path(os.environ.get(DIST_DIR_ENV) or REPO_ROOT / "dist")


def rendered_pipeline_folders() -> dict[str, Path]:
    """Environment name -> dist/<env>/pipelines, for every environment whose pipelines are rendered."""
    root = dist_dir()
    if not root.is_dir():
        return {}
    return {
        env_dir.name: env_dir / PIPELINES_FOLDER
        for env_dir in sorted(root.iterdir())
        if (env_dir / PIPELINES_FOLDER).is_dir()
    }


def missing_render_message() -> str:
    return (
        f"no rendered {PIPELINES_FOLDER}/ folder under {dist_dir()}/<env>/; render the pipelines first "
        "(npm run synth) - the DAG tests check the DAGs against the SparkApplication specs rendered there"
    )


def _is_spec_configmap(document: object) -> bool:
    if not isinstance(document, dict) or document.get("kind") != "ConfigMap":
        return False
    metadata = document.get("metadata") or {}
    return (metadata.get("name"), metadata.get("namespace")) == (CONFIGMAP_NAME, CONFIGMAP_NAMESPACE)


def load_spec_configmap(pipelines_folder: Path) -> dict[str, str]:
    """The data (`<job_id>.yaml` -> SparkApplication text) of the one spec ConfigMap in the folder."""
    found = [
        (path, document)
        for path in sorted(pipelines_folder.glob("*.yaml"))
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8"))
        if _is_spec_configmap(document)
    ]
    if len(found) != 1:
        raise AssertionError(
            f"{pipelines_folder}: expected exactly one ConfigMap {CONFIGMAP_NAMESPACE}/{CONFIGMAP_NAME}, "
            f"found {len(found)} ({', '.join(path.name for path, _ in found) or 'none'})"
        )
    return dict(found[0][1].get("data") or {})


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
