"""Where generated files go: a local folder or an S3 endpoint (s3://bucket/prefix), same layout either way."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

SUCCESS_MARKER = "_SUCCESS"


class LandingSink:
    """Writes <root>/raw/ecommerce/<dataset>/<ds>/part-NNNNN.jsonl (+ _SUCCESS) and a manifest."""

    def __init__(self, root: str):
        self.root = root.rstrip("/")
        self.is_s3 = self.root.startswith(("s3://", "s3a://"))
        self._staging = Path(tempfile.mkdtemp(prefix="gridata-gen-")) if self.is_s3 else Path(self.root)
        self._replaced_dirs: list[str] = []

    def local_path(self, relative: str) -> Path:
        path = self._staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def reset_dir(self, relative: str) -> None:
        """A regenerated day replaces the previous files of that day instead of mixing with them."""
        shutil.rmtree(self._staging / relative, ignore_errors=True)
        self._replaced_dirs.append(relative.strip("/"))

    def publish(self) -> None:
        """Local: nothing to do. S3: upload the staged tree (the endpoint comes from AWS_ENDPOINT_URL if set).

        Order matters to a sensor waiting for <day>/_SUCCESS: a replaced day's old marker goes first, then the
        data files, then objects of the previous run that this run did not write (e.g. a part-00003 of a bigger
        run), and the new markers last. At no point does a visible _SUCCESS stand next to a mix of two runs."""
        if not self.is_s3:
            return
        import boto3

        bucket, _, prefix = self.root.split("://", 1)[1].partition("/")
        prefix = prefix.strip("/")
        client = boto3.client("s3", endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None)

        def key_of(relative: str) -> str:
            return "/".join(filter(None, [prefix, relative]))

        staged = {key_of(str(p.relative_to(self._staging))): p for p in self._staging.rglob("*") if p.is_file()}
        previous = [key for d in self._replaced_dirs for key in self._existing_keys(client, bucket, key_of(d) + "/")]
        old_markers = [k for k in previous if k.rsplit("/", 1)[-1] == SUCCESS_MARKER]
        stale = [k for k in previous if k not in staged and k not in old_markers]
        data_keys = sorted(k for k in staged if k.rsplit("/", 1)[-1] != SUCCESS_MARKER)
        marker_keys = sorted(k for k in staged if k.rsplit("/", 1)[-1] == SUCCESS_MARKER)

        self._delete(client, bucket, old_markers)
        for key in data_keys:
            client.upload_file(str(staged[key]), bucket, key)
        self._delete(client, bucket, stale)
        for key in marker_keys:
            client.upload_file(str(staged[key]), bucket, key)
        shutil.rmtree(self._staging, ignore_errors=True)

    @staticmethod
    def _existing_keys(client, bucket: str, key_prefix: str) -> list[str]:
        pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=key_prefix)
        return [item["Key"] for page in pages for item in page.get("Contents", [])]

    @staticmethod
    def _delete(client, bucket: str, keys: list[str]) -> None:
        for start in range(0, len(keys), 1000):  # DeleteObjects takes at most 1000 keys
            batch = keys[start:start + 1000]
            response = client.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch],
                                                                    "Quiet": True})
            if response.get("Errors"):
                raise RuntimeError(f"could not delete {len(response['Errors'])} objects in s3://{bucket}, "
                                   f"first: {response['Errors'][0].get('Key')}")
