// Runs the catalog bootstrap's real provision() twice against in-memory stand-ins for the Polaris
// management API and Vault KV (neither server can run on this machine), checking it converges.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../../environments/load';
import { catalogConfiguration } from '../../../charts/iceberg-catalog/catalog-provisioning';

const SCRIPT_DIR = join(__dirname, '../../../charts/iceberg-catalog');

const HARNESS = String.raw`
import json, sys
sys.path.insert(0, sys.argv[1])
import provision_catalog as pc

config = json.loads(sys.argv[2])
scenario = sys.argv[3]

class FakeVault:
    def __init__(self):
        self.data = {config["rootPrincipalPath"]: {"clientId": "root-id", "clientSecret": "root-secret"}}
        self.writes = []
    def read(self, path):
        return self.data.get(path)
    def create(self, path, data):
        if path in self.data:
            raise pc.HttpError(400, path, "check-and-set parameter did not match the current version")
        self.data[path] = data
        self.writes.append(path)

class FakePolaris:
    """Management API semantics the script relies on: GET 404 when absent, POST 409 when present, PUT idempotent."""
    def __init__(self, base, realm, client_id, client_secret):
        assert (client_id, client_secret) == ("root-id", "root-secret"), "logs in as the root principal"
        pass
    def api(self, method, path, body=None):
        STATE["calls"].append(f"{method} {path}")
        if method == "GET":
            if path not in STATE["objects"]:
                raise pc.HttpError(404, path, "not found")
            return STATE["objects"][path]
        if method == "POST" and path.endswith("/rotate"):
            STATE["issued"] += 1
            return {"credentials": {"clientId": path.split("/")[2] + "-id", "clientSecret": f"rotated-{STATE['issued']}"}}
        if method == "POST":
            key = list(body.keys())[0]
            name = body[key]["name"]
            full = f"{path}/{name}"
            if full in STATE["objects"]:
                raise pc.HttpError(409, full, "exists")
            STATE["objects"][full] = body
            if path == "/principals":
                STATE["issued"] += 1
                return {"credentials": {"clientId": name + "-id", "clientSecret": f"issued-{STATE['issued']}"}}
            return body
        if method == "PUT":
            STATE["grants"].add(f"{path} {json.dumps(body, sort_keys=True)}")
            return {}
        raise AssertionError(method)
    exists = pc.Polaris.exists
    ensure = pc.Polaris.ensure

STATE = {"objects": {}, "calls": [], "grants": set(), "issued": 0}
pc.Polaris = FakePolaris
vault = FakeVault()
logs = []
pc.provision(config, vault, log=logs.append)
first = {"logs": logs[:], "writes": vault.writes[:], "objects": sorted(STATE["objects"]), "grants": len(STATE["grants"])}
if scenario == "lost-credentials":
    del vault.data[config["principals"]["spark"]["vaultPath"]]
logs.clear(); vault.writes.clear(); STATE["calls"].clear()
pc.provision(config, vault, log=logs.append)
second = {"logs": logs, "writes": vault.writes, "posts": [c for c in STATE["calls"] if c.startswith("POST")], "grants": len(STATE["grants"]),
          "spark": vault.data[config["principals"]["spark"]["vaultPath"]]}
print(json.dumps({"first": first, "second": second, "catalog": STATE["objects"]["/catalogs/" + config["catalog"]]}))
`;

function run(scenario: 'rerun' | 'lost-credentials') {
  const config = catalogConfiguration(loadEnvironment('prod'));
  const out = execFileSync('python3', ['-c', HARNESS, SCRIPT_DIR, JSON.stringify(config), scenario], { encoding: 'utf8', env: { PATH: process.env.PATH!, PYTHONDONTWRITEBYTECODE: '1' } });
  return JSON.parse(out) as any;
}

describe('catalog bootstrap (provision_catalog.py)', () => {
  it('creates the catalog on the curated warehouse, path-style, without STS', () => {
    const { catalog } = run('rerun');
    expect(catalog.catalog).toMatchObject({
      name: 'gridata',
      properties: { 'default-base-location': 's3://gridata-curated/warehouse' },
      storageConfigInfo: { storageType: 'S3', endpoint: 'http://minio.object-store.svc:9000', pathStyleAccess: true, stsUnavailable: true, region: 'us-east-1' },
    });
  });

  it('creates each principal once, stores its credentials in Vault once, and changes nothing on a rerun', () => {
    const { first, second } = run('rerun');
    expect(first.writes).toEqual(['prod/iceberg-catalog/principals/airflow', 'prod/iceberg-catalog/principals/datahub', 'prod/iceberg-catalog/principals/spark']);
    expect(first.objects).toContain('/principals/spark');
    expect(second.writes).toEqual([]);
    expect(second.posts).toEqual([]);
    expect(second.grants).toBe(first.grants);
    expect(second.logs[0]).toBe('catalog gridata: present');
  });

  it('rotates a principal whose credentials Vault lost, instead of failing or duplicating it', () => {
    const { second } = run('lost-credentials');
    expect(second.posts).toEqual(['POST /principals/spark/rotate']);
    expect(second.writes).toEqual(['prod/iceberg-catalog/principals/spark']);
    expect(second.spark.clientSecret).toMatch(/^rotated-/);
  });

  it('grants Spark content management and the others read-only metadata privileges', () => {
    const config = catalogConfiguration(loadEnvironment('prod')) as any;
    expect(config.principals.spark.privileges).toEqual(['CATALOG_MANAGE_CONTENT']);
    for (const p of ['airflow', 'datahub']) expect(config.principals[p].privileges.every((x: string) => /_(LIST|READ_PROPERTIES)$/.test(x))).toBe(true);
  });
});
