// Pod Security proven by a real kube-apiserver (PodSecurity admission on, v1.34): a non-compliant pod
// template is refused as a Pod, validate:server fails naming the object and the plugin's message, and
// policy rule PSS-001 and the API server reach the same verdict, word for word, on every pod of the
// rule's fixtures.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../policies/engine';
import { loadFixture } from '../../policies/fixtures';
import { podSecurityAdmission } from '../../policies/rules/pod-security/pod-security-admission';
import { buildTools, startControlPlane, type ControlPlane } from '../../tools/validate/control-plane';
import { splitDocuments, type SourceDocument } from '../../tools/validate/documents';
import { dryRunPods, type PodResult } from '../../tools/validate/pod-admission';
import { validateDocuments } from '../../tools/validate/validate';

const repoRoot = resolve(__dirname, '../..');
const ruleFixtures = join(repoRoot, 'policies/rules/pod-security/fixtures');
let plane: ControlPlane;

/** Creates the file's namespaces (rendered ones with their labels, others as PSS-001 assumes) and dry-runs its pods. */
async function admit(file: string, text = readFileSync(file, 'utf8')): Promise<PodResult[]> {
  const docs: SourceDocument[] = splitDocuments(file, text);
  await validateDocuments(plane.client, docs, { createPrerequisites: true });
  return dryRunPods(plane.client, docs);
}

beforeAll(async () => {
  buildTools(['kube-apiserver', 'etcd', 'crds']); // no-op when the cache is warm
  plane = await startControlPlane({ log: () => undefined, kinds: new Set(['sparkoperator.k8s.io/SparkApplication']) });
}, 30 * 60_000);

afterAll(async () => {
  await plane?.stop();
});

const NON_COMPLIANT = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: { pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/enforce-version: v1.28 }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      serviceAccountName: api
      securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
      containers: [{ name: api, image: ghcr.io/gridata/api:1.0.0, securityContext: { capabilities: { drop: [ALL] } } }]
`;

describe('PodSecurity admission on a real API server', () => {
  it('accepts a non-compliant Deployment with a warning but refuses its pod', async () => {
    const docs = splitDocuments('inline', NON_COMPLIANT);
    const [namespace, deployment] = await validateDocuments(plane.client, docs, { createPrerequisites: true });
    expect(namespace!.outcome).toBe('accepted');
    expect(deployment!.outcome).toBe('accepted');
    expect(deployment!.warnings).toEqual([
      'would violate PodSecurity "restricted:v1.28": allowPrivilegeEscalation != false (container "api" must set securityContext.allowPrivilegeEscalation=false)',
    ]);

    const [pod] = await dryRunPods(plane.client, docs);
    expect(pod!.outcome).toBe('refused');
    expect(pod!.message).toBe(
      'pods "api" is forbidden: violates PodSecurity "restricted:v1.28": allowPrivilegeEscalation != false (container "api" must set securityContext.allowPrivilegeEscalation=false)',
    );
  });

  it('admits the same pod once the namespace enforces baseline', async () => {
    const docs = splitDocuments('inline', NON_COMPLIANT.replace('enforce: restricted', 'enforce: baseline'));
    await validateDocuments(plane.client, docs, { createPrerequisites: true });
    expect((await dryRunPods(plane.client, docs)).map((r) => r.outcome)).toEqual(['accepted']);
  });

  it('validate:server fails naming the object, the pod and the plugin message', () => {
    const root = mkdtempSync(join(tmpdir(), 'validate-pss-'));
    try {
      mkdirSync(join(root, 'dist', 'fixtures'), { recursive: true });
      writeFileSync(join(root, 'dist', 'fixtures', 'shop.yaml'), NON_COMPLIANT);
      copyFileSync(join(ruleFixtures, 'PSS-001.pass.yaml'), join(root, 'dist', 'fixtures', 'pass.yaml'));
      const args = ['--import', 'tsx', 'tools/validate/server.ts', '--kubeconfig', plane.kubeconfig, '--root', root, '--create-prerequisites'];
      let status = 0;
      let stdout = '';
      try {
        stdout = execFileSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });
      } catch (error) {
        ({ status, stdout } = error as { status: number; stdout: string });
      }
      expect(status).toBe(1);
      expect(stdout).toContain(
        'REFUSED Deployment shop/api (dist/fixtures/shop.yaml#1): pod template spec.template.spec\n' +
          '    pods "api" is forbidden: violates PodSecurity "restricted:v1.28": allowPrivilegeEscalation != false (container "api" must set securityContext.allowPrivilegeEscalation=false)\n',
      );
      expect(stdout).toMatch(/fixtures: \d+ documents, .*; 11 pods \(PodSecurity admission\), 10 admitted, 1 refused/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('PSS-001 and the API server agree', () => {
  /** `Kind/namespace/name|pod source` → the pod's verdict: '' when admitted, else the text after `violates PodSecurity`. */
  type Verdicts = Map<string, string>;
  const VIOLATION = /^(.*?)(?: \(namespace "[^"]+" is not rendered in this environment; assumed [^)]+\))?: violates (PodSecurity "[^"]+"): (.*)$/;

  function ruleVerdicts(file: string, pods: readonly PodResult[]): Verdicts {
    const verdicts: Verdicts = new Map(pods.map((r) => [`${r.doc.kind}/${r.doc.namespace}/${r.doc.name}|${r.pod.source}`, '']));
    const grouped = new Map<string, { policy: string; details: string[] }>();
    for (const v of evaluate(loadFixture(file).rendered, [podSecurityAdmission]).violations) {
      const match = VIOLATION.exec(v.message);
      if (!match) continue; // the injector's refusals: no Pod reaches the API server
      const key = `${v.kind}/${v.namespace}/${v.name}|${match[1]}`;
      const entry = grouped.get(key) ?? { policy: match[2]!, details: [] };
      entry.details.push(match[3]!);
      grouped.set(key, entry);
    }
    for (const [key, { policy, details }] of grouped) verdicts.set(key, `${policy}: ${details.join(', ')}`);
    return verdicts;
  }

  function serverVerdicts(pods: readonly PodResult[]): Verdicts {
    return new Map(
      pods
        .filter((r) => r.outcome !== 'not-submitted')
        .map((r) => [
          `${r.doc.kind}/${r.doc.namespace}/${r.doc.name}|${r.pod.source}`,
          r.outcome === 'accepted' ? '' : r.message!.replace(/^pods "[^"]+" is forbidden: violates /, ''),
        ]),
    );
  }

  for (const name of ['PSS-001.pass.yaml', 'PSS-001.fail.yaml']) {
    it(`on every pod of ${name}`, async () => {
      const file = join(ruleFixtures, name);
      const pods = await admit(file);
      const server = serverVerdicts(pods);
      const rule = ruleVerdicts(file, pods);
      for (const r of pods.filter((p) => p.outcome === 'not-submitted')) rule.delete(`${r.doc.kind}/${r.doc.namespace}/${r.doc.name}|${r.pod.source}`);
      expect(Object.fromEntries(rule)).toEqual(Object.fromEntries(server));
      const refused = [...server.values()].filter((v) => v !== '').length;
      if (name.includes('pass')) expect([server.size, refused]).toEqual([10, 0]);
      else expect([server.size, refused]).toEqual([24, 24]);
    });
  }
});
