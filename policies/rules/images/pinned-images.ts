import { containersOf } from '../../pod-specs';
import type { DocumentRule } from '../../types';

const FLOATING_TAGS = new Set(['latest', 'stable', 'edge', 'main', 'master', 'nightly', 'dev', 'current']);
const EXACT_TAG = /^(v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?|RELEASE\.[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}Z)$/;

/** Why an image reference is not pinned, or undefined when it is. */
export function unpinnedReason(image: string): string | undefined {
  if (/@sha256:[a-f0-9]{64}$/.test(image)) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon === -1) return 'has no tag (defaults to latest)';
  const tag = image.slice(colon + 1);
  if (FLOATING_TAGS.has(tag)) return `uses the floating tag "${tag}"`;
  if (!EXACT_TAG.test(tag)) return `tag "${tag}" is not an exact version (X.Y.Z) or a digest`;
  return undefined;
}

export const pinnedImages: DocumentRule = {
  id: 'IMG-001',
  title: 'Images are pinned to an exact version or digest',
  severity: 'error',
  rationale: 'A floating tag changes what runs without a commit, so reviews and rollbacks stop meaning anything.',
  remediation: 'Pin the image to an exact release tag (e.g. 1.2.3 or v1.2.3) or a @sha256 digest in environments/<env>.yaml.',
  family: 3,
  scope: 'document',
  check: ({ object }) =>
    containersOf(object).flatMap(({ path, container }) => {
      const reason = unpinnedReason(String(container.image ?? ''));
      return reason ? [{ message: `${path} image ${container.image} ${reason}` }] : [];
    }),
};
