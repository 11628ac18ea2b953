import type { DocumentRule } from '../../types';
import { isSparkApplication } from './spark-applications';

export const sparkReviewOnly: DocumentRule = {
  id: 'PIPE-006',
  title: 'SparkApplications are rendered for review only, never applied by Argo CD',
  severity: 'error',
  rationale: 'Airflow submits each run with its day and run id; an applied spec would run at once with literal {{ ds }} placeholders.',
  remediation: 'Mark the SparkApplication review-only so its file starts with # +argocd:skip-file-rendering.',
  family: 9,
  scope: 'document',
  check: (doc) =>
    isSparkApplication(doc.object) && !doc.reviewOnly
      ? [{ message: `${doc.file} is applied by Argo CD; render it with markReviewOnly so the file carries the skip marker` }]
      : [],
};
