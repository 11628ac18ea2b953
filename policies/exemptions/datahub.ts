// Exemptions for objects the upstream chart of component "datahub" renders into dist/<env>/datahub/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
// What values could fix is fixed in charts/datahub/values.ts (pull policy, scratch bounds, restricted
// security contexts with read-only roots, node spread) and charts/datahub/pod-tokens.ts (pod tokens).
import type { Exemption } from '../types';
import { componentExemptions, type Entry } from './entries';

const REVIEW_BY = '2027-03-31';
const NAMESPACE = 'datahub';

const GMS_SELECTED =
  "the chart's GMS ServiceMonitor selects its Service by app.kubernetes.io/managed-by=Helm plus name=datahub-gms (datahub-gms 0.3.18 templates/servicemonitor.yaml, no value for the selector), so render/standard-labels.ts keeps the chart's managed-by on every object carrying both labels";
const ACTIONS_START =
  'the acryl-datahub-actions start.sh touches /tmp/datahub/logs/actions/actions.out, a directory created in the image, which an emptyDir on /tmp would hide; chart 1.1.0 has no init hook to recreate it';
const IMAGE_USER =
  'the DataHub images run as their `datahub` user (uid/gid 1000), which owns their files; still non-root (runAsNonRoot), no privilege escalation, all capabilities dropped, RuntimeDefault seccomp';

const ENTRIES: readonly Entry[] = [
  // META-001: the managed-by label the GMS ServiceMonitor selects by.
  { rule: 'META-001', kind: 'Deployment', name: 'datahub-datahub-gms', reason: GMS_SELECTED },
  { rule: 'META-001', kind: 'Service', name: 'datahub-datahub-gms', reason: GMS_SELECTED },
  { rule: 'META-001', kind: 'ServiceAccount', name: 'datahub-gms', reason: GMS_SELECTED },
  { rule: 'META-001', kind: 'ServiceMonitor', name: 'datahub-datahub-gms', reason: GMS_SELECTED },
  { rule: 'META-001', kind: 'Service', name: 'datahub-v1-7-0-hazelcast-svc', envs: ['staging', 'prod'], reason: `the Hazelcast Service of multi-replica GMS; ${GMS_SELECTED}` },
  {
    rule: 'SEC-002',
    kind: 'Deployment',
    name: 'datahub-datahub-gms',
    reason: 'SECRET_SERVICE_CALLER_GUARD_MODE is a mode switch (ENFORCE), not a secret; the chart always renders it as a literal (datahub-gms templates/deployment.yaml)',
  },
  { rule: 'PSS-002', kind: 'Deployment', name: 'datahub-acryl-datahub-actions', reason: `writable root: ${ACTIONS_START}` },
  {
    rule: 'AVL-001',
    kind: 'Deployment',
    name: 'datahub-acryl-datahub-actions',
    reason: 'acryl-datahub-actions 0.3.9 templates no probes and has no probe values; it serves no traffic: a Kafka consumer, and no NetworkPolicy of the default-deny namespace admits any to it',
  },
  // kube-score
  { rule: 'kube-score:container-security-context-readonlyrootfilesystem', kind: 'Deployment', name: 'datahub-acryl-datahub-actions', reason: `as PSS-002: ${ACTIONS_START}` },
  ...['datahub-datahub-gms', 'datahub-datahub-frontend', 'datahub-acryl-datahub-actions'].map((name) => ({
    rule: 'kube-score:container-security-context-user-group-id',
    kind: 'Deployment',
    name,
    reason: IMAGE_USER,
  })),
  ...['datahub-system-update', 'datahub-system-update-nonblk'].map((name) => ({
    rule: 'kube-score:container-security-context-user-group-id',
    kind: 'Job',
    name,
    reason: `acryldata/datahub-upgrade: ${IMAGE_USER}`,
  })),
  ...['datahub-datahub-gms', 'datahub-datahub-frontend'].map((name) => ({
    rule: 'kube-score:pod-probes-identical',
    kind: 'Deployment',
    name,
    reason: 'the chart templates the same httpGet /health for readiness and liveness; values set only their timings (readiness starts later and both tolerate 8 failures)',
  })),
  ...['datahub-datahub-gms', 'datahub-datahub-frontend'].map((name) => ({
    rule: 'kube-score:deployment-replicas',
    kind: 'Deployment',
    name,
    envs: ['dev'] as const,
    reason: 'dev runs one replica by sizing (environments/dev.yaml); staging and prod run several',
  })),
  {
    rule: 'kube-score:deployment-replicas',
    kind: 'Deployment',
    name: 'datahub-acryl-datahub-actions',
    reason: 'one actions pod by sizing (environments/<env>.yaml sizing.datahub.actions): a Kafka consumer that serves no traffic (no NetworkPolicy admits any to it), so a restart only delays event processing',
  },
  {
    rule: 'kube-score:pod-probes',
    kind: 'Deployment',
    name: 'datahub-acryl-datahub-actions',
    reason: 'as AVL-001: acryl-datahub-actions 0.3.9 has no probe values; no NetworkPolicy admits traffic to the pod, so readiness would gate nothing',
  },
];

export const EXEMPTIONS: readonly Exemption[] = componentExemptions(NAMESPACE, REVIEW_BY, ENTRIES);
