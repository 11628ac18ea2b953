// Where each operator's CRDs come from (tools/go/crds/sources.tsv), checked against the versions
// the environment files pin, so a schema older or newer than what is deployed is said out loud.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface CrdSource {
  readonly operator: string;
  readonly module: string;
  readonly version: string;
  readonly method: 'generate' | 'shipped';
  /** Dotted key under `versions:` in environments/<env>.yaml, when the environment pins it. */
  readonly envPin?: string;
  readonly note: string;
}

export function readCrdSources(repoRoot: string): CrdSource[] {
  return readFileSync(join(repoRoot, 'tools/go/crds/sources.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [operator, module, version, method, , envPin, note] = line.split('\t');
      return { operator, module, version, method: method as CrdSource['method'], envPin: envPin === '-' ? undefined : envPin, note };
    });
}

const bare = (version: string) => version.replace(/^v/, '');

/** One line per operator whose schema version differs from the one an environment pins. */
export function schemaVersionMismatches(repoRoot: string, envs: readonly string[]): string[] {
  const messages: string[] = [];
  for (const source of readCrdSources(repoRoot)) {
    if (!source.envPin) continue;
    for (const env of envs) {
      const versions = (parse(readFileSync(join(repoRoot, 'environments', `${env}.yaml`), 'utf8')) ?? {}).versions;
      const pinned = source.envPin.split('.').reduce<any>((node, key) => node?.[key], versions);
      if (typeof pinned !== 'string' && typeof pinned !== 'number') {
        messages.push(`${source.operator}: ${env} pins no versions.${source.envPin}; schema is ${source.module}@${source.version}`);
      } else if (bare(String(pinned)) !== bare(source.version)) {
        messages.push(
          `${source.operator}: ${env} pins ${pinned} but the schema is from ${source.module}@${source.version} (${source.note})`,
        );
      }
    }
  }
  return messages;
}
