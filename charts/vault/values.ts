// Values for the upstream `hashicorp/vault` chart, generated per environment.
// dev: one server on raft with a persistent volume; staging/prod: HA raft, PDB, one voter per node.
import type { Environment } from '../../environments/types';
import { pinnedImage } from '../shared/images';
import { valuesResourcesWithScratch } from '../shared/resources';
import { zoneSpread } from '../shared/topology';
import { DEFAULT_UID, restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../shared/pod-security';

/**
 * The `vault` user and group of the official image: the server keeps them, its raft data on the
 * existing volumes belongs to them. The injector (vault-k8s: no files, certificates in memory) runs
 * as the platform's high non-root id.
 */
const VAULT_UID = 100;
const VAULT_GID = 1000;
import { protectedAnnotations, RETAIN_VOLUMES } from '../shared/protection';
import { toYaml } from '../shared/serialize';
import { VAULT_AGENT_INJECTION_LABEL } from '../shared/vault-secrets';
import { VAULT_DATA_PATH, VAULT_RELEASE, serverConfig } from './server-config';

export const VAULT_LIVENESS_PATH = '/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204';

/** Pod and container security contexts in the chart's `{pod, container}` shape. */
export function chartSecurityContext(uid = DEFAULT_UID, gid = uid) {
  return { pod: restrictedPodSecurityContext(uid, gid), container: restrictedContainerSecurityContext() };
}

/** Labels the chart puts on server pods. */
const SERVER_POD_LABELS = { 'app.kubernetes.io/name': VAULT_RELEASE, 'app.kubernetes.io/instance': VAULT_RELEASE, component: 'server' };

/**
 * Spreads pods of one chart component across nodes (required: losing a node loses one pod). The chart's
 * `server.affinity`/`injector.affinity` default to YAML strings (run through `tpl`): Helm cannot merge a
 * map over a string default and ignores it with a warning, so the affinity is handed over as YAML text.
 * An empty string renders no affinity.
 */
export function spreadAcrossNodes(labels: Record<string, string>, replicas: number): string {
  if (replicas <= 1) return '';
  return toYaml({
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: labels }, topologyKey: 'kubernetes.io/hostname' }],
    },
  });
}

/** Annotations of the server's ServiceAccount: the awskms seal's cloud identity (EKS IRSA), when the environment names one. */
export function serverServiceAccountAnnotations(env: Environment): Record<string, string> {
  const roleArn = env.vault.autoUnseal?.awskms?.serviceAccountRoleArn;
  return roleArn ? { 'eks.amazonaws.com/role-arn': roleArn } : {};
}

export function vaultValues(env: Environment): Record<string, unknown> {
  const sizing = env.sizing.vault;
  const replicas = env.vault.ha ? sizing.server.replicas ?? 3 : 1;
  if (env.vault.ha && replicas < 3) throw new Error(`environments/${env.name}.yaml: /sizing/vault/server/replicas: HA raft needs at least 3 voters, found ${replicas}`);
  const vault = pinnedImage(env, 'vault', 'vault');
  const vaultK8s = pinnedImage(env, 'vault', 'vaultK8s');
  const agent = sizing.agent.resources;
  const config = serverConfig(env, replicas);
  const injectorReplicas = sizing.injector.replicas ?? 1;

  return {
    global: { enabled: true, tlsDisable: true, serverTelemetry: { prometheusOperator: env.features.monitoring } },
    injector: {
      enabled: true,
      replicas: injectorReplicas,
      leaderElector: { enabled: injectorReplicas > 1 },
      image: { repository: vaultK8s.repository, tag: vaultK8s.tag, pullPolicy: 'Always' },
      agentImage: { repository: vault.repository, tag: vault.tag },
      authPath: 'auth/kubernetes',
      // Pods must not start without their secrets: fail closed instead of silently skipping injection.
      failurePolicy: 'Fail',
      // Only namespaces whose workloads declare agents (the namespaces component labels exactly those,
      // from the collected Vault consumers); every other namespace is never sent to the webhook.
      namespaceSelector: { matchLabels: { [VAULT_AGENT_INJECTION_LABEL]: 'enabled' } },
      agentDefaults: {
        cpuRequest: agent.requests.cpu,
        cpuLimit: agent.limits.cpu,
        memRequest: agent.requests.memory,
        memLimit: agent.limits.memory,
        template: 'map',
        templateConfig: { exitOnRetryFailure: true, staticSecretRenderInterval: '' },
      },
      resources: valuesResourcesWithScratch(sizing.injector),
      metrics: { enabled: true },
      securityContext: chartSecurityContext(),
      affinity: spreadAcrossNodes({ 'app.kubernetes.io/name': `${VAULT_RELEASE}-agent-injector`, 'app.kubernetes.io/instance': VAULT_RELEASE, component: 'webhook' }, injectorReplicas),
      podDisruptionBudget: injectorReplicas > 1 ? { maxUnavailable: 1 } : {},
    },
    server: {
      image: { repository: vault.repository, tag: vault.tag, pullPolicy: 'Always' },
      resources: valuesResourcesWithScratch(sizing.server),
      // Liveness asks only whether the process answers: a sealed or uninitialised server reports 204
      // (restarting it would seal it again and undo a manual unseal); readiness stays the chart's
      // `vault status` (ready once unsealed). A minute unanswered before a restart: raft elections
      // and snapshots must not get a leader killed.
      livenessProbe: { enabled: true, path: VAULT_LIVENESS_PATH, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
      // The raft data: kept on prune and on Application deletion, volumes kept when the StatefulSet goes.
      dataStorage: { enabled: true, size: env.storage.vault, mountPath: VAULT_DATA_PATH, accessMode: 'ReadWriteOnce', annotations: protectedAnnotations() },
      persistentVolumeClaimRetentionPolicy: RETAIN_VOLUMES,
      auditStorage: { enabled: false },
      dev: { enabled: false },
      standalone: env.vault.ha ? { enabled: false } : { enabled: true, config },
      ha: env.vault.ha
        ? {
            enabled: true,
            replicas,
            raft: { enabled: true, setNodeId: true, config },
            disruptionBudget: { enabled: true, maxUnavailable: Math.floor((replicas - 1) / 2) },
          }
        : { enabled: false },
      affinity: spreadAcrossNodes(SERVER_POD_LABELS, replicas),
      // Raft voters in different zones: losing a zone keeps a quorum (chart key server.topologySpreadConstraints).
      ...(zoneSpread(env, replicas).length ? { topologySpreadConstraints: zoneSpread(env, replicas, SERVER_POD_LABELS) } : {}),
      statefulSet: { annotations: protectedAnnotations(), securityContext: chartSecurityContext(VAULT_UID, VAULT_GID) },
      // The chart's start script copies the config to /tmp; with a read-only root it needs a volume.
      volumes: [{ name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } }],
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      // Vault reviews the ServiceAccount tokens of Kubernetes-auth logins (TokenReview).
      authDelegator: { enabled: true },
      serviceAccount: { create: true, name: VAULT_RELEASE, serviceDiscovery: { enabled: true }, annotations: serverServiceAccountAnnotations(env) },
      includeConfigAnnotation: true,
    },
    ui: { enabled: true },
    csi: { enabled: false },
    serverTelemetry: {
      serviceMonitor: { enabled: env.features.monitoring, interval: '30s', scrapeTimeout: '10s' },
    },
  };
}
