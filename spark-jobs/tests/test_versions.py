"""The pins live in versions.json; the Dockerfile, requirements, jars.lock and the running venv must agree."""
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pyspark

SPARK_JOBS = Path(__file__).resolve().parents[1]
PINS = json.loads((SPARK_JOBS / "versions.json").read_text())
DOCKERFILE = (SPARK_JOBS / "Dockerfile").read_text()


def test_pins_are_a_published_spark_iceberg_pair():
    spark_minor = ".".join(PINS["spark"].split(".")[:2])
    assert PINS["icebergRuntimeArtifact"] == (
        f"org.apache.iceberg:iceberg-spark-runtime-{spark_minor}_{PINS['scala']}:{PINS['iceberg']}")
    assert PINS["icebergAwsBundle"] == f"org.apache.iceberg:iceberg-aws-bundle:{PINS['iceberg']}"


def test_dockerfile_base_image_matches_the_spark_pin():
    images = re.findall(r"^FROM\s+(\S+)", DOCKERFILE, re.M)
    assert images[-1] == PINS["baseImage"]
    assert PINS["baseImage"].startswith(f"apache/spark:{PINS['spark']}-java{PINS['java']}-python3")
    assert all(":" in image and not image.endswith(":latest") for image in images)


def test_dockerfile_names_exactly_the_pinned_jars():
    for key in ("icebergRuntimeArtifact", "icebergAwsBundle", "hadoopAws", "awsSdkBundle"):
        _, artifact, version = PINS[key].split(":")
        assert f"{artifact}:{version}" in DOCKERFILE, key
    assert "COPY jars.lock" in DOCKERFILE and "fetch-jars.sh" in DOCKERFILE


def test_jars_lock_has_exactly_the_pinned_coordinates():
    lines = [l.split() for l in (SPARK_JOBS / "jars.lock").read_text().splitlines() if l and not l.startswith("#")]
    assert sorted(c for _, c in lines) == sorted(
        PINS[k] for k in ("icebergRuntimeArtifact", "icebergAwsBundle", "hadoopAws", "awsSdkBundle"))
    assert all(re.fullmatch(r"[0-9a-f]{64}", sha) for sha, _ in lines)


def test_requirements_are_exact_and_pyspark_equals_the_spark_pin():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (SPARK_JOBS / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-r"):
                assert re.fullmatch(r"[A-Za-z0-9_.\-]+(\[[A-Za-z0-9_,\-]+\])?==[A-Za-z0-9_.]+", line), f"{name}: {line}"
    assert f"pyspark=={PINS['spark']}" in (SPARK_JOBS / "requirements.txt").read_text().splitlines()
    assert pyspark.__version__ == PINS["spark"]


def _pinned(name: str) -> dict[str, str]:
    pins = {}
    for line in (SPARK_JOBS / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-r"):
            requirement, version = line.split("==")
            pins[re.sub(r"\[.*\]", "", requirement).lower().replace("_", "-")] = version
    return pins


def test_the_venv_holds_exactly_the_pinned_closure():
    """Every installed distribution is pinned at its installed version, so the lock is complete (a new
    dependency's transitive packages must be added too) and pip's resolver found it consistent."""
    freeze = subprocess.run([sys.executable, "-m", "pip", "freeze", "--disable-pip-version-check"],
                            check=True, capture_output=True, text=True).stdout.split()
    installed = {n.lower().replace("_", "-"): v for n, v in (line.split("==") for line in freeze)}
    assert installed == _pinned("requirements.txt") | _pinned("requirements-dev.txt")
    subprocess.run([sys.executable, "-m", "pip", "check", "--disable-pip-version-check"], check=True,
                   capture_output=True)


def test_dockerfile_runs_as_non_root_with_the_contract_entry_point():
    assert re.findall(r"^USER\s+(\S+)", DOCKERFILE, re.M)[-1] not in ("root", "0")
    assert "COPY run_job.py versions.json /opt/gridata/" in DOCKERFILE


def test_setup_is_a_fast_no_op_once_done():
    started = time.time()
    subprocess.run(["bash", str(SPARK_JOBS / "scripts" / "setup.sh")], check=True, capture_output=True)
    assert time.time() - started < 5
