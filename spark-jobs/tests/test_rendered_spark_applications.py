"""Contract between the TypeScript render (dist/<env>/pipelines/, `npm run synth`) and this package: every
SparkApplication the DAGs submit must start run_job.py with arguments the real CLI parser accepts, on the pinned
Spark version, and its Vault template must render a file the job can read."""
import json
import re
from pathlib import Path

import pytest
import yaml

from gridata_spark import cli
from gridata_spark.spark_conf_file import CONF_FILE_ENV, parse_properties

SPARK_JOBS = Path(__file__).resolve().parents[1]
DIST = SPARK_JOBS.parent / "dist"
ENVIRONMENTS = ("dev", "staging", "prod")
CONFIGMAP = Path("pipelines") / "configmap.airflow.spark-application-specs.yaml"
PINS = json.loads((SPARK_JOBS / "versions.json").read_text())
ENTRY_POINT = "local:///opt/gridata/run_job.py"
DS = "2024-01-15"
RUN_IDS = ("scheduled__2024-01-15T00:00:00+00:00", "manual__2024-01-15T10:22:33.123456+00:00")

# ConfigMap key -> (job id, attributes the parsed arguments must have)
EXPECTED_SPECS = {
    "ingest_customers": ("ingest_customers", {"raw_base": "s3a://gridata-raw/raw/ecommerce"}),
    "ingest_products": ("ingest_products", {"raw_base": "s3a://gridata-raw/raw/ecommerce"}),
    "ingest_clickstream": ("ingest_clickstream", {"raw_base": "s3a://gridata-raw/raw/ecommerce"}),
    "aggregate_clickstream_daily": ("aggregate_clickstream_daily", {}),
    "process_orders": ("process_orders", {"raw_base": "s3a://gridata-raw/raw/ecommerce",
                                          "rejected_base": "s3a://gridata-raw/rejected"}),
    "quality_checks": ("quality_checks", {"suite": "ingestion", "rejected_base": "s3a://gridata-raw/rejected"}),
    "quality_checks_customer_360": ("quality_checks", {"suite": "customer_360"}),
    "customer_360": ("customer_360", {"as_of": None}),
}


def load_specs(env: str) -> dict[str, dict]:
    path = DIST / env / CONFIGMAP
    if not path.is_file():
        pytest.fail(f"{path} is missing: render the manifests first (`npm run synth` at the repo root)", pytrace=False)
    configmap = yaml.safe_load(path.read_text())
    return {key.removesuffix(".yaml"): yaml.safe_load(text) for key, text in configmap["data"].items()}


def fill(arguments: list[str], run_id: str) -> list[str]:
    return [a.replace("{{ ds }}", DS).replace("{{ run_id }}", run_id) for a in arguments]


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_the_configmap_holds_one_spec_per_expected_job(env):
    assert sorted(load_specs(env)) == sorted(EXPECTED_SPECS)


@pytest.mark.parametrize("run_id", RUN_IDS)
@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_arguments_parse_with_the_real_cli_to_the_expected_job(env, run_id):
    for key, spec in load_specs(env).items():
        job_id, attributes = EXPECTED_SPECS[key]
        arguments = fill(spec["spec"]["arguments"], run_id)
        assert not [a for a in arguments if "{{" in a or "}}" in a], f"{env}/{key}: unfilled template in {arguments}"
        try:
            args = cli.parse_args(arguments)
        except cli.UsageError as error:
            pytest.fail(f"{env}/{key}: the CLI refuses {arguments}: {error}")
        assert (args.job_id, args.ds, args.run_id) == (job_id, DS, run_id), f"{env}/{key}"
        for name, value in attributes.items():
            assert getattr(args, name) == value, f"{env}/{key}: {name}"


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_entry_point_and_spark_version_match_the_image(env):
    dockerfile = (SPARK_JOBS / "Dockerfile").read_text()
    assert "COPY run_job.py versions.json /opt/gridata/" in dockerfile
    for key, spec in load_specs(env).items():
        assert spec["spec"]["mainApplicationFile"] == ENTRY_POINT, f"{env}/{key}"
        assert spec["spec"]["sparkVersion"] == PINS["spark"], f"{env}/{key}"
        assert spec["spec"]["type"] == "Python", f"{env}/{key}"


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_the_review_copies_equal_the_submitted_specs(env):
    for key, spec in load_specs(env).items():
        review = DIST / env / "pipelines" / f"sparkapplication.spark-jobs.{spec['metadata']['name']}.yaml"
        assert yaml.safe_load(review.read_text()) == spec, f"{review} differs from the ConfigMap's {key}.yaml"


def render_vault_template(template: str, data: dict[str, str]) -> str:
    """The subset of Go templates the agent annotations use, with the specs' [[ ]] delimiters: trim markers,
    `with secret` / `end` blocks and `.Data.data.<field>` lookups."""
    text = re.sub(r"\s*\[\[-", "[[", template)
    text = re.sub(r"-\]\]\s*", "]]", text)
    text = re.sub(r"\[\[\s*(with secret [^\]]*|end)\s*\]\]", "", text)
    return re.sub(r"\[\[\s*\.Data\.data\.(\w+)\s*\]\]", lambda m: data[m.group(1)], text)


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_the_driver_reads_a_catalog_conf_file_the_job_can_parse(env):
    for key, spec in load_specs(env).items():
        driver = spec["spec"]["driver"]
        env_vars = {e["name"]: e.get("value") for e in driver.get("env", [])}
        assert env_vars.get(CONF_FILE_ENV) == "/vault/secrets/catalog-conf", f"{env}/{key}"
        template = driver["annotations"]["vault.hashicorp.com/agent-inject-template-catalog-conf"]
        rendered = render_vault_template(template, {"clientId": "sample-client", "clientSecret": "sample:value"})
        assert parse_properties(rendered) == {
            "spark.sql.catalog.gridata.credential": "sample-client:sample:value"}, f"{env}/{key}"
