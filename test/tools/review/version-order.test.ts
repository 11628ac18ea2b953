import { describe, expect, it } from 'vitest';
import { compareVersions, comparePinValues, splitImageRef } from '../../../tools/review/version-order';

describe('compareVersions', () => {
  it('orders dotted numbers numerically, with or without a leading v', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBe(1);
    expect(compareVersions('v4.4.2', 'v4.10.0')).toBe(-1);
    expect(compareVersions('88.5.3', '88.5.3')).toBe(0);
    expect(compareVersions('1.2', '1.2.0')).toBe(0);
  });

  it('puts a pre-release before its release and orders pre-releases', () => {
    expect(compareVersions('1.2.0-rc.1', '1.2.0')).toBe(-1);
    expect(compareVersions('1.2.0-rc.2', '1.2.0-rc.10')).toBe(-1);
  });

  it('orders MinIO RELEASE tags by their timestamp', () => {
    expect(compareVersions('RELEASE.2025-04-08T15-41-24Z', 'RELEASE.2025-04-22T22-12-26Z')).toBe(-1);
    expect(compareVersions('RELEASE.2025-09-07T16-13-09Z', 'RELEASE.2025-04-22T22-12-26Z')).toBe(1);
  });

  it('returns null for versions of different schemes or free-form tags', () => {
    expect(compareVersions('RELEASE.2025-04-08T15-41-24Z', '1.0.0')).toBeNull();
    expect(compareVersions('latest', 'stable')).toBeNull();
  });
});

describe('comparePinValues', () => {
  it('compares image tags only when the repository is the same', () => {
    expect(comparePinValues('hashicorp/vault:2.0.4', 'hashicorp/vault:2.1.0')).toBe(-1);
    expect(comparePinValues('registry:5000/vault:2.1.0', 'registry:5000/vault:2.0.4')).toBe(1);
    expect(comparePinValues('a/vault:2.1.0', 'b/vault:2.0.4')).toBeNull();
  });

  it('cannot order two digests of the same tag', () => {
    expect(comparePinValues(`x/y:1.0@sha256:${'a'.repeat(64)}`, `x/y:1.0@sha256:${'b'.repeat(64)}`)).toBeNull();
  });

  it('compares chart versions directly', () => {
    expect(comparePinValues('0.34.1', '0.35.0')).toBe(-1);
  });

  it('splits an image reference with a registry port and digest', () => {
    expect(splitImageRef(`registry:5000/team/app:1.2@sha256:${'c'.repeat(64)}`)).toEqual({
      repository: 'registry:5000/team/app',
      tag: '1.2',
      digest: `sha256:${'c'.repeat(64)}`,
    });
  });
});
