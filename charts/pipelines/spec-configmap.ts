// The ConfigMap Airflow mounts to read the SparkApplications it submits (dags/gridata_dags/spark.py):
// one `<specId>.yaml` key per job, each value the same document as the reviewed file.
import type { Construct } from 'constructs';
import { KubeConfigMap } from 'cdk8s-plus-28/lib/imports/k8s';
import { LABEL } from '../shared/labels';

export const SPEC_CONFIGMAP_NAME = 'spark-application-specs';
export const SPEC_CONFIGMAP_NAMESPACE = 'airflow';

export function specDataKey(specId: string): string {
  return `${specId}.yaml`;
}

export function renderSpecConfigMap(scope: Construct, specs: ReadonlyMap<string, string>): KubeConfigMap {
  const data = Object.fromEntries([...specs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, yaml]) => [specDataKey(id), yaml]));
  return new KubeConfigMap(scope, 'spark-application-specs', {
    metadata: {
      name: SPEC_CONFIGMAP_NAME,
      namespace: SPEC_CONFIGMAP_NAMESPACE,
      labels: { [LABEL.name]: 'pipelines', [LABEL.component]: 'spark-application-specs' },
    },
    data,
  });
}
