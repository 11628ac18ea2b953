// The pipelines chart: per job a review-only SparkApplication (Argo CD never applies it; Airflow
// submits it per run), the same documents in the ConfigMap Airflow reads, and the NetworkPolicies.
import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import type { ComponentContext } from '../shared/component';
import { markReviewOnly } from '../shared/review-only';
import { toYaml } from '../shared/serialize';
import { PIPELINE_JOBS } from './jobs';
import { sparkApplicationManifest } from './spark-application';
import { renderSpecConfigMap } from './spec-configmap';

export function renderPipelines(scope: Construct, { env, version }: ComponentContext): void {
  const specs = new Map<string, string>();
  for (const job of PIPELINE_JOBS) {
    const application = new ApiObject(scope, `spark-application-${job.specId}`, sparkApplicationManifest(env, job, version));
    markReviewOnly(application);
    // toJson() is what the renderer writes too, so the ConfigMap copy is byte-for-byte the same object.
    specs.set(job.specId, toYaml(application.toJson()));
  }
  renderSpecConfigMap(scope, specs);
}
