import type { DocumentRule } from '../../types';
import { PINNED_IMAGE_PARAMS, unpinnedReason, type PinnedImageParams } from '../images/pinned-images';
import { isSparkApplication, sparkPodsOf } from './spark-applications';

export const sparkImagePinned: DocumentRule<PinnedImageParams> = {
  id: 'PIPE-004',
  title: 'SparkApplication images are pinned to an exact version',
  severity: 'error',
  rationale: 'The DAGs submit these specs for months; a floating tag would change the job code without a commit.',
  remediation: 'Pin spec.image (or the driver/executor image) to an exact release tag or a @sha256 digest.',
  family: 3,
  /** The same expectations as IMG-001. */
  params: PINNED_IMAGE_PARAMS,
  scope: 'document',
  check: ({ object }, params) => {
    if (!isSparkApplication(object)) return [];
    const findings: string[] = [];
    for (const { path, pod } of sparkPodsOf(object)) {
      // A pod-level image overrides spec.image for that role.
      const [where, image] = pod.image !== undefined ? [`${path}.image`, pod.image] : ['spec.image', object.spec?.image];
      if (!image) {
        findings.push(`${path} has no image (neither ${path}.image nor spec.image is set)`);
        continue;
      }
      const reason = unpinnedReason(String(image), params);
      if (reason) findings.push(`${where} ${image} ${reason}`);
    }
    return [...new Set(findings)].map((message) => ({ message }));
  },
};
