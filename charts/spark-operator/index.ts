import type { ComponentDefinition } from '../shared/component';
import { chartVersion } from '../shared/images';
import { SPARK_OPERATOR_NAMESPACE, renderSparkOperatorObjects } from './objects';
import { SPARK_OPERATOR_RELEASE, sparkOperatorValues } from './values';
import { sparkOperatorFlows } from './flows';

export const SPARK_OPERATOR_HELM_REPO = 'https://kubeflow.github.io/spark-operator';

const caBundle = (kind: string) => ({
  group: 'admissionregistration.k8s.io',
  kind,
  name: `${SPARK_OPERATOR_RELEASE}-webhook`,
  jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
});

export const sparkOperatorComponent: ComponentDefinition = {
  id: 'spark-operator',
  description: 'Kubeflow Spark operator watching spark-jobs, with its mutating webhook',
  namespace: SPARK_OPERATOR_NAMESPACE,
  project: 'platform',
  dependsOn: ['namespaces'],
  // Its chart renders ServiceMonitors/PodMonitors when monitoring is on: after the CRDs that define them.
  orderedAfter: ['monitoring'],
  // The SparkApplication CRDs are ~0.8 MB: client-side apply's annotation would overflow.
  serverSideApply: true,
  version: (env) => chartVersion(env, 'sparkOperator'),
  render: (scope, { env }) => renderSparkOperatorObjects(scope, env),
  helm: ({ env }) => ({
    repoURL: SPARK_OPERATOR_HELM_REPO,
    chart: 'spark-operator',
    version: chartVersion(env, 'sparkOperator'),
    releaseName: SPARK_OPERATOR_RELEASE,
    values: sparkOperatorValues(env),
  }),
  ignoreDifferences: [caBundle('MutatingWebhookConfiguration'), caBundle('ValidatingWebhookConfiguration')],
  flows: sparkOperatorFlows,
};
