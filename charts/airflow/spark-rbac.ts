// Airflow submits and watches SparkApplications in spark-jobs (SparkKubernetesOperator): the
// chart's RBAC covers only its own namespace, so this Role is ours. Bound only to the task pods'
// ServiceAccount: KubernetesExecutor runs every operator, GridataSparkApplicationOperator included
// (dags/gridata_dags/spark.py, not deferrable), in a task pod; the scheduler and triggerer never submit.
import type { Construct } from 'constructs';
import { KubeRole, KubeRoleBinding } from 'cdk8s-plus-28/lib/imports/k8s';
import { SPARK_JOBS_NAMESPACE } from '../shared/endpoints';
import { LABEL } from '../shared/labels';
import { AIRFLOW_NAMESPACE, SERVICE_ACCOUNTS } from './constants';

export const SPARK_SUBMITTER_ROLE = 'airflow-spark-submitter';
export const SPARK_SUBMITTERS = [SERVICE_ACCOUNTS.worker];

export function renderSparkRbac(scope: Construct): void {
  const labels = { [LABEL.name]: 'airflow', [LABEL.component]: 'spark-submitter' };
  new KubeRole(scope, 'spark-submitter-role', {
    metadata: { name: SPARK_SUBMITTER_ROLE, namespace: SPARK_JOBS_NAMESPACE, labels },
    rules: [
      {
        apiGroups: ['sparkoperator.k8s.io'],
        resources: ['sparkapplications'],
        verbs: ['create', 'get', 'list', 'watch', 'patch', 'delete'],
      },
      { apiGroups: ['sparkoperator.k8s.io'], resources: ['sparkapplications/status'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods', 'pods/log', 'events'], verbs: ['get', 'list', 'watch'] },
    ],
  });
  new KubeRoleBinding(scope, 'spark-submitter-binding', {
    metadata: { name: SPARK_SUBMITTER_ROLE, namespace: SPARK_JOBS_NAMESPACE, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: SPARK_SUBMITTER_ROLE },
    subjects: SPARK_SUBMITTERS.map((name) => ({ kind: 'ServiceAccount', name, namespace: AIRFLOW_NAMESPACE })),
  });
}
