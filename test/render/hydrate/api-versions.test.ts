// The API versions reported to charts (`helm template --api-versions`) are exactly ones the
// platform's CRDs serve: a stale entry would make a chart render objects no CRD defines.
import { describe, expect, it } from 'vitest';
import { PLATFORM_API_VERSIONS } from '../../../render/hydrate/api-versions';
import { renderedEnvironment } from '../../fixtures/rendered';

describe('platform API versions', () => {
  it('names only group/versions (and group/version/Kind) that a CRD rendered into prod serves', () => {
    const served = new Set<string>();
    for (const { object } of renderedEnvironment('prod').docs.filter((d) => d.object.kind === 'CustomResourceDefinition')) {
      for (const v of object.spec.versions.filter((v: { served: boolean }) => v.served)) {
        served.add(`${object.spec.group}/${v.name}`);
        served.add(`${object.spec.group}/${v.name}/${object.spec.names.kind}`);
      }
    }
    expect(PLATFORM_API_VERSIONS.filter((v) => !served.has(v))).toEqual([]);
  });
});
