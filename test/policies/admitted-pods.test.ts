// The pods as admitted: the Spark operator's driver/executor pods, the Vault injector's containers,
// the controllers' and API server's own additions that Pod Security then judges.
import { describe, expect, it } from 'vitest';
import { admittedPods } from '../../policies/admitted-pods';
import { sparkPods } from '../../policies/spark-pods';
import type { K8sObject } from '../../policies/types';
import { applyJsonPatch, injectVaultAgent } from '../../policies/vault-agent-injection';

const AGENT_SECURITY_CONTEXT = {
  runAsUser: 100,
  runAsGroup: 1000,
  runAsNonRoot: true,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  allowPrivilegeEscalation: false,
};

const annotated = (annotations: Record<string, string>, spec: any = { containers: [{ name: 'app', image: 'app:1' }] }) => ({
  metadata: { annotations: { 'vault.hashicorp.com/agent-inject': 'true', ...annotations } },
  spec,
});

describe('injectVaultAgent', () => {
  it('adds an init container and a sidecar with the injector\'s security context', () => {
    const pod = annotated({}, { initContainers: [{ name: 'migrate' }], containers: [{ name: 'app' }] });
    expect(injectVaultAgent(pod)).toEqual({ injected: ['vault-agent-init', 'vault-agent'] });
    expect(pod.spec.initContainers.map((c: any) => c.name)).toEqual(['migrate', 'vault-agent-init']);
    expect(pod.spec.containers.map((c: any) => c.name)).toEqual(['app', 'vault-agent']);
    expect(pod.spec.containers[1]).toEqual({ name: 'vault-agent', image: 'hashicorp/vault', command: ['/bin/sh', '-ec'], securityContext: AGENT_SECURITY_CONTEXT });
  });

  it('follows the pre-populate, init-first, resource and uid annotations', () => {
    const pod = annotated(
      {
        'vault.hashicorp.com/agent-pre-populate-only': 'true',
        'vault.hashicorp.com/agent-init-first': 'TRUE',
        'vault.hashicorp.com/agent-run-as-user': '0',
        'vault.hashicorp.com/agent-requests-cpu': '50m',
        'vault.hashicorp.com/agent-limits-mem': '128Mi',
        'vault.hashicorp.com/agent-image': 'hashicorp/vault:2.0.4',
      },
      { initContainers: [{ name: 'migrate' }], containers: [{ name: 'app' }] },
    );
    expect(injectVaultAgent(pod)).toEqual({ injected: ['vault-agent-init'] });
    expect(pod.spec.initContainers.map((c: any) => c.name)).toEqual(['vault-agent-init', 'migrate']);
    expect(pod.spec.initContainers[0]).toEqual({
      name: 'vault-agent-init',
      image: 'hashicorp/vault:2.0.4',
      command: ['/bin/sh', '-ec'],
      resources: { requests: { cpu: '50m' }, limits: { memory: '128Mi' } },
      securityContext: { ...AGENT_SECURITY_CONTEXT, runAsUser: 0, runAsNonRoot: false },
    });
  });

  it('copies the first container\'s uid for run-as-same-user, and refuses a pod without one', () => {
    const pod = annotated({ 'vault.hashicorp.com/agent-run-as-same-user': 'true', 'vault.hashicorp.com/agent-pre-populate': 'false' }, {
      securityContext: { runAsUser: 7 },
      containers: [{ name: 'app', securityContext: { runAsUser: 1000 } }],
    });
    expect(injectVaultAgent(pod)).toEqual({ injected: ['vault-agent'] });
    expect(pod.spec.containers[1].securityContext.runAsUser).toBe(1000);

    const podLevelOnly = annotated({ 'vault.hashicorp.com/agent-run-as-same-user': 'true' }, { securityContext: { runAsUser: 7 }, containers: [{ name: 'app' }] });
    expect(injectVaultAgent(podLevelOnly)).toEqual({
      injected: [],
      refusal: 'the Vault agent injector refuses the pod: agent-run-as-same-user: no securityContext on container 0',
    });
  });

  it('leaves the security context out when told to, and applies the JSON-patch annotations', () => {
    const pod = annotated({
      'vault.hashicorp.com/agent-set-security-context': 'false',
      'vault.hashicorp.com/agent-json-patch': '[{"op":"add","path":"/securityContext","value":{"seccompProfile":{"type":"RuntimeDefault"}}}]',
    });
    injectVaultAgent(pod);
    expect(pod.spec.initContainers[0].securityContext).toBeUndefined();
    expect(pod.spec.containers[1].securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
  });

  it('injects nothing when not asked, already injected, and refuses what the injector cannot parse', () => {
    expect(injectVaultAgent({ metadata: {}, spec: { containers: [] } })).toEqual({ injected: [] });
    expect(injectVaultAgent(annotated({ 'vault.hashicorp.com/agent-inject': 'false' }))).toEqual({ injected: [] });
    expect(injectVaultAgent(annotated({ 'vault.hashicorp.com/agent-inject-status': 'injected' }))).toEqual({ injected: [] });
    expect(injectVaultAgent(annotated({ 'vault.hashicorp.com/agent-inject': 'yes' })).refusal).toBe(
      'the Vault agent injector refuses the pod: annotation vault.hashicorp.com/agent-inject="yes" is not a boolean',
    );
    expect(injectVaultAgent(annotated({ 'vault.hashicorp.com/agent-run-as-group': 'wheel' })).refusal).toBe(
      'the Vault agent injector refuses the pod: annotation vault.hashicorp.com/agent-run-as-group="wheel" is not an integer',
    );
  });

  it('applies RFC 6902 add, replace and remove, and names what it cannot model', () => {
    const target = { securityContext: { capabilities: { drop: ['ALL'] } }, args: ['a'] };
    expect(
      applyJsonPatch(
        target,
        JSON.stringify([
          { op: 'replace', path: '/securityContext/capabilities/drop/0', value: 'NET_RAW' },
          { op: 'add', path: '/args/-', value: 'b' },
          { op: 'remove', path: '/securityContext/capabilities' },
        ]),
      ),
    ).toEqual({ securityContext: {}, args: ['a', 'b'] });
    expect(applyJsonPatch(target, '[{"op":"move","from":"/args","path":"/command"}]')).toBe('operation "move" is not modelled (only add, remove, replace)');
    expect(applyJsonPatch(target, '[{"op":"replace","path":"/missing/x","value":1}]')).toBe('path /missing/x does not exist');
  });
});

const sparkApplication = (spec: any): K8sObject => ({
  apiVersion: 'sparkoperator.k8s.io/v1beta2',
  kind: 'SparkApplication',
  metadata: { name: 'ingest', namespace: 'spark-jobs', labels: { team: 'data' } },
  spec: { sparkVersion: '3.5.7', image: 'spark:1', ...spec },
});

describe('sparkPods', () => {
  it('builds the driver as spark-submit and the operator webhook do', () => {
    const [driver] = sparkPods(
      sparkApplication({
        sparkConf: { 'spark.driver.port': '7078', 'spark.blockManager.port': '7079' },
        volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'unused', emptyDir: {} }],
        driver: {
          serviceAccount: 'spark-driver',
          labels: { role: 'driver' },
          annotations: { a: 'b' },
          env: [{ name: 'X', value: '1' }],
          podSecurityContext: { runAsUser: 185 },
          securityContext: { runAsNonRoot: true },
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          sidecars: [{ name: 'proxy', image: 'proxy:1' }],
        },
      }),
    );
    expect(driver).toEqual({
      role: 'driver',
      from: 'spec.driver',
      metadata: {
        name: 'ingest-driver',
        namespace: 'spark-jobs',
        labels: {
          team: 'data',
          role: 'driver',
          'spark-role': 'driver',
          'sparkoperator.k8s.io/app-name': 'ingest',
          'sparkoperator.k8s.io/launched-by-spark-operator': 'true',
          'sparkoperator.k8s.io/mutated-by-spark-operator': 'true',
        },
        annotations: { a: 'b' },
      },
      spec: {
        restartPolicy: 'Never',
        serviceAccountName: 'spark-driver',
        securityContext: { runAsUser: 185 },
        containers: [
          {
            name: 'spark-kubernetes-driver',
            image: 'spark:1',
            env: [{ name: 'X', value: '1' }],
            securityContext: { runAsNonRoot: true },
            ports: [
              { name: 'driver-rpc-port', containerPort: 7078, protocol: 'TCP' },
              { name: 'blockmanager', containerPort: 7079, protocol: 'TCP' },
              { name: 'spark-ui', containerPort: 4040, protocol: 'TCP' },
            ],
            volumeMounts: [
              { name: 'spark-local-dir-1', mountPath: '/var/data/spark-local-dir' },
              { name: 'spark-conf-volume-driver', mountPath: '/opt/spark/conf' },
              { name: 'tmp', mountPath: '/tmp' },
            ],
          },
          { name: 'proxy', image: 'proxy:1' },
        ],
        volumes: [
          { name: 'spark-local-dir-1', emptyDir: {} },
          { name: 'spark-conf-volume-driver', configMap: { name: 'ingest-driver-conf-map' } },
          { name: 'tmp', emptyDir: {} },
        ],
      },
    });
  });

  it('gives executors the driver\'s ServiceAccount by default and the app\'s own local dirs', () => {
    const [, executor] = sparkPods(
      sparkApplication({
        volumes: [{ name: 'spark-local-dir-scratch', hostPath: { path: '/mnt/scratch' } }],
        driver: { serviceAccount: 'spark' },
        executor: { hostNetwork: true, volumeMounts: [{ name: 'spark-local-dir-scratch', mountPath: '/scratch' }] },
      }),
    );
    expect(executor!.spec).toEqual({
      restartPolicy: 'Never',
      serviceAccountName: 'spark',
      hostNetwork: true,
      dnsPolicy: 'ClusterFirstWithHostNet',
      containers: [{ name: 'spark-kubernetes-executor', image: 'spark:1', volumeMounts: [{ name: 'spark-local-dir-scratch', mountPath: '/scratch' }] }],
      volumes: [{ name: 'spark-local-dir-scratch', hostPath: { path: '/mnt/scratch' } }],
    });
  });

  it('starts from the pod template when one is given (Spark 3+), without the webhook', () => {
    const [driver] = sparkPods(
      sparkApplication({
        driver: {
          securityContext: { privileged: true },
          template: { spec: { securityContext: { runAsNonRoot: true }, containers: [{ name: 'main', securityContext: { allowPrivilegeEscalation: false } }] } },
        },
      }),
    );
    expect(driver!.from).toBe('spec.driver.template');
    expect(driver!.metadata.labels['sparkoperator.k8s.io/mutated-by-spark-operator']).toBeUndefined();
    expect(driver!.spec).toEqual({
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'main', image: 'spark:1', securityContext: { allowPrivilegeEscalation: false } }],
      restartPolicy: 'Never',
    });
  });
});

describe('admittedPods', () => {
  it('makes every container port a host port under hostNetwork and turns AppArmor annotations into fields', () => {
    const [pod] = admittedPods({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'exporter', namespace: 'monitoring' },
      spec: {
        template: {
          metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/exporter': 'localhost/exporter' } },
          spec: { hostNetwork: true, containers: [{ name: 'exporter', ports: [{ containerPort: 9100 }, { containerPort: 9101, hostPort: 19101 }] }] },
        },
      },
    });
    expect(pod!.source).toBe('pod template spec.template.spec');
    expect(pod!.metadata.name).toBe('exporter');
    expect(pod!.spec.containers[0]).toEqual({
      name: 'exporter',
      ports: [{ containerPort: 9100, hostPort: 9100 }, { containerPort: 9101, hostPort: 19101 }],
      securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'exporter' } },
    });
  });

  it('gives StatefulSet pods their claim volumes, reads Pod manifests held in ConfigMaps and names the injected agents', () => {
    const [sts] = admittedPods({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'minio', namespace: 'object-store' },
      spec: { template: { spec: { containers: [{ name: 'minio' }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' } }] },
    });
    expect(sts!.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data-minio-0' } }]);

    const pods = admittedPods({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'airflow-config', namespace: 'airflow' },
      data: {
        'airflow.cfg': '[core]\nexecutor = KubernetesExecutor\n',
        'pod_template_file.yaml':
          '---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: placeholder\n  annotations:\n    vault.hashicorp.com/agent-inject: "true"\nspec:\n  containers:\n    - name: base\n',
      },
    });
    expect(pods.map((p) => [p.source, p.metadata.name, p.metadata.namespace, p.spec.containers.map((c: any) => c.name)])).toEqual([
      ['pod manifest in data["pod_template_file.yaml"] with the injected Vault agent "vault-agent-init", "vault-agent"', 'airflow-config-pod-template-file-yaml', 'airflow', ['base', 'vault-agent']],
    ]);
  });
});
