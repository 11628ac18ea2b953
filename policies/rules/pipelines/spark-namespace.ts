import type { EnvironmentRule, RenderedEnvironment } from '../../types';
import { SPARK_JOBS_NAMESPACE } from '../../../charts/shared/endpoints';
import { sparkApplications } from './spark-applications';

export const SPARK_OPERATOR_CHART = 'spark-operator';

/** The namespaces the operator watches: its chart's spark.jobNamespaces, or the platform's job namespace. */
export function watchedNamespaces(rendered: RenderedEnvironment): { namespaces: string[]; source: string } {
  const chart = rendered.charts.find((c) => c.chart === SPARK_OPERATOR_CHART);
  const configured = chart?.values?.spark?.jobNamespaces;
  if (Array.isArray(configured)) return { namespaces: configured.map(String), source: `chart ${SPARK_OPERATOR_CHART} spark.jobNamespaces` };
  return { namespaces: [SPARK_JOBS_NAMESPACE], source: 'the platform default (no spark-operator chart rendered)' };
}

export const sparkNamespaceWatched: EnvironmentRule = {
  id: 'PIPE-003',
  title: 'SparkApplications live in a namespace the Spark operator watches',
  severity: 'error',
  rationale: 'A SparkApplication outside the operator\'s job namespaces is accepted by the API server and then never runs.',
  remediation: 'Put the SparkApplication in the Spark job namespace and make the Spark operator\'s spark.jobNamespaces include it.',
  family: 7,
  scope: 'environment',
  check: (rendered) => {
    const { namespaces, source } = watchedNamespaces(rendered);
    if (namespaces.includes('')) return []; // "" = every namespace
    return sparkApplications(rendered.documents)
      .filter((doc) => !namespaces.includes(doc.object.metadata.namespace ?? ''))
      .map((doc) => ({
        document: doc,
        message: `namespace ${JSON.stringify(doc.object.metadata.namespace ?? '')} is not watched by the Spark operator (${source}: ${namespaces.join(', ')})`,
      }));
  },
};
