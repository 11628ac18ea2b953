// Exemptions for objects the upstream chart of component "monitoring" renders into dist/<env>/monitoring/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
import type { Exemption } from '../types';
import { componentExemptions, kubeScore, type KubeScoreEntry } from './entries';

const REVIEW_BY = '2027-03-31';
const NAMESPACE = 'monitoring';

/** Policy-rule findings (`npm run policy`) that values cannot clear. */
const POLICY: Exemption[] = [
  {
    rule: 'SEC-001',
    kind: 'Secret',
    namespace: NAMESPACE,
    name: 'alertmanager-kube-prometheus-stack-alertmanager',
    reason:
      'Alertmanager\'s routing configuration, which the Prometheus operator reads only from a Secret; it holds no credential: every webhook URL, routing key and password is a *_file path into the VSO-synced alertmanager-receivers Secret (charts/monitoring/alertmanager-config.ts)',
    expires: REVIEW_BY,
  },
];

/** kube-score findings (`npm run lint:k8s`) on chart objects that values cannot clear, one entry per object and check. */
const KUBE_SCORE: KubeScoreEntry[] = [
  ...['kube-prometheus-stack-prometheus', 'kube-prometheus-stack-alertmanager'].map((name) => ({
    check: 'service-targets-pod',
    kind: 'Service',
    name,
    reason:
      'selects the pods the Prometheus operator creates at run time from the Prometheus/Alertmanager resource of the same name, which kube-score cannot see; META-004 checks the selector against the operator\'s pod labels (policies/operator-pods.ts)',
  })),
  // Generated from the declared flows (charts/monitoring/flows.ts); npm run flows models these pods.
  ...['prometheus-egress', 'prometheus-ingress', 'alertmanager-egress', 'alertmanager-ingress'].map((name) => ({
    check: 'networkpolicy-targets-pod',
    kind: 'NetworkPolicy',
    name,
    reason: 'selects the Prometheus/Alertmanager pods the Prometheus operator creates at run time from their resources, invisible to kube-score',
  })),
  {
    check: 'deployment-replicas',
    kind: 'Deployment',
    name: 'kube-prometheus-stack-operator',
    reason: 'the Prometheus operator has no leader election: a second replica would reconcile the same resources concurrently; a short outage only delays changes, the managed Prometheus and Alertmanager keep running',
  },
  {
    check: 'deployment-replicas',
    kind: 'Deployment',
    name: 'kube-prometheus-stack-kube-state-metrics',
    reason: 'unsharded replicas of kube-state-metrics each export every series, so two would double every kube_* series Prometheus scrapes; its restart loses no state',
  },
  {
    check: 'pod-probes-identical',
    kind: 'Deployment',
    name: 'kube-prometheus-stack-operator',
    reason: 'the chart writes both probes as GET /healthz on the https port with no value to change the handler; the operator has no other health endpoint',
  },
  {
    check: 'pod-probes-identical',
    kind: 'DaemonSet',
    namespace: 'node-exporter',
    name: 'kube-prometheus-stack-prometheus-node-exporter',
    reason: 'the chart writes both probes as GET / on the metrics port with no value to change the handler; node-exporter has no other health endpoint',
  },
  {
    check: 'pod-probes-identical',
    kind: 'StatefulSet',
    name: 'kube-prometheus-stack-grafana',
    reason:
      'the dashboards and datasources sidecars (k8s-sidecar) answer readiness and liveness at one /healthz that judges each (first sync done; API reachable, watchers alive); Grafana itself has distinct probes (tcp liveness, /api/health readiness)',
  },
];

export const EXEMPTIONS: readonly Exemption[] = [
  ...POLICY,
  ...componentExemptions(NAMESPACE, REVIEW_BY, kubeScore(KUBE_SCORE)),
];
