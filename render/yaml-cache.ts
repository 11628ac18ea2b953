// Serialized YAML of every rendered object, remembered across renders under <cache>/yaml/ (one
// file per distinct object; measured: a file read beats emitting even small objects): emitting YAML
// was most of a warm render's time, and an object's text is a function of its JSON and of the
// serializer. The key covers both (the serializer's source and the
// yaml package's version), so a changed serializer never reads a stale entry.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toYaml } from '../charts/shared/serialize';
import { sha256 } from './hydrate/archive';
import { cacheRoot } from './hydrate/supply';

let fingerprint: string | undefined;
function serializerFingerprint(): string {
  return (fingerprint ??= sha256(
    // The yaml package is pinned exactly in package.json (and package-lock.json).
    readFileSync(join(__dirname, '../charts/shared/serialize.ts'), 'utf8') + JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')).dependencies.yaml,
  ));
}

/** toYaml(json), read from the cache when the same object was serialized before. */
export function cachedToYaml(json: unknown): string {
  const text = JSON.stringify(json);
  const dir = join(cacheRoot(), 'yaml');
  const file = join(dir, `${sha256(serializerFingerprint() + text)}.yaml`);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const yaml = toYaml(json);
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, yaml);
  renameSync(tmp, file);
  return yaml;
}
