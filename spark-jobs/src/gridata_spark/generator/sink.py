"""Where generated files go: a local folder or an S3 endpoint (s3://bucket/prefix), same layout either way."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class LandingSink:
    """Writes <root>/raw/ecommerce/<dataset>/<ds>/part-NNNNN.jsonl (+ _SUCCESS) and a manifest."""

    def __init__(self, root: str):
        self.root = root.rstrip("/")
        self.is_s3 = self.root.startswith(("s3://", "s3a://"))
        self._staging = Path(tempfile.mkdtemp(prefix="gridata-gen-")) if self.is_s3 else Path(self.root)

    def local_path(self, relative: str) -> Path:
        path = self._staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def reset_dir(self, relative: str) -> None:
        """A regenerated day replaces the previous files of that day instead of mixing with them."""
        shutil.rmtree(self._staging / relative, ignore_errors=True)

    def publish(self) -> None:
        """Local: nothing to do. S3: upload the staged tree (the endpoint comes from AWS_ENDPOINT_URL if set)."""
        if not self.is_s3:
            return
        import boto3

        bucket, _, prefix = self.root.split("://", 1)[1].partition("/")
        client = boto3.client("s3", endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None)
        files = sorted(p for p in self._staging.rglob("*") if p.is_file())
        # _SUCCESS markers last, so a sensor never sees a day before its data files are complete.
        for path in sorted(files, key=lambda p: (p.name == "_SUCCESS", str(p))):
            key = "/".join(filter(None, [prefix, str(path.relative_to(self._staging))]))
            client.upload_file(str(path), bucket, key)
        shutil.rmtree(self._staging, ignore_errors=True)
