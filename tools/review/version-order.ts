// Orders version strings the way release managers read them: semver-ish numbers
// (optional leading 'v', dotted numbers, optional suffix) and MinIO RELEASE.<timestamp> tags.
// Returns null when two versions cannot be ordered (different schemes, free-form tags).

const MINIO_RELEASE = /^RELEASE\.(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)$/;
const SEMVER_ISH = /^v?(\d+(?:\.\d+)*)(?:[-+](.+))?$/;

export function compareVersions(a: string, b: string): -1 | 0 | 1 | null {
  if (a === b) return 0;
  const releaseA = MINIO_RELEASE.exec(a);
  const releaseB = MINIO_RELEASE.exec(b);
  if (releaseA || releaseB) {
    // The timestamp format is fixed-width, so string order is time order.
    return releaseA && releaseB ? sign(releaseA[1]!.localeCompare(releaseB[1]!)) : null;
  }
  const semA = SEMVER_ISH.exec(a);
  const semB = SEMVER_ISH.exec(b);
  if (!semA || !semB) return null;
  const numbersA = semA[1]!.split('.').map(Number);
  const numbersB = semB[1]!.split('.').map(Number);
  for (let i = 0; i < Math.max(numbersA.length, numbersB.length); i++) {
    const difference = (numbersA[i] ?? 0) - (numbersB[i] ?? 0);
    if (difference !== 0) return sign(difference);
  }
  const suffixA = semA[2];
  const suffixB = semB[2];
  if (suffixA === suffixB) return 0;
  // Semver: a pre-release (1.2.0-rc.1) sorts before the release itself (1.2.0).
  if (suffixA === undefined) return 1;
  if (suffixB === undefined) return -1;
  return comparePrerelease(suffixA, suffixB);
}

function comparePrerelease(a: string, b: string): -1 | 0 | 1 {
  const partsA = a.split('.');
  const partsB = b.split('.');
  for (let i = 0; i < Math.max(partsA.length, partsB.length); i++) {
    const x = partsA[i];
    const y = partsB[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    return numeric ? sign(Number(x) - Number(y)) : sign(x.localeCompare(y));
  }
  return 0;
}

function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Splits an image pin value into repository, tag and digest. */
export function splitImageRef(ref: string): { repository: string; tag: string; digest?: string } {
  const [nameAndTag, digest] = ref.split('@') as [string, string | undefined];
  const colon = nameAndTag.lastIndexOf(':');
  const slash = nameAndTag.lastIndexOf('/');
  if (colon <= slash) return { repository: nameAndTag, tag: '', digest };
  return { repository: nameAndTag.slice(0, colon), tag: nameAndTag.slice(colon + 1), digest };
}

/**
 * Orders two pin values of the same pin key: image refs by tag when the repository is the same
 * (null when repositories differ or only the digest differs), chart versions directly.
 */
export function comparePinValues(a: string, b: string): -1 | 0 | 1 | null {
  if (a === b) return 0;
  const looksLikeImage = a.includes(':') || b.includes(':');
  if (!looksLikeImage) return compareVersions(a, b);
  const imageA = splitImageRef(a);
  const imageB = splitImageRef(b);
  if (imageA.repository !== imageB.repository) return null;
  if (imageA.tag === imageB.tag) return null;
  return compareVersions(imageA.tag, imageB.tag);
}
