import { describe, expect, it } from 'vitest';
import { fieldChanges } from '../../../tools/review/object-diff';
import { yamlFieldDiff } from '../../../tools/review/yaml-field-diff';
import { diffLines } from '../../../tools/review/line-diff';

const deployment = (image: string, replicas: number, extraArgs: string[] = []) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'web' },
  spec: {
    replicas,
    template: {
      spec: {
        containers: [
          { name: 'api', image, args: ['--port=8080', ...extraArgs] },
          { name: 'sidecar', image: 'busybox:1.36' },
        ],
      },
    },
  },
});

describe('fieldChanges', () => {
  it('addresses list elements by name and reports only the leaves that changed', () => {
    expect(fieldChanges(deployment('api:1.0', 2), deployment('api:1.1', 3))).toEqual([
      { path: 'spec.replicas', before: 2, after: 3 },
      { path: 'spec.template.spec.containers[name=api].image', before: 'api:1.0', after: 'api:1.1' },
    ]);
  });

  it('reports added and removed keys with undefined on the missing side', () => {
    expect(fieldChanges({ a: 1 }, { b: 2 })).toEqual([
      { path: 'a', before: 1, after: undefined },
      { path: 'b', before: undefined, after: 2 },
    ]);
  });

  it('compares lists without an identity field as a whole', () => {
    expect(fieldChanges({ args: ['a', 'b'] }, { args: ['a', 'c'] })).toEqual([{ path: 'args', before: ['a', 'b'], after: ['a', 'c'] }]);
  });
});

describe('yamlFieldDiff', () => {
  it('shows only the changed fields under their unchanged ancestors', () => {
    expect(yamlFieldDiff(deployment('api:1.0', 2), deployment('api:1.1', 2, ['--debug']))).toEqual([
      ' spec:',
      '   template:',
      '     spec:',
      '       containers:',
      '         - name: api',
      '           args:',
      '             - --port=8080',
      '+            - --debug',
      '-          image: api:1.0',
      '+          image: api:1.1',
    ]);
  });

  it('shows an added list element whole', () => {
    const before = { spec: { ports: [{ name: 'http', port: 80 }] } };
    const after = { spec: { ports: [{ name: 'http', port: 80 }, { name: 'metrics', port: 9090 }] } };
    expect(yamlFieldDiff(before, after)).toEqual([' spec:', '   ports:', '+    - name: metrics', '+      port: 9090']);
  });

  it('collapses long unchanged runs inside a changed multi-line value', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const before = { data: { 'config.txt': lines.join('\n') + '\n' } };
    const after = { data: { 'config.txt': [...lines.slice(0, 19), 'changed'].join('\n') + '\n', 'more.txt': 'x' } };
    const diff = yamlFieldDiff(before, after);
    expect(diff.slice(0, 8)).toEqual([' data:', '   config.txt: |', '     line 0', '     line 1', '     # … 14 unchanged lines', '     line 16', '     line 17', '     line 18']);
    expect(diff.filter((l) => l.startsWith('-'))).toEqual(['-    line 19']);
    expect(diff.filter((l) => l.startsWith('+'))).toEqual(['+    changed', '+  more.txt: x']);
  });
});

describe('diffLines', () => {
  it('aligns common lines and puts removals before additions', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([' a', '-b', '+x', ' c', '+d']);
  });
});
