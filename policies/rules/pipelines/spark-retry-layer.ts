import type { DocumentRule } from '../../types';
import { isSparkApplication } from './spark-applications';

export const sparkRetryLayer: DocumentRule = {
  id: 'PIPE-008',
  title: 'SparkApplications leave retries to Airflow and expire after a time to live',
  severity: 'error',
  remediation:
    'Set spec.restartPolicy to {type: Never} and a positive spec.timeToLiveSeconds (charts/pipelines/spark-application.ts); tune retries in Airflow, the one retry layer (docs/decisions/0017).',
  rationale:
    'Operator restarts multiply Airflow retries ((retries + 1) × (onFailureRetries + 1) driver runs), and a run whose Airflow task died is never deleted without a TTL.',
  family: 4,
  scope: 'document',
  check: ({ object }) => {
    if (!isSparkApplication(object)) return [];
    const findings: string[] = [];
    const policy = object.spec?.restartPolicy;
    if (policy?.type !== 'Never') {
      findings.push(`spec.restartPolicy.type is ${JSON.stringify(policy?.type ?? null)}, expected "Never": Airflow's task retries are the one retry layer`);
    }
    const ttl = object.spec?.timeToLiveSeconds;
    if (!Number.isInteger(ttl) || ttl <= 0) findings.push(`spec.timeToLiveSeconds is ${JSON.stringify(ttl ?? null)}, expected a positive whole number of seconds`);
    return findings.map((message) => ({ message }));
  },
};
