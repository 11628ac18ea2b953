"""Idempotent bootstrap of the Gridata Iceberg catalog in Apache Polaris.

Converges to: catalog `CATALOG` on `WAREHOUSE` (S3-compatible, path-style, no STS), one principal per
service with a principal role and a catalog role holding exactly its privileges, and each principal's
OAuth client credentials stored in Vault (written only when Vault has none: check-and-set 0).

Runs in the catalog provisioning Job (rendered by charts/iceberg-catalog); configuration comes from the
environment, credentials from Vault (the root principal is seeded once by the runbook). Standard
library only. Exit status 0 means the catalog is in the declared state.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request


class HttpError(Exception):
    def __init__(self, status: int, url: str, body: str) -> None:
        super().__init__(f"HTTP {status} from {url}: {body[:300]}")
        self.status = status


def call(method: str, url: str, body: object | None = None, headers: dict[str, str] | None = None, form: bool = False) -> object:
    data = None
    all_headers = dict(headers or {})
    if body is not None:
        if form:
            data = urllib.parse.urlencode(body).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
    except urllib.error.HTTPError as error:
        raise HttpError(error.code, url, error.read().decode(errors="replace")) from None
    return json.loads(text) if text.strip() else {}


class Vault:
    def __init__(self, address: str, mount: str, role: str, jwt: str) -> None:
        self.address, self.mount = address.rstrip("/"), mount
        login = call("POST", f"{self.address}/v1/auth/kubernetes/login", {"role": role, "jwt": jwt})
        self.headers = {"X-Vault-Token": login["auth"]["client_token"]}

    def read(self, path: str) -> dict[str, str] | None:
        try:
            return call("GET", f"{self.address}/v1/{self.mount}/data/{path}", headers=self.headers)["data"]["data"]
        except HttpError as error:
            if error.status == 404:
                return None
            raise

    def create(self, path: str, data: dict[str, str]) -> None:
        """Writes only if the secret does not exist yet (check-and-set 0)."""
        call("POST", f"{self.address}/v1/{self.mount}/data/{path}", {"options": {"cas": 0}, "data": data}, headers=self.headers)


class Polaris:
    def __init__(self, base: str, realm: str, client_id: str, client_secret: str) -> None:
        self.base, self.realm = base.rstrip("/"), realm
        grant = call(
            "POST",
            f"{self.base}/api/catalog/v1/oauth/tokens",
            {"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret, "scope": "PRINCIPAL_ROLE:ALL"},
            headers={"Polaris-Realm": realm},
            form=True,
        )
        self.headers = {"Authorization": f"Bearer {grant['access_token']}", "Polaris-Realm": realm}

    def api(self, method: str, path: str, body: object | None = None) -> object:
        return call(method, f"{self.base}/api/management/v1{path}", body, headers=self.headers)

    def exists(self, path: str) -> bool:
        try:
            self.api("GET", path)
            return True
        except HttpError as error:
            if error.status == 404:
                return False
            raise

    def ensure(self, path: str, collection: str, body: object) -> bool:
        """Creates `body` in `collection` unless `path` exists; True when it created something."""
        if self.exists(path):
            return False
        try:
            self.api("POST", collection, body)
        except HttpError as error:
            if error.status != 409:  # created concurrently by another run
                raise
        return True


def provision(config: dict, vault: Vault, log=print) -> None:
    root = vault.read(config["rootPrincipalPath"])
    if not root:
        raise SystemExit(f"no root principal at {config['rootPrincipalPath']} in Vault: run the catalog bootstrap in charts/iceberg-catalog/README.md")
    polaris = Polaris(config["polarisUri"], config["realm"], root["clientId"], root["clientSecret"])
    catalog = config["catalog"]

    created = polaris.ensure(
        f"/catalogs/{catalog}",
        "/catalogs",
        {
            "catalog": {
                "name": catalog,
                "type": "INTERNAL",
                "properties": {"default-base-location": config["warehouse"]},
                "storageConfigInfo": {
                    "storageType": "S3",
                    "allowedLocations": [config["warehouse"]],
                    "endpoint": config["s3Endpoint"],
                    "endpointInternal": config["s3Endpoint"],
                    "pathStyleAccess": True,
                    "stsUnavailable": True,
                    "region": config["region"],
                },
            }
        },
    )
    log(f"catalog {catalog}: {'created' if created else 'present'}")

    for name, spec in sorted(config["principals"].items()):
        principal_role, catalog_role = f"{name}_principal_role", f"{name}_catalog_role"
        stored = vault.read(spec["vaultPath"])
        if polaris.exists(f"/principals/{name}"):
            if not stored:
                # Credentials are only shown once; Vault lost them, so issue new ones.
                credentials = polaris.api("POST", f"/principals/{name}/rotate")["credentials"]
                vault.create(spec["vaultPath"], {"clientId": credentials["clientId"], "clientSecret": credentials["clientSecret"]})
                log(f"principal {name}: credentials rotated into Vault")
        else:
            credentials = polaris.api("POST", "/principals", {"principal": {"name": name}})["credentials"]
            if not stored:
                vault.create(spec["vaultPath"], {"clientId": credentials["clientId"], "clientSecret": credentials["clientSecret"]})
            log(f"principal {name}: created")
        polaris.ensure(f"/principal-roles/{principal_role}", "/principal-roles", {"principalRole": {"name": principal_role}})
        polaris.api("PUT", f"/principals/{name}/principal-roles", {"principalRole": {"name": principal_role}})
        polaris.ensure(f"/catalogs/{catalog}/catalog-roles/{catalog_role}", f"/catalogs/{catalog}/catalog-roles", {"catalogRole": {"name": catalog_role}})
        for privilege in spec["privileges"]:
            polaris.api("PUT", f"/catalogs/{catalog}/catalog-roles/{catalog_role}/grants", {"grant": {"type": "catalog", "privilege": privilege}})
        polaris.api("PUT", f"/principal-roles/{principal_role}/catalog-roles/{catalog}", {"catalogRole": {"name": catalog_role}})
        log(f"principal {name}: {', '.join(spec['privileges'])} on {catalog}")


def main() -> int:
    config = json.loads(open(os.environ["CATALOG_CONFIG"]).read())
    jwt = open(os.environ["VAULT_TOKEN_FILE"]).read().strip()
    vault = Vault(os.environ["VAULT_ADDR"], config["kvMount"], config["vaultRole"], jwt)
    provision(config, vault)
    return 0


if __name__ == "__main__":
    sys.exit(main())
