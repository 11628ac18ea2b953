"""Behaviour of the recipe validator: real ingestion-library models, clear refusals."""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import validate_recipes  # noqa: E402

SINK = """
sink:
  type: datahub-rest
  config: { server: "http://datahub-datahub-gms.datahub.svc:8080", token: "${DATAHUB_GMS_TOKEN}" }
"""
S3_SOURCE = """
pipeline_name: test-raw
source:
  type: s3
  config:
    env: DEV
    path_specs:
      - include: "s3://gridata-raw/raw/ecommerce/{table}/{partition[0]}/*.jsonl"
        default_extension: json
    aws_config:
      aws_access_key_id: "${GRIDATA_S3_ACCESS_KEY_ID}"
      aws_secret_access_key: "${GRIDATA_S3_SECRET_ACCESS_KEY}"
      aws_region: us-east-1
      aws_endpoint_url: "http://minio.object-store.svc:9000"
"""
TRANSFORMERS = """
transformers:
  - type: simple_add_ownership
    config: { owner_urns: ["urn:li:corpuser:data-platform"], ownership_type: TECHNICAL_OWNER }
  - type: simple_add_domain
    config: { domains: ["urn:li:domain:ecommerce"] }
"""


def write_dist(tmp_path: Path, recipe: str, env: str = "dev", labelled: bool = True) -> Path:
    folder = tmp_path / env / "datahub"
    folder.mkdir(parents=True)
    labels = "\n    gridata.io/datahub-recipe: raw" if labelled else ""
    body = textwrap.indent(recipe.strip("\n"), "    ")
    (folder / "configmap.datahub.datahub-ingestion-raw.yaml").write_text(
        f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: datahub-ingestion-raw\n  namespace: datahub\n  labels:{labels or ' {}'}\n"
        f"data:\n  recipe.yml: |\n{body}\n",
        encoding="utf-8",
    )
    return tmp_path


def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = validate_recipes.main(["--dist", str(tmp_path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_valid_s3_recipe_passes(tmp_path, capsys):
    code, output = run(write_dist(tmp_path, S3_SOURCE + TRANSFORMERS + SINK), capsys)
    assert (code, "ok   dev/datahub-ingestion-raw" in output, "1 recipes, 0 problems" in output) == (0, True, True)


def test_a_misspelled_source_key_is_refused_by_the_source_model(tmp_path, capsys):
    code, output = run(write_dist(tmp_path, S3_SOURCE.replace("path_specs:", "path_spec:") + SINK), capsys)
    assert code == 1
    assert "source (s3).config:" in output and "path_spec" in output


def test_a_literal_secret_is_refused_even_when_the_model_accepts_it(tmp_path, capsys):
    code, output = run(write_dist(tmp_path, S3_SOURCE.replace('"${GRIDATA_S3_SECRET_ACCESS_KEY}"', "plainvalue") + SINK), capsys)
    assert code == 1
    assert "source.config.aws_config.aws_secret_access_key holds a literal" in output


def test_a_deprecated_transformer_is_reported(tmp_path, capsys):
    recipe = S3_SOURCE + TRANSFORMERS.replace("simple_add_ownership", "simple_add_dataset_ownership") + SINK
    code, output = run(write_dist(tmp_path, recipe), capsys)
    assert code == 1
    assert "SimpleAddDatasetOwnership is deprecated" in output


def test_a_bad_transformer_config_is_refused(tmp_path, capsys):
    recipe = S3_SOURCE + TRANSFORMERS.replace("owner_urns", "owners") + SINK
    code, output = run(write_dist(tmp_path, recipe), capsys)
    assert code == 1
    assert "transformers[0] (simple_add_ownership).config:" in output


def test_an_unknown_source_type_is_refused(tmp_path, capsys):
    code, output = run(write_dist(tmp_path, S3_SOURCE.replace("type: s3", "type: s4") + SINK), capsys)
    assert code == 1
    assert "s4" in output


def test_double_stars_need_the_explicit_switch(tmp_path, capsys):
    recipe = S3_SOURCE.replace("{partition[0]}/*.jsonl", "**/*.jsonl") + SINK
    code, output = run(write_dist(tmp_path, recipe), capsys)
    assert code == 1
    assert "path_spec.include cannot contain '**'" in output


def test_no_labelled_recipe_is_an_error_not_a_pass(tmp_path, capsys):
    code, output = run(write_dist(tmp_path, S3_SOURCE + SINK, labelled=False), capsys)
    assert code == 2
    assert "no recipe ConfigMaps" in output
