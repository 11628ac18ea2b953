import { describe, expect, it } from 'vitest';
import { copyVersionEntries } from '../../../tools/promote/copy-versions';

const staging = `# staging
versions:
  vault:
    chart: 0.35.0 # newer chart
    images:
      vault: { repository: hashicorp/vault, tag: 2.1.0 }
      vaultK8s: { repository: hashicorp/vault-k8s, tag: 1.7.6 }
      helper: { repository: example/helper, tag: "1.0" }
  objectStore:
    images:
      minio: { repository: quay.io/minio/minio, tag: RELEASE.2025-04-22T22-12-26Z }
`;

const prod = `# Gridata — prod environment.
name: prod # keep me

# The promotable unit.
versions:
  vault:
    # Upgraded together with the injector.
    chart: 0.34.1   # chart comment stays
    images:
      vault: { repository: hashicorp/vault, tag: 2.0.4 } # server image
      vaultK8s: { repository: hashicorp/vault-k8s, tag: 1.7.6 }
      retired: { repository: example/retired, tag: "0.9" }
  objectStore:
    images:   # unusual spacing on an untouched line is kept
      minio: { repository: quay.io/minio/minio, tag: RELEASE.2025-04-08T15-41-24Z }

# trailing comment
`;

describe('copyVersionEntries', () => {
  it('changes only the promoted values and keeps every comment, blank line, flow map and untouched line', () => {
    expect(copyVersionEntries(staging, prod, ['vault'])).toBe(`# Gridata — prod environment.
name: prod # keep me

# The promotable unit.
versions:
  vault:
    # Upgraded together with the injector.
    chart: 0.35.0 # chart comment stays
    images:
      vault: { repository: hashicorp/vault, tag: 2.1.0 } # server image
      vaultK8s: { repository: hashicorp/vault-k8s, tag: 1.7.6 }
      helper: { repository: example/helper, tag: "1.0" }
  objectStore:
    images:   # unusual spacing on an untouched line is kept
      minio: { repository: quay.io/minio/minio, tag: RELEASE.2025-04-08T15-41-24Z }

# trailing comment
`);
  });

  it('moves a rollout revision like a pin: added where the target has none, changed in place otherwise', () => {
    const dev = 'versions:\n  objectStore:\n    revision: 2\n    images:\n      minio: { repository: quay.io/minio/minio, tag: RELEASE.2025-04-08T15-41-24Z }\n';
    const promoted = copyVersionEntries(dev, prod, ['objectStore']);
    expect(promoted.split('\n').filter((l) => !prod.split('\n').includes(l))).toEqual(['    revision: 2']);
    const again = copyVersionEntries(dev.replace('revision: 2', 'revision: 3'), promoted, ['objectStore']);
    expect(again).toBe(promoted.replace('revision: 2', 'revision: 3'));
  });

  it('returns the target unchanged when the selected entries already match', () => {
    expect(copyVersionEntries(staging, copyVersionEntries(staging, prod, ['objectStore']), ['objectStore'])).toBe(
      copyVersionEntries(staging, prod, ['objectStore']),
    );
    expect(copyVersionEntries(prod, prod, ['vault', 'objectStore'])).toBe(prod);
  });
});
