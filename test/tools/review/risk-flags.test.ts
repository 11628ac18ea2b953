// Risk flags of `npm run diff` per changed object, each on a small before/after pair: CRD versions
// and schemas, immutable Service and PVC fields, StatefulSet rollouts and volume templates, Service
// type transitions, Pod Security levels and weaker pod templates, removed stateful objects.
import { describe, expect, it } from 'vitest';
import { review } from '../../../tools/review/review';
import { crdChanges, schemaProperties } from '../../../tools/review/crd-changes';
import { podSecurityWeaknesses } from '../../../tools/review/pod-security-changes';
import { pins, renderedFiles } from './fixtures';

const noPins = pins({});
type Body = Record<string, any>;

/** Risk flags and notices (`kind: message`) of changing (or removing, when `after` is undefined) one object in prod. */
function flagsOf(before: Body, after: Body | undefined): string[] {
  const r = review({
    base: { files: renderedFiles({ 'prod/c/object.yaml': [before] }), pins: noPins },
    head: { files: renderedFiles(after ? { 'prod/c/object.yaml': [after] } : {}), pins: noPins },
  });
  return r.flags.filter((f) => f.severity !== 'version').map((f) => `${f.kind}: ${f.message}`);
}

const clone = <T>(o: T): T => structuredClone(o);
function edit(o: Body, change: (copy: Body) => void): Body {
  const copy = clone(o);
  change(copy);
  return copy;
}

// --- CustomResourceDefinitions ---------------------------------------------------------------

const widgetSchema = () => ({
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        size: { type: 'integer', minimum: 1 },
        ports: { type: 'array', items: { type: 'object', properties: { port: { type: 'integer' } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
});
const crd = (): Body => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com', annotations: { 'controller-gen.kubebuilder.io/version': 'v0.16.0' } },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { kind: 'Widget', plural: 'widgets' },
    versions: [
      { name: 'v1alpha1', served: true, storage: false, schema: { openAPIV3Schema: widgetSchema() } },
      { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: widgetSchema() } },
    ],
  },
});
const PREFIX = 'crd-change: changes CustomResourceDefinition widgets.example.com (component `c`) for every resource of its kind: ';

describe('risk flag: CRD changed', () => {
  it('lists schema property paths, list items as [] and map values as {}', () => {
    expect(schemaProperties(widgetSchema())).toEqual(['spec', 'spec.size', 'spec.ports', 'spec.ports[].port', 'spec.labels']);
  });

  it('flags a removed version, one no longer served and a moved storage version', () => {
    const after = edit(crd(), (c) => {
      c.spec.versions = [
        { ...c.spec.versions[1], storage: false, served: false },
        { name: 'v2', served: true, storage: true, schema: { openAPIV3Schema: widgetSchema() } },
      ];
    });
    expect(flagsOf(crd(), after)).toEqual([
      PREFIX +
        'version v1alpha1 removed: objects still stored at it cannot be read and clients using it break; ' +
        'version v1 no longer served: clients using it break; ' +
        'version v2 added; ' +
        'storage version v1 → v2: existing objects stay stored at the old version until rewritten (keep it served until a storage migration)',
    ]);
  });

  it('flags schema properties dropped (pruned) and added, and validation changes', () => {
    const dropped = edit(crd(), (c) => {
      delete c.spec.versions[1].schema.openAPIV3Schema.properties.spec.properties.ports;
      c.spec.versions[1].schema.openAPIV3Schema.properties.spec.properties.colour = { type: 'string' };
    });
    expect(flagsOf(crd(), dropped)).toEqual([
      PREFIX + 'schema of v1 drops `spec.ports`, `spec.ports[].port`: the API server prunes them from objects on their next write; schema of v1 adds `spec.colour`',
    ]);
    const stricter = edit(crd(), (c) => {
      c.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.size.minimum = 3;
    });
    expect(flagsOf(crd(), stricter)).toEqual([
      PREFIX + 'schema of v1alpha1 changes validation (types, required fields, enums or defaults): existing objects may no longer validate on update',
    ]);
  });

  it('flags scope, group and name changes', () => {
    const after = edit(crd(), (c) => {
      c.spec.scope = 'Cluster';
      c.spec.names.shortNames = ['wd'];
    });
    expect(crdChanges(crd(), after)).toEqual([
      'scope Namespaced → Cluster (immutable: the CRD and every resource of it must be recreated)',
      'names changed (kind, plural or short names): clients and RBAC rules using the old names break',
    ]);
  });

  it('does not flag a CRD whose annotations alone changed', () => {
    const after = edit(crd(), (c) => {
      c.metadata.annotations['controller-gen.kubebuilder.io/version'] = 'v0.17.0';
    });
    expect(flagsOf(crd(), after)).toEqual([]);
  });
});

// --- Services ---------------------------------------------------------------------------------

const service = (spec: Body): Body => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'vault', namespace: 'vault' }, spec: { ports: [{ name: 'http', port: 8200 }], ...spec } });

describe('risk flags: Service clusterIP and type', () => {
  it('flags a headless Service becoming a normal one (clusterIP is immutable)', () => {
    expect(flagsOf(service({ clusterIP: 'None' }), service({}))).toEqual([
      'immutable-field: changes immutable field `spec.clusterIP` of Service vault/vault (component `c`): the API server rejects the update; the object must be deleted and recreated',
    ]);
  });

  it('flags type transitions with what they do to exposure', () => {
    const m = (a: Body, b: Body) => flagsOf(service(a), service(b));
    expect(m({}, { type: 'LoadBalancer' })).toEqual([
      'service-type: changes the type ClusterIP → LoadBalancer of Service vault/vault (component `c`): it becomes reachable from outside the cluster (node ports and a cloud load balancer)',
    ]);
    expect(m({ type: 'NodePort' }, { type: 'ClusterIP' })).toEqual([
      'service-type: changes the type NodePort → ClusterIP of Service vault/vault (component `c`): its node ports are released: external clients lose it',
    ]);
    expect(m({}, { type: 'ExternalName', externalName: 'vault.example.org' })).toEqual([
      'service-type: changes the type ClusterIP → ExternalName of Service vault/vault (component `c`): the cluster IP is released or newly allocated: clients holding the old address or DNS answer break',
    ]);
  });

  it('does not flag a port change', () => {
    expect(flagsOf(service({}), service({ ports: [{ name: 'http', port: 8300 }] }))).toEqual([]);
  });
});

// --- PersistentVolumeClaims, StatefulSets, operator volume templates --------------------------

const pvc = (spec: Body): Body => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'object-store' },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '100Gi' } }, ...spec },
});

describe('risk flags: PVCs and volume templates', () => {
  it('flags a PVC storage class or access mode change (immutable) and a size change', () => {
    expect(flagsOf(pvc({}), pvc({ storageClassName: 'fast' }))).toEqual([
      'immutable-field: changes immutable field `spec.storageClassName` of PersistentVolumeClaim object-store/data (component `c`): the API server rejects the update; the object must be deleted and recreated',
    ]);
    expect(flagsOf(pvc({}), pvc({ accessModes: ['ReadWriteMany'] }))[0]).toMatch(/^immutable-field: changes immutable field `spec.accessModes` of PersistentVolumeClaim/);
    expect(flagsOf(pvc({}), pvc({ resources: { requests: { storage: '50Gi' } } }))).toEqual([
      'volume-template: changes the requested size 100Gi → 50Gi of PersistentVolumeClaim object-store/data (component `c`): the API server refuses a smaller size, and a larger one needs a storage class with allowVolumeExpansion',
    ]);
  });

  it('flags the volume template of a Prometheus and of a CloudNativePG Cluster', () => {
    const prometheus = (size: string): Body => ({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Prometheus',
      metadata: { name: 'prometheus', namespace: 'monitoring' },
      spec: { replicas: 2, storage: { volumeClaimTemplate: { spec: { resources: { requests: { storage: size } } } } } },
    });
    expect(flagsOf(prometheus('50Gi'), prometheus('100Gi'))).toEqual([
      'volume-template: changes the volume template `spec.storage` of Prometheus monitoring/prometheus (component `c`): existing volumes keep their class and size (a larger size needs a storage class with allowVolumeExpansion; a class or access mode change needs new volumes and a data copy)',
    ]);
    const cluster = (wal: string): Body => ({
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'airflow-db', namespace: 'airflow' },
      spec: { instances: 3, storage: { size: '20Gi' }, walStorage: { size: wal } },
    });
    expect(flagsOf(cluster('5Gi'), cluster('10Gi')).map((f) => f.split(':')[0] + ':' + f.split(':')[1])).toEqual([
      'volume-template: changes the volume template `spec.walStorage` of Cluster airflow/airflow-db (component `c`)',
    ]);
  });
});

const statefulSet = (overrides: { image?: string; replicas?: number; strategy?: Body } = {}): Body => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'vault', namespace: 'vault' },
  spec: {
    replicas: overrides.replicas ?? 3,
    serviceName: 'vault-internal',
    selector: { matchLabels: { app: 'vault' } },
    ...(overrides.strategy ? { updateStrategy: overrides.strategy } : {}),
    template: { metadata: { labels: { app: 'vault' } }, spec: { containers: [{ name: 'vault', image: overrides.image ?? 'hashicorp/vault:1.20.0' }] } },
  },
});

describe('risk flag: StatefulSet pod template', () => {
  it('notes a rollout of a StatefulSet (all pods, a partition, or OnDelete) without failing --fail-on risk', () => {
    const r = review({
      base: { files: renderedFiles({ 'prod/c/object.yaml': [statefulSet()] }), pins: noPins },
      head: { files: renderedFiles({ 'prod/c/object.yaml': [statefulSet({ image: 'hashicorp/vault:1.20.1' })] }), pins: noPins },
    });
    expect(r.flags.map((f) => `${f.severity} ${f.kind}`)).toEqual(['notice stateful-rollout', 'version version']);
    expect(flagsOf(statefulSet(), statefulSet({ image: 'hashicorp/vault:1.20.1' }))).toEqual([
      'stateful-rollout: changes the pod template of StatefulSet vault/vault (component `c`): restarts all 3 pod(s) one at a time, highest ordinal first, each on its own volume (quorum and replication lag matter)',
    ]);
    const partitioned = { type: 'RollingUpdate', rollingUpdate: { partition: 2 } };
    expect(flagsOf(statefulSet({ strategy: partitioned }), statefulSet({ strategy: partitioned, image: 'hashicorp/vault:1.20.1' }))[0]).toContain(
      'restarts pods with ordinal ≥ 2 one at a time',
    );
    const onDelete = { type: 'OnDelete' };
    expect(flagsOf(statefulSet({ strategy: onDelete }), statefulSet({ strategy: onDelete, image: 'hashicorp/vault:1.20.1' }))[0]).toContain(
      'with updateStrategy OnDelete nothing rolls until each pod is deleted by hand',
    );
  });

  it('does not flag scaling a StatefulSet or a Deployment template change', () => {
    expect(flagsOf(statefulSet(), statefulSet({ replicas: 5 }))).toEqual([]);
    const deployment = (image: string): Body => ({ ...statefulSet({ image }), kind: 'Deployment' });
    expect(flagsOf(deployment('a:1'), deployment('a:2'))).toEqual([]);
  });
});

// --- Pod Security -----------------------------------------------------------------------------

const namespace = (labels: Record<string, string>): Body => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'airflow', labels } });
const ENFORCE = 'pod-security.kubernetes.io/enforce';

describe('risk flag: Pod Security level of a namespace', () => {
  it('flags a weaker, a stricter and a removed enforce level, and an enforce-version change', () => {
    expect(flagsOf(namespace({ [ENFORCE]: 'restricted' }), namespace({ [ENFORCE]: 'baseline' }))).toEqual([
      'pod-security: changes the enforced Pod Security level restricted → baseline of Namespace airflow (component `c`): weaker: pods the old level refused are admitted',
    ]);
    expect(flagsOf(namespace({ [ENFORCE]: 'baseline' }), namespace({ [ENFORCE]: 'restricted' }))).toEqual([
      'pod-security: changes the enforced Pod Security level baseline → restricted of Namespace airflow (component `c`): stricter: running pods stay, but every new pod (rollouts, Jobs, restarts after eviction) that does not meet it is refused',
    ]);
    expect(flagsOf(namespace({ [ENFORCE]: 'restricted' }), namespace({}))).toEqual([
      'pod-security: changes the enforced Pod Security level restricted → unset (the cluster default, privileged unless configured) of Namespace airflow (component `c`): weaker: pods the old level refused are admitted',
    ]);
    expect(
      flagsOf(
        namespace({ [ENFORCE]: 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.33' }),
        namespace({ [ENFORCE]: 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' }),
      ),
    ).toEqual([
      "pod-security: changes the enforced Pod Security version v1.33 → latest of Namespace airflow (component `c`): the level's checks follow that Kubernetes version",
    ]);
  });

  it('does not flag audit or warn label changes', () => {
    expect(flagsOf(namespace({ [ENFORCE]: 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' }), namespace({ [ENFORCE]: 'restricted' }))).toEqual([]);
  });
});

const hardened = () => ({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
const deployment = (podContext: Body, container: Body, extra: Body = {}): Body => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'x' },
  spec: {
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: { securityContext: podContext, containers: [{ name: 'api', image: 'a:1', securityContext: container }], ...extra },
    },
  },
});
const restrictedPod = () => ({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });

describe('risk flag: a pod template gets weaker', () => {
  it('lists nothing for a pod that meets restricted with a read-only root filesystem', () => {
    expect([...podSecurityWeaknesses(deployment(restrictedPod(), hardened()))]).toEqual([]);
  });

  it('flags each weakened setting of a container or of the pod', () => {
    const weaker = deployment(
      { runAsNonRoot: true, runAsUser: 0 },
      { allowPrivilegeEscalation: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } },
      { hostNetwork: true },
    );
    expect(flagsOf(deployment(restrictedPod(), hardened()), weaker)).toEqual([
      'pod-security: weakens the pod security of Deployment x/api (component `c`): ' +
        'container api: adds capability NET_ADMIN; container api: allows privilege escalation; container api: no RuntimeDefault or Localhost seccomp profile; container api: runs as UID 0; pod: hostNetwork',
    ]);
  });

  it('takes the container setting over the pod setting, as Kubernetes does', () => {
    const movedToContainer = deployment({}, { ...hardened(), runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(flagsOf(deployment(restrictedPod(), hardened()), movedToContainer)).toEqual([]);
  });

  it('flags a CronJob pod template and a new sidecar without hardening, but not a stronger template', () => {
    const cronJob = (containers: Body[]): Body => ({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'snapshot', namespace: 'vault' },
      spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { securityContext: restrictedPod(), containers } } } } },
    });
    const main = { name: 'snapshot', image: 'a:1', securityContext: hardened() };
    expect(flagsOf(cronJob([main]), cronJob([main, { name: 'sidecar', image: 'b:1', securityContext: { ...hardened(), readOnlyRootFilesystem: false } }]))).toEqual([
      'pod-security: weakens the pod security of CronJob vault/snapshot (component `c`): container sidecar: writable root filesystem',
    ]);
    expect(flagsOf(deployment({}, {}), deployment(restrictedPod(), hardened()))).toEqual([]);
  });
});

// --- removed stateful objects -----------------------------------------------------------------

describe('risk flags: removed stateful objects', () => {
  it('flags deleting a PersistentVolume and a Prometheus', () => {
    expect(flagsOf({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' } }, undefined)).toEqual([
      'deletion: deletes PersistentVolume pv-1 (component `c`): with reclaim policy Delete the backing storage is deleted with it',
    ]);
    expect(flagsOf({ apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'p', namespace: 'monitoring' } }, undefined)).toEqual([
      'deletion: deletes Prometheus monitoring/p (component `c`): the operator deletes its StatefulSet; the TSDB volumes follow their retention policy',
    ]);
  });

  it('says that Argo CD keeps a removed object synced with Prune=false', () => {
    const kept = edit(statefulSet(), (s) => {
      s.metadata.annotations = { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' };
    });
    expect(flagsOf(kept, undefined)).toEqual([
      'kept-on-prune: removes StatefulSet vault/vault (component `c`) from Git, but Argo CD does not prune it (Prune=false): it stays in the cluster, unmanaged, with its data; delete it by hand if that is the intent',
    ]);
  });
});
