import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitYaml, NotEmittable } from '../../../charts/shared/yaml-emitter';
import { toYaml, toYamlWithYamlPackage } from '../../../charts/shared/serialize';

// Pieces that exercise every branch of the scalar rules: indicators, `: ` and ` #`, YAML 1.1
// implicit types (yes/on/0644/1_000/sexagesimal/timestamps/~), document markers, quotes of both
// kinds, leading/trailing spaces and line breaks, tabs, control characters and escapes.
const PIECES = [
  'a', 'word', ' ', '  ', '\n', '\n\n', '\t', ':', ': ', ' #', '#', '-', '- ', '?', '? ', '*', '&', '!', '|', '>', '%', '@',
  '`', ',', '[', ']', '{', '}', "'", '"', '---', '...', 'yes', 'No', 'on', 'OFF', 'y', 'true', 'null', '~', '0644', '0x1F',
  '1_000', '190:20:30', '1e3', '.inf', '.NaN', '-1.5', '42', '2024-01-01', '2001-12-14t21:59:43.10-05:00', '\x07', '\x1b',
  '\u0085', '\u00a0', '\u2028', 'é', '\\', '/', '=', 'key: value', '- item', '$(VAR)', '{{ .Values }}',
];

/** A deterministic pseudo-random generator (mulberry32): the same strings on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomString(next: () => number): string {
  const n = 1 + Math.floor(next() * 10);
  return Array.from({ length: n }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
}

describe('emitYaml', () => {
  it('writes what the yaml package writes for 5,000 generated strings as keys, values and list items, at three depths', () => {
    const next = random(10);
    for (let i = 0; i < 5000; i++) {
      const key = randomString(next);
      const value = randomString(next);
      const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', annotations: { [key]: value } }, data: { [value]: key, list: [value, { [key]: [value] }] } };
      expect(toYaml(object), JSON.stringify({ key, value })).toBe(toYamlWithYamlPackage(object));
    }
  });

  it('writes what the yaml package writes for double-quoted line breaks around the 40-character multi-line threshold', () => {
    for (let length = 30; length <= 50; length++) {
      for (const tail of ['\x07\nb', '\x07\n\n b', 'x \n\x07', '\x07\n']) {
        const value = 'a'.repeat(length) + tail;
        const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { k: value, [value]: 'v' } };
        expect(toYaml(object), JSON.stringify(value)).toBe(toYamlWithYamlPackage(object));
      }
    }
  });

  it('writes what the yaml package writes for numbers, booleans, null and empty collections', () => {
    const object = {
      apiVersion: 'v1', kind: 'X', metadata: { name: 'n' },
      spec: { ints: [0, -0, 1, -7, 2 ** 53, 1e21], floats: [0.5, -1.25, 1e-7, Infinity, -Infinity, NaN], flags: [true, false],
        none: null, emptyMap: {}, emptyList: [], nested: [[], {}, [[1]], { a: [] }], '10': 'numeric key', '2': 'first' },
    };
    expect(toYaml(object)).toBe(toYamlWithYamlPackage(object));
  });

  it('reads back as the object it was given', () => {
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { 'script.sh': '#!/bin/sh\n  set -e\necho "yes"\n\n', mode: '0644', on: 'on' } };
    expect(parse(emitYaml(object), { version: '1.1' })).toEqual(object);
  });

  it('leaves what it does not model to the yaml package', () => {
    expect(() => emitYaml({ at: new Date(0) })).toThrow(NotEmittable);
    expect(() => emitYaml({ list: [undefined] })).toThrow(NotEmittable);
    expect(() => emitYaml({ ['k'.repeat(1100)]: 1 })).toThrow(NotEmittable);
    expect(toYaml({ at: new Date(0) })).toBe(toYamlWithYamlPackage({ at: new Date(0) }));
  });
});
