"""The generator's S3 sink against a real S3-compatible server (moto's server, own process, loopback port):
exact landing layout and bytes, _SUCCESS markers written last, idempotent reruns, and a smaller rerun of a day
leaving no stale part files. The server's request recorder gives the order in which requests arrived."""
import base64
import json
import math
import os
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlparse

import boto3
import pytest

from gridata_spark.generator.generate import GeneratorConfig, generate

DS = "2024-01-15"
DATASETS = ("customers", "products", "orders", "clickstream")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_server(recording: Path, log: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "MOTO_ENABLE_RECORDING": "1", "MOTO_RECORDER_FILEPATH": str(recording)}
    for _ in range(3):  # another process may take the free port between the probe and the bind
        port = _free_port()
        process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                                   env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)
        endpoint = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while time.time() < deadline and process.poll() is None:
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1).close()
                return process, endpoint
            except OSError:
                time.sleep(0.2)
        process.kill()
        process.wait()
    raise RuntimeError(f"moto server did not start; see {log}")


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("moto")
    recording = folder / "requests.jsonl"
    process, endpoint = _start_server(recording, folder / "server.log")
    yield endpoint, recording
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def s3(s3_server, monkeypatch, tmp_path, request):
    """A fresh bucket on the server, and the environment the generator reads its endpoint from."""
    endpoint, recording = s3_server
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "local-test-only")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "local-test-only")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    bucket = "gridata-raw-" + request.node.name.replace("_", "-")[:40].rstrip("-")
    client = boto3.client("s3", endpoint_url=endpoint)
    client.create_bucket(Bucket=bucket)
    return client, bucket, recording


def objects(client, bucket: str) -> dict[str, bytes]:
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    keys = [item["Key"] for page in pages for item in page.get("Contents", [])]
    return {key: client.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys}


def requests_to(recording: Path, bucket: str, since: int) -> list[tuple[str, str, list[str]]]:
    """(method, key, keys deleted) of the recorded requests to the bucket after line `since`."""
    result = []
    for line in recording.read_text().splitlines()[since:]:
        entry = json.loads(line)
        url = urlparse(entry["url"])
        path = unquote(url.path).lstrip("/")
        if path != bucket and not path.startswith(bucket + "/"):
            continue
        deleted = []
        if entry["method"] == "POST" and "delete" in url.query:
            body = base64.b64decode(entry["body"]) if entry["body_encoded"] else entry["body"].encode()
            deleted = [e.text for e in ET.fromstring(body).iter() if e.tag.endswith("Key")]
        result.append((entry["method"], path[len(bucket) + 1:], deleted))
    return result


def recorded_lines(recording: Path) -> int:
    return len(recording.read_text().splitlines()) if recording.exists() else 0


def config(orders: int) -> GeneratorConfig:
    return GeneratorConfig(ds=DS, customers=30, products=12, orders=orders, events=150, bad_record_rate=0.05,
                           lines_per_part=100)


def expected_keys(manifest: dict, lines_per_part: int) -> set[str]:
    keys = {f"raw/ecommerce/_manifests/{DS}/manifest.json"}
    for dataset in DATASETS:
        parts = math.ceil(manifest["lines"][dataset] / lines_per_part)
        keys |= {f"raw/ecommerce/{dataset}/{DS}/part-{n:05d}.jsonl" for n in range(parts)}
        keys.add(f"raw/ecommerce/{dataset}/{DS}/_SUCCESS")
    return keys


def local_tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_landing_layout_and_bytes_on_s3_equal_the_local_run(s3, tmp_path):
    client, bucket, recording = s3
    manifest = generate(config(250), f"s3://{bucket}")

    stored = objects(client, bucket)
    assert set(stored) == expected_keys(manifest, 100)
    assert len([k for k in stored if k.startswith(f"raw/ecommerce/orders/{DS}/part-")]) == 3  # 250+ lines
    generate(config(250), str(tmp_path / "local"))
    assert stored == local_tree(tmp_path / "local")
    assert json.loads(stored[f"raw/ecommerce/_manifests/{DS}/manifest.json"]) == manifest


def test_success_markers_are_written_after_every_data_file(s3):
    client, bucket, recording = s3
    since = recorded_lines(recording)
    generate(config(250), f"s3://{bucket}/landing-zone")

    puts = [key for method, key, _ in requests_to(recording, bucket, since) if method == "PUT"]
    assert sorted(puts) == sorted(objects(client, bucket))  # each object uploaded exactly once
    assert all(k.startswith("landing-zone/raw/ecommerce/") for k in puts)
    markers = [i for i, key in enumerate(puts) if key.endswith("/_SUCCESS")]
    assert len(markers) == 4 and min(markers) == len(puts) - 4


def test_a_rerun_of_the_day_is_idempotent(s3):
    client, bucket, _ = s3
    generate(config(250), f"s3://{bucket}")
    first = objects(client, bucket)
    generate(config(250), f"s3://{bucket}")
    assert objects(client, bucket) == first


def test_a_smaller_rerun_replaces_the_day_without_stale_parts(s3):
    client, bucket, recording = s3
    generate(config(250), f"s3://{bucket}")
    since = recorded_lines(recording)
    manifest = generate(config(120), f"s3://{bucket}")

    stored = objects(client, bucket)
    assert set(stored) == expected_keys(manifest, 100)
    assert f"raw/ecommerce/orders/{DS}/part-00002.jsonl" not in stored
    orders_lines = b"".join(v for k, v in sorted(stored.items()) if k.startswith(f"raw/ecommerce/orders/{DS}/part-"))
    assert len(orders_lines.splitlines()) == manifest["lines"]["orders"]

    # The old markers go before any new data, the stale part after it, the new markers last.
    requests = [(m, key, deleted) for m, key, deleted in requests_to(recording, bucket, since) if m in ("PUT", "POST")]
    deletions = [i for i, (m, _, _) in enumerate(requests) if m == "POST"]
    data_puts = [i for i, (m, key, _) in enumerate(requests) if m == "PUT" and not key.endswith("_SUCCESS")]
    marker_puts = [i for i, (m, key, _) in enumerate(requests) if m == "PUT" and key.endswith("_SUCCESS")]
    assert len(deletions) == 2
    assert sorted(requests[deletions[0]][2]) == sorted(f"raw/ecommerce/{d}/{DS}/_SUCCESS" for d in DATASETS)
    assert requests[deletions[1]][2] == [f"raw/ecommerce/orders/{DS}/part-00002.jsonl"]
    assert deletions[0] < min(data_puts) and max(data_puts) < deletions[1] < min(marker_puts)
