// Exemptions for objects the upstream chart of component "argocd" renders into dist/<env>/argocd/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
import type { Exemption } from '../types';
import { componentExemptions, kubeScore, type KubeScoreEntry } from './entries';

// Argo CD's settings manager lists its ConfigMaps with the selector app.kubernetes.io/part-of=argocd;
// relabelled part-of=gridata, Argo CD does not find its configuration and the controller exits
// (shown by validate:argocd, decision 0043). charts/argocd/index.ts keeps the chart's label on them.
const SETTINGS_CONFIGMAPS = ['argocd-cm', 'argocd-rbac-cm', 'argocd-ssh-known-hosts-cm', 'argocd-tls-certs-cm', 'argocd-gpg-keys-cm'];

const REVIEW_BY = '2027-03-31';
const NAMESPACE = 'argocd';

const IMAGE_USERS: { kind: string; name: string }[] = [
  { kind: 'StatefulSet', name: 'argocd-application-controller' },
  { kind: 'Deployment', name: 'argocd-applicationset-controller' },
  { kind: 'Deployment', name: 'argocd-notifications-controller' },
  { kind: 'Deployment', name: 'argocd-redis' },
  { kind: 'Deployment', name: 'argocd-repo-server' },
  { kind: 'Deployment', name: 'argocd-server' },
];

/** kube-score findings (`npm run lint:k8s`) on chart objects that values cannot clear, one entry per object and check. */
const KUBE_SCORE: KubeScoreEntry[] = [
  ...IMAGE_USERS.map(({ kind, name }) => ({
    check: 'container-security-context-user-group-id',
    kind,
    name,
    reason: 'runs as its image\'s built-in user 999 (argocd, redis) like upstream\'s manifests; other ids are untested upstream with the read-only root filesystem the chart sets',
  })),
  {
    check: 'pod-probes',
    kind: 'StatefulSet',
    name: 'argocd-application-controller',
    reason: 'no livenessProbe by Argo CD\'s design (see the AVL-001 exemption); readiness on /healthz is set',
  },
  {
    check: 'statefulset-has-servicename',
    kind: 'StatefulSet',
    name: 'argocd-application-controller',
    reason: 'chart 10.1 names a governing Service it does not render; controller pods need no per-pod DNS (shards by ordinal, metrics via argocd-application-controller-metrics)',
  },
  ...['argocd-applicationset-controller', 'argocd-notifications-controller'].map((name) => ({
    check: 'pod-probes-identical',
    kind: 'Deployment',
    name,
    reason: 'chart 10.1 templates readiness and liveness as a TCP check of the same port (the only health signal these controllers expose); values set only timings',
  })),
  {
    check: 'deployment-strategy',
    kind: 'Deployment',
    name: 'argocd-notifications-controller',
    reason: 'the chart runs notifications with Recreate on purpose: the controller has no leader election, two at once would send every notification twice',
  },
  { check: 'deployment-replicas', kind: 'Deployment', name: 'argocd-notifications-controller', reason: 'a single controller by design (no leader election; see deployment-strategy)' },
  {
    check: 'deployment-replicas',
    kind: 'Deployment',
    name: 'argocd-applicationset-controller',
    reason: 'one replica by sizing: the controller is leader-elected, a second replica would only stand by',
  },
  {
    check: 'deployment-replicas',
    kind: 'Deployment',
    name: 'argocd-redis',
    reason: 'redis is a cache Argo CD rebuilds from the cluster and Git; the HA alternative (redis-ha: sentinels and HAProxy) is not worth it for a cache',
  },
  ...['argocd-repo-server', 'argocd-server'].map((name) => ({
    check: 'deployment-replicas',
    kind: 'Deployment',
    name,
    envs: ['dev'] as const,
    reason: 'dev runs one replica by sizing (environments/dev.yaml); staging and prod run two',
  })),
];

export const EXEMPTIONS: readonly Exemption[] = componentExemptions(NAMESPACE, REVIEW_BY, [
  ...SETTINGS_CONFIGMAPS.map((name) => ({
    rule: 'META-001',
    kind: 'ConfigMap',
    name,
    reason: 'Argo CD selects its settings ConfigMaps by app.kubernetes.io/part-of=argocd; with part-of=gridata the application controller cannot start',
    expires: '2027-11-30',
  })),
  ...kubeScore(KUBE_SCORE),
  {
    rule: 'AVL-001',
    kind: 'StatefulSet',
    name: 'argocd-application-controller',
    reason:
      'argo-cd 10.1 templates no livenessProbe for the application controller and has no value for one (Argo CD leaves it out on purpose: a long reconciliation would get the controller killed); its readinessProbe on /healthz is set',
  },
]);
