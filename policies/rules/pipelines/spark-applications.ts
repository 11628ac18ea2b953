// SparkApplications and their driver/executor pod settings, as the pipeline rules see them.
import type { K8sObject, RenderedDocument } from '../../types';

export const SPARK_API_GROUP = 'sparkoperator.k8s.io';
export const SPARK_ROLES = ['driver', 'executor'] as const;
export type SparkRole = (typeof SPARK_ROLES)[number];

export interface SparkPodRef {
  readonly role: SparkRole;
  /** Readable path for messages, e.g. `spec.driver`. */
  readonly path: string;
  readonly pod: Record<string, any>;
}

export function isSparkApplication(object: K8sObject): boolean {
  return object.kind === 'SparkApplication' && String(object.apiVersion).startsWith(`${SPARK_API_GROUP}/`);
}

export function sparkApplications(documents: readonly RenderedDocument[]): RenderedDocument[] {
  return documents.filter((d) => isSparkApplication(d.object));
}

/** Driver and executor sections; a missing one is reported as an empty object so rules flag its fields. */
export function sparkPodsOf(object: K8sObject): SparkPodRef[] {
  return SPARK_ROLES.map((role) => ({ role, path: `spec.${role}`, pod: (object.spec?.[role] ?? {}) as Record<string, any> }));
}
