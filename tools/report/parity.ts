// Environment parity: every setting whose value is not the same in dev, staging and prod,
// grouped into versions, replicas, resources, storage, features and other settings.
import { isDeepStrictEqual } from 'node:util';
import { isRecord, pinsOfVersions } from '../review/version-pins';

export interface ParityRow {
  readonly section: string;
  readonly setting: string;
  /** Value per environment, '—' where the environment does not set it. */
  readonly values: readonly string[];
}

export const SECTIONS = ['Versions', 'Replicas', 'Resources', 'Storage', 'Features', 'Other settings'] as const;
const ABSENT = '—';

/** One row per setting, in a stable order; `environments` are parsed environment files. */
export function settingRows(environments: readonly Record<string, unknown>[]): ParityRow[] {
  const tables = environments.map(settingsOf);
  const keys = new Map<string, string>();
  for (const table of tables) for (const [key, row] of table) keys.set(key, row.section);
  const order = (key: string) => `${SECTIONS.indexOf(keys.get(key) as never)}|${key}`;
  return [...keys.keys()]
    .sort((a, b) => (order(a) < order(b) ? -1 : 1))
    .map((key) => ({ section: keys.get(key)!, setting: key.split('|')[1]!, values: tables.map((t) => t.get(key)?.value ?? ABSENT) }));
}

export function differingRows(environments: readonly Record<string, unknown>[]): ParityRow[] {
  return settingRows(environments).filter((row) => new Set(row.values).size > 1);
}

export function parityMarkdown(names: readonly string[], environments: readonly Record<string, unknown>[]): string {
  const all = settingRows(environments);
  const differing = all.filter((row) => new Set(row.values).size > 1);
  const lines = [
    `## Environment parity: ${names.join(' / ')}`,
    '',
    `${differing.length} of ${all.length} settings differ; identical settings are left out.`,
    '',
  ];
  for (const section of SECTIONS) {
    const rows = differing.filter((r) => r.section === section);
    if (rows.length === 0) continue;
    lines.push(`### ${section}`, '', `| Setting | ${names.join(' | ')} |`, `|---|${names.map(() => '---').join('|')}|`);
    lines.push(...rows.map((r) => `| \`${r.setting}\` | ${r.values.map(cell).join(' | ')} |`), '');
  }
  if (differing.length === 0) lines.push('All environments are identical.', '');
  return lines.join('\n');
}

function cell(value: string): string {
  return value === ABSENT ? ABSENT : `\`${value.replace(/\|/g, '\\|')}\``;
}

interface Setting {
  readonly section: string;
  readonly value: string;
}

function settingsOf(env: Record<string, unknown>): Map<string, Setting> {
  const settings = new Map<string, Setting>();
  const put = (section: string, setting: string, value: string) => settings.set(`${section}|${setting}`, { section, value });
  for (const [pin, value] of pinsOfVersions(env.versions)) put('Versions', pin, value);
  if (isRecord(env.sizing)) {
    for (const [component, workloads] of Object.entries(env.sizing)) {
      if (!isRecord(workloads)) continue;
      for (const [workload, spec] of Object.entries(workloads)) {
        if (!isRecord(spec)) continue;
        if (spec.replicas !== undefined) put('Replicas', `${component}.${workload}`, String(spec.replicas));
        if (isRecord(spec.resources)) put('Resources', `${component}.${workload}`, resourcesText(spec.resources));
      }
    }
  }
  for (const [key, value] of Object.entries(isRecord(env.storage) ? env.storage : {})) put('Storage', key, String(value));
  for (const [key, value] of Object.entries(isRecord(env.features) ? env.features : {})) put('Features', key, String(value));
  const rest = Object.fromEntries(
    Object.entries(env).filter(([k]) => !['name', 'versions', 'sizing', 'storage', 'features'].includes(k)),
  );
  for (const [path, value] of leaves(rest, '')) put('Other settings', path, value);
  return settings;
}

function resourcesText(resources: Record<string, unknown>): string {
  const pair = (list: unknown) => (isRecord(list) ? `${list.cpu ?? '?'}/${list.memory ?? '?'}` : '?');
  return `req ${pair(resources.requests)}, lim ${pair(resources.limits)}`;
}

function leaves(value: unknown, path: string): [string, string][] {
  if (isRecord(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  if (isDeepStrictEqual(value, {})) return [[path, '{}']];
  return [[path, Array.isArray(value) ? JSON.stringify(value) : String(value)]];
}
