// The DataHub charts' hydrated workloads (datahub and datahub-prerequisites folders) as the chart
// values and post-render steps leave them: images pulled Always, every container bounded in cpu,
// memory and scratch, restricted security contexts with read-only roots where the images allow,
// explicit service-account tokens, distinct probes and one GMS/frontend replica per node.
import { describe, expect, it } from 'vitest';
import { datahubPodTokens } from '../../../charts/datahub/pod-tokens';
import { prerequisitesPostRender } from '../../../charts/datahub/prerequisites-post-render';
import { render, type Rendered } from './render-datahub';

const ENVS = ['dev', 'staging', 'prod'] as const;
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job'];

/** The chart workloads of both DataHub components, by name. */
function workloads(r: Rendered): Map<string, any> {
  const found = new Map<string, any>();
  for (const d of r.docs) {
    const [, component] = d.path.split('/');
    if ((component === 'datahub' || component === 'datahub-prerequisites') && WORKLOAD_KINDS.includes(d.object.kind)) found.set(d.object.metadata.name, d.object);
  }
  return found;
}
const podOf = (o: any) => o.spec.template.spec;
const containersOf = (o: any): any[] => [...(podOf(o).initContainers ?? []), ...podOf(o).containers];
const mainContainer = (o: any) => podOf(o).containers[0];

describe.each(ENVS)('DataHub chart workloads in %s', (name) => {
  const r = render(name);
  const all = workloads(r);

  it('are exactly the eight the two charts render', () => {
    expect([...all.keys()].sort()).toEqual([
      'datahub-acryl-datahub-actions',
      'datahub-datahub-frontend',
      'datahub-datahub-gms',
      'datahub-system-update',
      'datahub-system-update-nonblk',
      'opensearch-cluster-master',
      'prerequisites-kafka-controller',
      'prerequisites-mysql',
    ]);
  });

  it('pull every image Always and bound every container, init containers included, in cpu, memory and scratch', () => {
    for (const [workload, o] of all) {
      for (const c of containersOf(o)) {
        const where = `${workload}/${c.name}`;
        expect(c.imagePullPolicy, where).toBe('Always');
        for (const side of ['requests', 'limits'] as const) expect(Object.keys(c.resources?.[side] ?? {}).sort(), `${where} ${side}`).toEqual(['cpu', 'ephemeral-storage', 'memory']);
      }
    }
  });

  it('run every container restricted: non-root, no privilege escalation, no capabilities, RuntimeDefault seccomp', () => {
    for (const [workload, o] of all) {
      const pod = podOf(o).securityContext ?? {};
      for (const c of containersOf(o)) {
        const ctx = c.securityContext ?? {};
        const where = `${workload}/${c.name}`;
        expect(ctx.allowPrivilegeEscalation, where).toBe(false);
        expect(ctx.capabilities?.drop, where).toEqual(['ALL']);
        expect(ctx.runAsNonRoot ?? pod.runAsNonRoot, where).toBe(true);
        expect(ctx.seccompProfile?.type ?? pod.seccompProfile?.type, where).toBe('RuntimeDefault');
      }
    }
  });

  it('keep the root filesystem read-only except where the image writes to it (exempted), with an emptyDir /tmp for the JVM services', () => {
    const writable = [...all].filter(([, o]) => mainContainer(o).securityContext.readOnlyRootFilesystem !== true).map(([n]) => n);
    expect(writable.sort()).toEqual(['datahub-acryl-datahub-actions', 'opensearch-cluster-master', 'prerequisites-mysql']);
    for (const workload of ['datahub-datahub-gms', 'datahub-datahub-frontend', 'datahub-system-update', 'datahub-system-update-nonblk']) {
      const o = all.get(workload);
      expect(podOf(o).volumes, workload).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '4Gi' } });
      expect(mainContainer(o).volumeMounts, workload).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    }
  });

  it('mount a service-account token only into the system-update Jobs, whose Role scales Deployments', () => {
    const tokens = Object.fromEntries([...all].map(([n, o]) => [n, podOf(o).automountServiceAccountToken]));
    expect(tokens).toEqual({
      'datahub-acryl-datahub-actions': false,
      'datahub-datahub-frontend': false,
      'datahub-datahub-gms': false,
      'datahub-system-update': true,
      'datahub-system-update-nonblk': true,
      'opensearch-cluster-master': false,
      'prerequisites-kafka-controller': false,
      'prerequisites-mysql': false,
    });
  });

  it('probe liveness and readiness of the prerequisites differently', () => {
    const probes = (workload: string) => {
      const c = mainContainer(all.get(workload));
      const handler = (p: any) => (p.tcpSocket ? `tcp:${p.tcpSocket.port}` : p.exec ? 'exec' : 'http');
      return [handler(c.livenessProbe), handler(c.readinessProbe)];
    };
    expect(probes('opensearch-cluster-master')).toEqual(['tcp:9300', 'tcp:9200']);
    expect(probes('prerequisites-mysql')).toEqual(['tcp:mysql', 'exec']);
    expect(probes('prerequisites-kafka-controller')).toEqual(['tcp:controller', 'tcp:client']);
  });

  it('state a valid podManagementPolicy on every StatefulSet (Bitnami MySQL would render "")', () => {
    const policies = [...all].filter(([, o]) => o.kind === 'StatefulSet').map(([n, o]) => [n, o.spec.podManagementPolicy]);
    expect(policies).toEqual(expect.arrayContaining([['prerequisites-mysql', 'OrderedReady']]));
    for (const [workload, policy] of policies) expect(['OrderedReady', 'Parallel'], workload).toContain(policy);
  });

  it("resolve names through cluster DNS only: no hostAliases (datahub-gms's values.yaml has an example)", () => {
    for (const [workload, o] of all) expect(podOf(o).hostAliases, workload).toBeUndefined();
  });

  it("give OpenSearch's config-copy init container a read-only restricted context as its image user", () => {
    const init = podOf(all.get('opensearch-cluster-master')).initContainers.find((c: any) => c.name === 'configfile');
    expect(init.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });
});

describe('GMS and frontend spread', () => {
  const affinity = (r: Rendered, workload: string) => podOf(workloads(r).get(workload)).affinity;

  it('place one replica per node where several run (staging, prod)', () => {
    for (const name of ['staging', 'prod'] as const) {
      for (const [workload, app] of [['datahub-datahub-gms', 'datahub-gms'], ['datahub-datahub-frontend', 'datahub-frontend']]) {
        expect(affinity(render(name), workload!), `${name} ${workload}`).toEqual({
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { 'app.kubernetes.io/name': app, 'app.kubernetes.io/instance': 'datahub' } }, topologyKey: 'kubernetes.io/hostname' },
            ],
          },
        });
      }
    }
  });

  it('leave a single replica unconstrained (dev)', () => {
    expect(affinity(render('dev'), 'datahub-datahub-gms')).toBeUndefined();
  });
});

describe('post-render steps', () => {
  const job = (name: string, spec: Record<string, unknown> = {}) => ({ kind: 'Job', metadata: { name, namespace: 'datahub' }, spec: { template: { spec } } });
  const deployment = (name: string, spec: Record<string, unknown> = {}) => ({ kind: 'Deployment', metadata: { name, namespace: 'datahub' }, spec: { template: { spec } } });

  it('datahubPodTokens: true only for the system-update Jobs, false for every other pod, an explicit setting kept', () => {
    const out = datahubPodTokens([
      job('datahub-system-update'),
      job('datahub-system-update-nonblk'),
      job('datahub-restore-indices'),
      deployment('datahub-system-update'),
      deployment('datahub-datahub-gms', { automountServiceAccountToken: true }),
      { kind: 'Service', metadata: { name: 'datahub-datahub-gms' }, spec: {} },
    ]) as any[];
    expect(out.slice(0, 5).map((o) => o.spec.template.spec.automountServiceAccountToken)).toEqual([true, true, false, false, true]);
    expect(out[5].spec).toEqual({});
  });

  it("prerequisitesPostRender: restricts only OpenSearch's context-less configfile init container and copies MySQL's ServiceAccount setting to its pod", () => {
    const statefulSet = (name: string, spec: Record<string, unknown>) => ({ kind: 'StatefulSet', metadata: { name, namespace: 'datahub' }, spec: { template: { spec } } });
    const out = prerequisitesPostRender([
      { kind: 'ServiceAccount', metadata: { name: 'prerequisites-mysql', namespace: 'datahub' }, automountServiceAccountToken: false },
      statefulSet('opensearch-cluster-master', { initContainers: [{ name: 'configfile' }, { name: 'keystore' }], containers: [] }),
      statefulSet('other', { initContainers: [{ name: 'configfile', securityContext: { runAsUser: 5 } }], containers: [] }),
      statefulSet('prerequisites-mysql', { serviceAccountName: 'prerequisites-mysql', containers: [] }),
    ]) as any[];
    const [configfile, keystore] = out[1].spec.template.spec.initContainers;
    expect(configfile.securityContext).toMatchObject({ readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, runAsUser: 1000 });
    expect(keystore).toEqual({ name: 'keystore' });
    expect(out[2].spec.template.spec.initContainers[0].securityContext).toEqual({ runAsUser: 5 });
    expect(out[3].spec.template.spec.automountServiceAccountToken).toBe(false);
  });
});
