import type { EnvironmentRule, RenderedEnvironment } from '../../types';
import { sparkApplications } from './spark-applications';

export interface SparkNamespaceParams {
  /** Namespaces set up for Spark jobs (restricted profile, quotas, Spark NetworkPolicies, Vault roles). */
  readonly jobNamespaces: readonly string[];
  /** The chart whose `spark.jobNamespaces` value says what the operator watches. */
  readonly operatorChart: string;
}

/** Stated by the policy, not imported from the renderer's endpoint constants. */
export const SPARK_NAMESPACE_PARAMS: SparkNamespaceParams = { jobNamespaces: ['spark-jobs'], operatorChart: 'spark-operator' };

/** The namespaces the operator watches: its chart's spark.jobNamespaces, or the policy's job namespaces when no chart is rendered. */
export function watchedNamespaces(rendered: RenderedEnvironment, params: SparkNamespaceParams = SPARK_NAMESPACE_PARAMS): { namespaces: string[]; source: string } {
  const chart = rendered.charts.find((c) => c.chart === params.operatorChart);
  const configured = chart?.values?.spark?.jobNamespaces;
  if (Array.isArray(configured)) return { namespaces: configured.map(String), source: `chart ${params.operatorChart} spark.jobNamespaces` };
  return { namespaces: [...params.jobNamespaces], source: `the policy's job namespaces (no ${params.operatorChart} chart rendered)` };
}

export const sparkNamespaceWatched: EnvironmentRule<SparkNamespaceParams> = {
  id: 'PIPE-003',
  title: 'SparkApplications live in a Spark job namespace that the Spark operator watches',
  severity: 'error',
  rationale: 'A SparkApplication outside the operator\'s job namespaces is accepted by the API server and then never runs; outside the job namespace it runs without the Spark network, quota and Vault setup.',
  remediation: 'Put the SparkApplication in the Spark job namespace and make the Spark operator\'s spark.jobNamespaces include it.',
  family: 7,
  params: SPARK_NAMESPACE_PARAMS,
  scope: 'environment',
  check: (rendered, params) => {
    const { namespaces, source } = watchedNamespaces(rendered, params);
    const watchesAll = namespaces.includes(''); // "" = every namespace
    return sparkApplications(rendered.documents).flatMap((doc) => {
      const ns = doc.object.metadata.namespace ?? '';
      const problems: string[] = [];
      if (!params.jobNamespaces.includes(ns)) problems.push(`namespace ${JSON.stringify(ns)} is not a Spark job namespace (${params.jobNamespaces.join(', ')})`);
      if (!watchesAll && !namespaces.includes(ns)) problems.push(`namespace ${JSON.stringify(ns)} is not watched by the Spark operator (${source}: ${namespaces.join(', ')})`);
      return problems.length ? [{ document: doc, message: problems.join('; ') }] : [];
    });
  },
};
