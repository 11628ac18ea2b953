// Loads a rule's pass/fail fixture: multi-document YAML with header comments
// `# env: <env>`, `# folders: a, b`, `# component: <name>`, `# expect: <message substring>`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvName } from '../environments/catalog';
import { parseDocuments, renderedEnvironment } from './load-rendered';
import type { RenderedEnvironment } from './types';

export interface Fixture {
  readonly file: string;
  readonly rendered: RenderedEnvironment;
  readonly expect: string[];
}

export function loadFixture(file: string): Fixture {
  const text = readFileSync(file, 'utf8');
  const header = (key: string) => [...text.matchAll(new RegExp(`^# ${key}: (.*)$`, 'gm'))].map((m) => m[1]!.trim());
  const env = (header('env')[0] ?? 'prod') as EnvName;
  const component = header('component')[0] ?? 'fixture';
  const folders = (header('folders')[0] ?? component).split(',').map((f) => f.trim()).filter(Boolean);
  // Chart values are discovered from Applications exactly as for real renders.
  const rendered = renderedEnvironment(env, parseDocuments(env, component, file, text), folders);
  return { file, expect: header('expect'), rendered };
}

export function fixturePaths(dir: string, ruleId: string): { pass: string; fail: string } {
  const pass = join(dir, 'fixtures', `${ruleId}.pass.yaml`);
  const fail = join(dir, 'fixtures', `${ruleId}.fail.yaml`);
  return { pass, fail };
}

