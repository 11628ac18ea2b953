// The KubernetesExecutor's launcher Role, replacing the chart's pod-launcher Role (values.ts sets
// `allowPodLaunching: false`): the chart's gives scheduler, task pods and triggerer `pods/exec` and
// `events` as well, and binds identities that launch nothing.
//
// What the executor calls (apache-airflow-providers-cncf-kubernetes 10.25, the provider of Airflow
// 3.3): create_namespaced_pod (launch), list/watch pods (the job watcher and adoption, metadata
// only), read_namespaced_pod (get: the task instance id of an adopted pod), patch_namespaced_pod
// (adoption and completion labels), delete_namespaced_pod (delete_worker_pods). Task logs of running
// pods are read by the API server (its own pod-log-reader Role), so no pods/log here; no exec, no
// events, no other resource. Bound to the scheduler only: it is the one process that runs the
// executor. Task pods submit SparkApplications in spark-jobs (spark-rbac.ts), never pods here; the
// triggerer runs no Kubernetes trigger (the DAGs defer only S3 sensors).
import type { Construct } from 'constructs';
import { KubeRole, KubeRoleBinding } from 'cdk8s-plus-28/lib/imports/k8s';
import { LABEL } from '../shared/labels';
import { AIRFLOW_NAMESPACE, SERVICE_ACCOUNTS } from './constants';

export const TASK_LAUNCHER_ROLE = 'airflow-task-launcher';
export const TASK_LAUNCHERS = [SERVICE_ACCOUNTS.scheduler];
export const TASK_LAUNCHER_VERBS = ['create', 'get', 'list', 'watch', 'patch', 'delete'];

export function renderTaskLauncherRbac(scope: Construct): void {
  const labels = { [LABEL.name]: 'airflow', [LABEL.component]: 'task-launcher' };
  new KubeRole(scope, 'task-launcher-role', {
    metadata: { name: TASK_LAUNCHER_ROLE, namespace: AIRFLOW_NAMESPACE, labels },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: TASK_LAUNCHER_VERBS }],
  });
  new KubeRoleBinding(scope, 'task-launcher-binding', {
    metadata: { name: TASK_LAUNCHER_ROLE, namespace: AIRFLOW_NAMESPACE, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: TASK_LAUNCHER_ROLE },
    subjects: TASK_LAUNCHERS.map((name) => ({ kind: 'ServiceAccount', name, namespace: AIRFLOW_NAMESPACE })),
  });
}
