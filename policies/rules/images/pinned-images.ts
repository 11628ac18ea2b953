import { containersOf } from '../../pod-specs';
import type { DocumentRule } from '../../types';

export interface PinnedImageParams {
  /** Tags that move by definition, reported by name. */
  readonly floatingTags: readonly string[];
  /** What the policy accepts as an exact version, by name (for messages). A digest is always accepted. */
  readonly exactTags: Readonly<Record<string, RegExp>>;
}

/**
 * The policy's own idea of "exact", deliberately not copied from environments/schema.json: the
 * schema constrains what may be typed into an environment file, this says what may run.
 */
export const PINNED_IMAGE_PARAMS: PinnedImageParams = {
  floatingTags: ['latest', 'stable', 'edge', 'main', 'master', 'nightly', 'dev', 'current'],
  exactTags: {
    // MAJOR.MINOR.PATCH, optionally v-prefixed, with an optional pre-release/build suffix (1.2.3, v1.2.3-debian-12-r4).
    'semantic version': /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z][0-9A-Za-z.-]*)?$/,
    // MinIO's release naming: RELEASE.2025-04-22T22-12-26Z.
    'MinIO release timestamp': /^RELEASE\.\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/,
  },
};

const DIGEST = /@sha256:[a-f0-9]{64}$/;

/** Why an image reference is not pinned, or undefined when it is. */
export function unpinnedReason(image: string, params: PinnedImageParams = PINNED_IMAGE_PARAMS): string | undefined {
  if (DIGEST.test(image)) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon === -1) return 'has no tag (defaults to latest)';
  const tag = image.slice(colon + 1);
  if (params.floatingTags.includes(tag)) return `uses the floating tag "${tag}"`;
  if (!Object.values(params.exactTags).some((re) => re.test(tag))) {
    return `tag "${tag}" is not an exact version (${Object.keys(params.exactTags).join(' or ')}) or a digest`;
  }
  return undefined;
}

export const pinnedImages: DocumentRule<PinnedImageParams> = {
  id: 'IMG-001',
  title: 'Images are pinned to an exact version or digest',
  severity: 'error',
  rationale: 'A floating tag changes what runs without a commit, so reviews and rollbacks stop meaning anything.',
  remediation: 'Pin the image to an exact release tag (e.g. 1.2.3 or v1.2.3) or a @sha256 digest in environments/<env>.yaml.',
  family: 3,
  params: PINNED_IMAGE_PARAMS,
  scope: 'document',
  check: ({ object }, params) =>
    containersOf(object).flatMap(({ path, container }) => {
      const reason = unpinnedReason(String(container.image ?? ''), params);
      return reason ? [{ message: `${path} image ${container.image} ${reason}` }] : [];
    }),
};
