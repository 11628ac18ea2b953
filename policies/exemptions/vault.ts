// Exemptions for objects the upstream chart of component "vault" renders into dist/<env>/vault/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
import type { Exemption } from '../types';
import { componentExemptions, kubeScore, type KubeScoreEntry } from './entries';

const REVIEW_BY = '2027-03-31';
const NAMESPACE = 'vault';

/** Staging and prod (HA) only: the Services the chart renders for the raft leader and its standbys. */
const ROLE_SERVICES = ['vault-active', 'vault-standby'];
// META-004 knows these labels (policies/self-labelled-pods.ts); kube-score sees templates only.
const RUNTIME_LABEL_REASON =
  "selects vault-active, a label Vault's Kubernetes service registration (service_registration \"kubernetes\", charts/vault/server-config.ts) sets on its own pods at run time as leadership changes; no pod template can carry it";

/** kube-score findings (`npm run lint:k8s`) that chart values cannot clear, one entry per object and check. */
const KUBE_SCORE: KubeScoreEntry[] = [
  ...ROLE_SERVICES.map((name) => ({ check: 'service-targets-pod', kind: 'Service', name, reason: RUNTIME_LABEL_REASON })),
  {
    check: 'container-security-context-user-group-id',
    kind: 'StatefulSet',
    name: 'vault',
    reason:
      "runs as the official image's vault user and group (100:1000), which own the raft data on the existing volumes; a higher id needs a planned data migration. Non-root, no privilege escalation, all capabilities dropped, read-only root",
  },
  {
    check: 'pod-probes-identical',
    kind: 'Deployment',
    name: 'vault-agent-injector',
    reason: 'chart 0.34 templates liveness, readiness and startup probes all on /health/ready (the only health endpoint vault-k8s serves); values set only their timings',
  },
  {
    check: 'deployment-replicas',
    kind: 'Deployment',
    name: 'vault-agent-injector',
    envs: ['dev'],
    reason: 'dev runs one injector by sizing (environments/dev.yaml); staging and prod run two with a PDB',
  },
];

export const EXEMPTIONS: readonly Exemption[] = componentExemptions(NAMESPACE, REVIEW_BY, kubeScore(KUBE_SCORE));
