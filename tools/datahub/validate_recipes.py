#!/usr/bin/env python3
"""Validates every rendered DataHub ingestion recipe against the ingestion library's own models.

For each ConfigMap labelled gridata.io/datahub-recipe under dist/<env>/datahub/ (every environment
found), the recipe is loaded the way `datahub ingest -c` loads it (environment references expanded,
here with dummy values), then checked with:
  - the pipeline model (PipelineConfig: source, transformers, sink, pipeline_name),
  - the source's config class (IcebergSourceConfig, DataLakeSourceConfig, ...),
  - each transformer's own create() (which validates its config),
  - the sink's config class,
and every secret-looking field must be a ${NAME} reference, never a literal.
Exits 1 with one line per problem, 2 when there is nothing to validate.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import yaml

RECIPE_LABEL = "gridata.io/datahub-recipe"
ENVIRONMENTS = ("dev", "staging", "prod")
SECRET_KEY = re.compile(r"(token|credential|secret|password|access[-_]key)", re.IGNORECASE)
NEEDS_GMS = "requires a datahub_api"
REFERENCES_ONLY = re.compile(r"^(\$\{[A-Z][A-Z0-9_]*\})(:\$\{[A-Z][A-Z0-9_]*\})*$")


@dataclass(frozen=True)
class Recipe:
    env: str
    file: Path
    name: str
    key: str
    text: str

    @property
    def where(self) -> str:
        return f"{self.file} ({self.name}/{self.key})"


def find_recipes(dist: Path, envs: tuple[str, ...] = ENVIRONMENTS) -> list[Recipe]:
    """Every recipe ConfigMap under dist/<env>/datahub/, in a stable order."""
    recipes: list[Recipe] = []
    for env in envs:
        folder = dist / env / "datahub"
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("configmap.*.yaml")):
            for doc in yaml.safe_load_all(file.read_text(encoding="utf-8")):
                if not doc or doc.get("kind") != "ConfigMap":
                    continue
                if RECIPE_LABEL not in (doc.get("metadata", {}).get("labels") or {}):
                    continue
                for key, text in sorted((doc.get("data") or {}).items()):
                    recipes.append(Recipe(env, file, doc["metadata"]["name"], key, text))
    return recipes


def literal_secrets(value: object, path: str = "") -> list[str]:
    """Dotted paths of secret-looking fields whose value is not made only of ${NAME} references."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, child in value.items():
            child_path = f"{path}.{key}" if path else str(key)
            if isinstance(child, str) and SECRET_KEY.search(str(key)) and not REFERENCES_ONLY.match(child):
                found.append(child_path)
            else:
                found.extend(literal_secrets(child, child_path))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(literal_secrets(child, f"{path}[{index}]"))
    return found


def _errors(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        try:
            return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '<root>'}: {e['msg']}" for e in errors())
        except Exception:  # noqa: BLE001 - fall back to the exception text
            pass
    return " ".join(str(exc).split())


def validate_recipe(recipe: Recipe) -> list[str]:
    """Problems with one recipe, each a full sentence naming the recipe and the field."""
    # Imported here so --help and find_recipes work without the library.
    from datahub.configuration.common import ConfigurationError, ConfigurationWarning
    from datahub.errors import DataHubDeprecationWarning
    from datahub.configuration.config_loader import list_referenced_env_variables, load_config_file
    from datahub.ingestion.api.common import PipelineContext
    from datahub.ingestion.run.pipeline_config import PipelineConfig
    from datahub.ingestion.sink.sink_registry import sink_registry
    from datahub.ingestion.source.source_registry import source_registry
    from datahub.ingestion.transformer.transform_registry import transform_registry

    problems: list[str] = []
    try:
        raw = yaml.safe_load(recipe.text)
    except yaml.YAMLError as exc:
        return [f"{recipe.where}: not YAML: {' '.join(str(exc).split())}"]
    if not isinstance(raw, dict):
        return [f"{recipe.where}: expected a recipe mapping, found {type(raw).__name__}"]
    problems += [f"{recipe.where}: {path} holds a literal; secrets must be ${{NAME}} references" for path in literal_secrets(raw)]

    references = sorted(list_referenced_env_variables(raw))
    dummies = {name: f"dummy-{name.lower().replace('_', '-')}" for name in references}
    with tempfile.NamedTemporaryFile("w", suffix=".yml", encoding="utf-8") as handle:
        handle.write(recipe.text)
        handle.flush()
        config = load_config_file(handle.name, allow_remote=False, extra_env_vars=dummies)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConfigurationWarning)
        warnings.simplefilter("always", DataHubDeprecationWarning)
        try:
            pipeline = PipelineConfig.model_validate(config)
        except Exception as exc:  # noqa: BLE001 - pydantic and datahub raise several types
            return problems + [f"{recipe.where}: pipeline: {_errors(exc)}"]

        try:
            source_class = source_registry.get(pipeline.source.type)
            source_class.get_config_class().model_validate(pipeline.source.config or {})
        except Exception as exc:  # noqa: BLE001
            problems.append(f"{recipe.where}: source ({pipeline.source.type}).config: {_errors(exc)}")

        context = PipelineContext(run_id="recipe-validation", pipeline_name=pipeline.pipeline_name)
        for index, transformer in enumerate(pipeline.transformers or []):
            try:
                transform_registry.get(transformer.type).create(transformer.config or {}, context)
            except ConfigurationError as exc:
                # create() validates the config first, then some transformers want the GMS client, which
                # the pipeline builds from a datahub-rest sink at run time (no GMS here).
                if NEEDS_GMS in str(exc) and pipeline.sink.type == "datahub-rest":
                    continue
                problems.append(f"{recipe.where}: transformers[{index}] ({transformer.type}).config: {_errors(exc)}")
            except Exception as exc:  # noqa: BLE001
                problems.append(f"{recipe.where}: transformers[{index}] ({transformer.type}).config: {_errors(exc)}")

        try:
            sink_registry.get(pipeline.sink.type).get_config_class().model_validate(pipeline.sink.config or {})
        except Exception as exc:  # noqa: BLE001
            problems.append(f"{recipe.where}: sink ({pipeline.sink.type}).config: {_errors(exc)}")

    for warning in caught:
        if issubclass(warning.category, (ConfigurationWarning, DataHubDeprecationWarning)):
            problems.append(f"{recipe.where}: {' '.join(str(warning.message).split())}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=Path("dist"), help="rendered output root (default: dist)")
    parser.add_argument("--env", action="append", choices=ENVIRONMENTS, help="environment(s) to check (default: all)")
    args = parser.parse_args(argv)

    recipes = find_recipes(args.dist, tuple(args.env or ENVIRONMENTS))
    if not recipes:
        print(f"validate-recipes: no recipe ConfigMaps (label {RECIPE_LABEL}) under {args.dist}/<env>/datahub/", file=sys.stderr)
        return 2
    problems: list[str] = []
    for recipe in recipes:
        found = validate_recipe(recipe)
        problems += found
        print(f"{'FAIL' if found else 'ok  '} {recipe.env}/{recipe.name}")
    for problem in problems:
        print(f"validate-recipes: {problem}", file=sys.stderr)
    print(f"validate-recipes: {len(recipes)} recipes, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
