// Rules for the SparkApplications the pipelines chart renders (the generic pod rules do not see
// driver/executor settings, which are not PodSpecs).
import type { Rule } from '../../types';
import { sparkResources } from './spark-resources';
import { sparkVaultAnnotations } from './spark-vault';
import { sparkNamespaceWatched } from './spark-namespace';
import { sparkImagePinned } from './spark-image';
import { sparkPodSecurity } from './spark-pod-security';
import { sparkReviewOnly } from './spark-review-only';
import { specConfigMapMirror } from './spec-configmap-mirror';
import { sparkRetryLayer } from './spark-retry-layer';

export const RULES: readonly Rule[] = [
  sparkResources,
  sparkVaultAnnotations,
  sparkNamespaceWatched,
  sparkImagePinned,
  sparkPodSecurity,
  sparkReviewOnly,
  specConfigMapMirror,
  sparkRetryLayer,
];
