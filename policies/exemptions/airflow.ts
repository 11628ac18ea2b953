// Exemptions for objects the upstream chart of component "airflow" renders into dist/<env>/airflow/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
// What values could fix is fixed in charts/airflow/values.ts (git-sync probes, read-only log groomers,
// service-account tokens); what is left is below.
import type { Exemption } from '../types';
import { componentExemptions, kubeScore, type KubeScoreEntry } from './entries';

const REVIEW_BY = '2027-03-31';
const NAMESPACE = 'airflow';

/**
 * PSS-002. Airflow 3.3 writes to its image filesystem: $AIRFLOW_HOME (/opt/airflow: a generated
 * webserver_config.py for the FAB auth manager when none is mounted, local logs where the chart mounts
 * no logs volume) and /tmp; chart 1.22 offers readOnlyRootFilesystem but mounts no writable volume at
 * those paths (upstream apache/airflow#41341 was closed unmerged), and this is unproven on a cluster.
 * git-sync (dag-processor, triggerer) runs with GITSYNC_ADD_USER=true, hard-coded by the chart, which
 * writes its user into /etc/passwd. Their log groomers are read-only already.
 */
const WRITABLE_ROOT: { kind: string; name: string; containers: string }[] = [
  { kind: 'Deployment', name: 'airflow-scheduler', containers: 'scheduler and its wait-for-airflow-migrations init container' },
  { kind: 'Deployment', name: 'airflow-api-server', containers: 'api-server and its wait-for-airflow-migrations init container' },
  { kind: 'Deployment', name: 'airflow-dag-processor', containers: 'dag-processor, wait-for-airflow-migrations, git-sync and git-sync-init' },
  { kind: 'Deployment', name: 'airflow-triggerer', containers: 'triggerer, wait-for-airflow-migrations, git-sync and git-sync-init' },
  { kind: 'Job', name: 'airflow-run-airflow-migrations', containers: 'run-airflow-migrations (airflow db migrate)' },
  { kind: 'CronJob', name: 'airflow-cleanup', containers: 'airflow-cleanup-pods (airflow kubernetes cleanup-pods)' },
];

/**
 * AVL-001. The chart templates a liveness probe (`airflow jobs check`) for these components but no
 * readiness probe and offers none as a value; they serve no Service traffic that readiness would gate
 * (the triggerer's log port aside). Their log-groomer sidecars are the image's clean-logs bash loop,
 * which has no health signal to probe and has no probe values either.
 */
const NO_READINESS: { name: string; why: string }[] = [
  { name: 'airflow-scheduler', why: 'scheduler: no port; its startupProbe already holds readiness until the first `airflow jobs check` passes' },
  { name: 'airflow-dag-processor', why: 'dag-processor: no port and no Service; a second `airflow jobs check` exec would only double its Python start-up every period' },
  { name: 'airflow-triggerer', why: 'triggerer: serves only task logs on 8794 to the API server' },
];

/** kube-score findings (`npm run lint:k8s`) on chart objects that values cannot clear, one entry per object and check. */
const KUBE_SCORE: KubeScoreEntry[] = [
  ...WRITABLE_ROOT.map(({ kind, name, containers }) => ({
    check: 'container-security-context-readonlyrootfilesystem',
    kind,
    name,
    reason: `as PSS-002: the Airflow image writes under /opt/airflow and /tmp (git-sync: /etc/passwd); containers: ${containers}`,
  })),
  ...WRITABLE_ROOT.map(({ kind, name }) => ({
    check: 'container-security-context-user-group-id',
    kind,
    name,
    reason: 'the official Airflow image runs as uid 50000 with gid 0 (its files are group 0, group-writable, by design); another gid cannot write $AIRFLOW_HOME',
  })),
  {
    check: 'cronjob-has-deadline',
    kind: 'CronJob',
    name: 'airflow-cleanup',
    reason: 'chart 1.22 has no value for startingDeadlineSeconds; a late start of the 15-minute pod cleanup is harmless (the next run catches up)',
  },
  {
    check: 'deployment-replicas',
    kind: 'Deployment',
    name: 'airflow-statsd',
    reason: 'one statsd exporter by design: a second replica would split the UDP metric stream, each holding part of every counter',
  },
  { check: 'deployment-replicas', kind: 'Deployment', name: 'airflow-triggerer', envs: ['dev'], reason: 'dev runs one triggerer by sizing (environments/dev.yaml); staging and prod run two' },
  {
    check: 'pod-probes-identical',
    kind: 'Deployment',
    name: 'airflow-api-server',
    reason: 'chart 1.22 templates the same httpGet /api/v2/monitor/health for readiness, liveness and startup; values set only timings and scheme',
  },
  {
    check: 'pod-probes-identical',
    kind: 'Deployment',
    name: 'airflow-statsd',
    reason: 'chart 1.22 templates identical httpGet /metrics readiness and liveness probes with fixed timings; no values',
  },
];

export const EXEMPTIONS: readonly Exemption[] = componentExemptions(NAMESPACE, REVIEW_BY, [
  ...kubeScore(KUBE_SCORE),
  ...WRITABLE_ROOT.map(({ kind, name, containers }) => ({
    rule: 'PSS-002',
    kind,
    name,
    reason: `the Airflow image writes under /opt/airflow and /tmp (git-sync: /etc/passwd) and chart 1.22 mounts no writable volumes there; containers: ${containers}`,
  })),
  ...NO_READINESS.map(({ name, why }) => ({
    rule: 'AVL-001',
    kind: 'Deployment',
    name,
    reason: `chart 1.22 has no readiness probe for the main container nor probes for the log-groomer sidecar; ${why}`,
  })),
]);
