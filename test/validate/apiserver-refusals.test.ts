// What a schema check cannot see but the API server refuses: each fixture is a document whose
// every field is well-typed, submitted as a strict server-side-apply dry run to a real
// kube-apiserver (built from the pinned Kubernetes modules, started once for this file).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTools, startControlPlane, type ControlPlane } from '../../tools/validate/control-plane';
import { splitDocuments } from '../../tools/validate/documents';
import { validateDocuments, type DocumentResult } from '../../tools/validate/validate';

const fixtures = join(__dirname, 'fixtures');
let plane: ControlPlane;

async function validateFixture(name: string): Promise<DocumentResult[]> {
  const docs = splitDocuments(`fixtures/${name}`, readFileSync(join(fixtures, name), 'utf8'));
  return validateDocuments(plane.client, docs, { createPrerequisites: true });
}

async function refusal(name: string): Promise<string> {
  const results = await validateFixture(name);
  expect(results).toHaveLength(1);
  expect(results[0].outcome).toBe('refused');
  return results[0].message!;
}

beforeAll(async () => {
  buildTools(['kube-apiserver', 'etcd', 'crds']); // no-op when .cache is warm
  plane = await startControlPlane({ log: () => undefined, kinds: new Set(['sparkoperator.k8s.io/SparkApplication']) });
}, 30 * 60_000);

afterAll(async () => {
  await plane?.stop();
});

describe('API server dry run refuses what schema checks miss', () => {
  it('accepts a valid Deployment, Service and CronJob', async () => {
    const results = await validateFixture('valid.yaml');
    expect(results.map((r) => [r.doc.kind, r.outcome, r.message])).toEqual([
      ['Deployment', 'accepted', undefined],
      ['Service', 'accepted', undefined],
      ['CronJob', 'accepted', undefined],
    ]);
  });

  it('refuses requests above limits', async () => {
    expect(await refusal('requests-above-limits.yaml')).toMatch(
      /spec\.template\.spec\.containers\[0\]\.resources\.requests: Invalid value: "2": must be less than or equal to cpu limit/,
    );
  });

  it('refuses a selector that does not match the template labels', async () => {
    expect(await refusal('selector-mismatch.yaml')).toMatch(
      /spec\.template\.metadata\.labels: Invalid value: .*`selector` does not match template `labels`/,
    );
  });

  it('refuses a container port name longer than 15 characters', async () => {
    expect(await refusal('long-port-name.yaml')).toMatch(
      /spec\.template\.spec\.containers\[0\]\.ports\[0\]\.name: Invalid value: "prometheus-metrics": must be no more than 15 characters/,
    );
  });

  it('refuses an invalid cron schedule', async () => {
    expect(await refusal('invalid-cron.yaml')).toMatch(/spec\.schedule: Invalid value: "61 2 \* \* \*"/);
  });

  it('refuses duplicate port names', async () => {
    expect(await refusal('duplicate-port-names.yaml')).toMatch(/spec\.ports\[1\]\.name: Duplicate value: "http"/);
  });

  it('refuses an unknown field on a built-in kind', async () => {
    expect(await refusal('unknown-field.yaml')).toMatch(
      /Kind=Deployment\): \.spec\.replica: field not declared in schema/,
    );
  });

  it('refuses a duplicate field', async () => {
    expect(await refusal('duplicate-field.yaml')).toMatch(/strict decoding YAML: .*line 9: key "data" already set in map/s);
  });

  it('refuses an unknown field on a custom resource, judged by the generated CRD schema', async () => {
    expect(await refusal('custom-resource-unknown-field.yaml')).toMatch(
      /Kind=SparkApplication\): \.spec\.mainFile: field not declared in schema/,
    );
  });

  it('reports a kind without any installed schema as unvalidated, not accepted', async () => {
    const docs = splitDocuments(
      'inline',
      'apiVersion: example.gridata.io/v1\nkind: Gadget\nmetadata: {name: g, namespace: fixtures}\n',
    );
    const [result] = await validateDocuments(plane.client, docs);
    expect(result.outcome).toBe('unvalidated');
    expect(result.message).toContain('Gadget.example.gridata.io/v1 is not served');
  });

  it('as on a real cluster, refuses an object whose namespace does not exist when nothing is created', async () => {
    const docs = splitDocuments('inline', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: absent}\n');
    const [result] = await validateDocuments(plane.client, docs);
    expect(result.outcome).toBe('refused');
    expect(result.message).toBe('namespaces "absent" not found');
  });
});

describe('validate:server command', () => {
  const repoRoot = resolve(__dirname, '../..');

  function runServerCommand(fixtureNames: string[]): { status: number; stdout: string } {
    const root = mkdtempSync(join(tmpdir(), 'validate-server-'));
    try {
      mkdirSync(join(root, 'dist', 'fixtures'), { recursive: true });
      for (const name of fixtureNames) copyFileSync(join(fixtures, name), join(root, 'dist', 'fixtures', name));
      const args = ['--import', 'tsx', 'tools/validate/server.ts', '--kubeconfig', plane.kubeconfig, '--root', root];
      try {
        const stdout = execFileSync(process.execPath, [...args, '--create-prerequisites'], { cwd: repoRoot, encoding: 'utf8' });
        return { status: 0, stdout };
      } catch (error) {
        const failed = error as { status: number; stdout: string };
        return { status: failed.status, stdout: failed.stdout };
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }

  it('prints each refused object with the server message and exits 1', () => {
    const { status, stdout } = runServerCommand(['valid.yaml', 'duplicate-port-names.yaml', 'invalid-cron.yaml']);
    expect(status).toBe(1);
    expect(stdout).toMatch(/REFUSED Service fixtures\/duplicate-port-names \(dist\/fixtures\/duplicate-port-names\.yaml#0\)\n {4}.*Duplicate value: "http"/);
    expect(stdout).toMatch(/REFUSED CronJob fixtures\/invalid-cron .*\n {4}.*spec\.schedule: Invalid value/);
    expect(stdout).toContain('fixtures: 5 documents, 3 accepted, 2 refused, 0 unvalidated');
  });

  it('exits 0 when every document is accepted', () => {
    const { status, stdout } = runServerCommand(['valid.yaml']);
    expect(stdout).toContain('fixtures: 3 documents, 3 accepted, 0 refused, 0 unvalidated; 2 pods (PodSecurity admission), 2 admitted, 0 refused');
    expect(status).toBe(0);
  });
});
