"""Single source of truth: the DAGs submit exactly the SparkApplications the TypeScript pipeline chart
rendered into dist/<env>/pipelines/, with only the run's day and run id filled in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import parse_dag_folder
from rendered_specs import (
    SPARK_NAMESPACE,
    job_id_of,
    load_spec_configmap,
    missing_render_message,
    rendered_pipeline_folders,
    unpack_to,
)
from test_task_policies import SPARK_JOB_OF_TASK

from gridata_dags.config import SPARK_SPECS_DIR_ENV

DS = "2024-01-15"
SCHEDULED_RUN_ID = "scheduled__2024-01-15T00:00:00+00:00"
ASSET_RUN_ID = "asset_triggered__2024-01-16T00:05:00+00:00"
PLACEHOLDER = re.compile(r"\{\{.*?\}\}")

RENDERED = rendered_pipeline_folders()
ENVS = [pytest.param(env, id=env) for env in RENDERED] or [pytest.param(None, id="no-rendered-specs")]


class XComSource:
    """The slice of a task instance that templates use here: values pushed by upstream tasks."""

    def __init__(self, values: dict[str, str]):
        self.values = values

    def xcom_pull(self, task_ids: str, **_: object) -> str:
        return self.values[task_ids]


def configmap_data(env: str | None) -> dict[str, str]:
    if env is None:
        pytest.fail(missing_render_message())
    return load_spec_configmap(RENDERED[env])


@pytest.fixture(scope="module")
def render_dags():
    """A DagBag of its own: rendering changes task attributes, other modules must see them unrendered."""
    bag = parse_dag_folder()
    assert bag.import_errors == {}
    return bag.dags


@pytest.fixture
def specs_dir(request, tmp_path, monkeypatch) -> Path:
    directory = unpack_to(configmap_data(request.param), tmp_path / "spark-specs")
    monkeypatch.setenv(SPARK_SPECS_DIR_ENV, str(directory))
    return directory


def run_context(dag) -> dict[str, object]:
    """Template context of a run for 2024-01-15: scheduled runs have a logical date; customer 360 runs are
    asset-triggered and have none, their day comes from resolve_as_of_date."""
    if dag.dag_id == "ecommerce_customer_360":
        return {"run_id": ASSET_RUN_ID, "dag": dag, "ti": XComSource({"resolve_as_of_date": DS})}
    return {"ds": DS, "ds_nodash": DS.replace("-", ""), "run_id": SCHEDULED_RUN_ID, "dag": dag}


def strings_with_placeholders(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from strings_with_placeholders(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings_with_placeholders(value, (*path, index))
    elif isinstance(node, str) and PLACEHOLDER.search(node):
        yield path, node


@pytest.mark.parametrize("env", ENVS)
def test_configmap_holds_exactly_the_jobs_the_dags_submit(env):
    data = configmap_data(env)
    assert sorted(job_id_of(key) for key in data) == sorted(set(SPARK_JOB_OF_TASK.values()))


@pytest.mark.parametrize("env", ENVS)
def test_specs_template_only_the_day_and_run_id_in_their_arguments(env):
    for key, text in configmap_data(env).items():
        spec = yaml.safe_load(text)
        assert (spec["apiVersion"], spec["kind"]) == ("sparkoperator.k8s.io/v1beta2", "SparkApplication"), key
        assert spec["metadata"]["namespace"] == SPARK_NAMESPACE, key
        templated = list(strings_with_placeholders(spec))
        assert {value for _, value in templated} == {"{{ ds }}", "{{ run_id }}"}, key
        assert all(path[:2] == ("spec", "arguments") for path, _ in templated), key
        arguments = spec["spec"]["arguments"]
        assert arguments[arguments.index("--ds") + 1] == "{{ ds }}", key
        assert arguments[arguments.index("--run-id") + 1] == "{{ run_id }}", key


@pytest.mark.parametrize("specs_dir", [param.values[0] for param in ENVS], indirect=True, ids=[p.id for p in ENVS])
def test_each_spark_task_renders_the_chart_spec_with_only_the_day_and_run_id_filled_in(render_dags, specs_dir):
    dags = render_dags
    from airflow.providers.cncf.kubernetes.operators.custom_object_launcher import CustomObjectLauncher

    for (dag_id, task_id), job_id in sorted(SPARK_JOB_OF_TASK.items()):
        dag = dags[dag_id]
        task = dag.get_task(task_id)
        context = run_context(dag)
        template_text = (specs_dir / f"{job_id}.yaml").read_text()

        task.render_template_fields(context, dag.get_template_env())

        run_id = context["run_id"]
        expected = yaml.safe_load(template_text.replace("{{ ds }}", DS).replace("{{ run_id }}", run_id))
        rendered = yaml.safe_load(task.application_file)
        assert rendered == expected, f"{dag_id}.{task_id}"
        arguments = rendered["spec"]["arguments"]
        assert arguments[arguments.index("--ds") + 1] == DS
        assert arguments[arguments.index("--run-id") + 1] == run_id
        assert task.as_of_date == DS
        assert task.namespace == SPARK_NAMESPACE

        # The object the provider would POST: same spec, submitted into the spec's namespace.
        launcher = CustomObjectLauncher(
            name=f"{rendered['metadata']['name']}-run",
            namespace=task.namespace,
            kube_client=None,
            custom_obj_api=None,
            template_body=task.template_body,
        )
        assert launcher.body["spec"] == expected["spec"]
        assert (launcher.body["apiVersion"], launcher.body["kind"]) == (expected["apiVersion"], expected["kind"])
        assert launcher.body["metadata"]["namespace"] == SPARK_NAMESPACE
        assert launcher.plural == "sparkapplications"


@pytest.mark.parametrize("specs_dir", [param.values[0] for param in ENVS], indirect=True, ids=[p.id for p in ENVS])
def test_other_templated_fields_render_for_the_day(render_dags, specs_dir):
    dags = render_dags
    orders = dags["ecommerce_orders_pipeline"]
    rendered = {}
    for task_id in ("wait_for_orders_files", "validate_orders_files", "publish_orders_asset"):
        task = orders.get_task(task_id)
        task.render_template_fields(run_context(orders), orders.get_template_env())
        rendered[task_id] = task
    assert rendered["wait_for_orders_files"].bucket_key == f"raw/ecommerce/orders/{DS}/_SUCCESS"
    assert list(rendered["validate_orders_files"].op_args) == [DS]
    assert list(rendered["publish_orders_asset"].op_args) == [DS]
