// The values each upstream chart is rendered with, as the renderer writes them for review
// (`<env>/<component>/values/<chart>-<version>.yaml`, decision 0032): compared per environment,
// component and chart, so a chart bump shows the values it was rendered with beside its objects.
import { parse } from 'yaml';
import type { FileMap } from './file-map';
import { fieldChanges, type FieldChange } from './object-diff';
import { yamlFieldDiff } from './yaml-field-diff';
import type { DiffLine } from './line-diff';
import { differingPaths } from './file-map';
import { isRecord } from './version-pins';

/** `<env>/<component>/values/<file>.yaml`: a chart's values file, not objects. */
export function isChartValuesPath(path: string): boolean {
  const parts = path.split('/');
  return parts.length === 4 && parts[2] === 'values';
}

interface ChartValuesFile {
  readonly env: string;
  readonly folder: string;
  readonly chart: string;
  readonly version: string;
  readonly values: Record<string, unknown>;
}

export interface ChartValuesChange {
  readonly env: string;
  readonly folder: string;
  readonly chart: string;
  readonly before?: string;
  readonly after?: string;
  readonly fields: readonly FieldChange[];
  readonly diff: readonly DiffLine[];
}

function valuesFiles(files: FileMap, paths: readonly string[]): Map<string, ChartValuesFile> {
  const out = new Map<string, ChartValuesFile>();
  for (const path of paths) {
    const text = files.get(path);
    if (text === undefined || !isChartValuesPath(path)) continue;
    const [env, folder] = path.split('/') as [string, string];
    const doc: unknown = parse(text, { version: '1.1' });
    if (!isRecord(doc) || typeof doc.chart !== 'string') throw new Error(`${path}: not a chart values file (no chart)`);
    const values = isRecord(doc.values) ? doc.values : {};
    out.set(`${env}|${folder}|${doc.chart}`, { env, folder, chart: doc.chart, version: String(doc.version ?? ''), values });
  }
  return out;
}

/** Charts whose values (or version) differ between the two renders, by environment, component and chart. */
export function chartValuesChanges(baseFiles: FileMap, headFiles: FileMap): ChartValuesChange[] {
  const differing = differingPaths(baseFiles, headFiles).filter(isChartValuesPath);
  // A bump renames the file (<chart>-<version>.yaml): both names are read on both sides.
  const before = valuesFiles(baseFiles, differing);
  const after = valuesFiles(headFiles, differing);
  const changes: ChartValuesChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(key);
    const b = after.get(key);
    const fields = fieldChanges(a?.values ?? {}, b?.values ?? {});
    if (fields.length === 0 && a?.version === b?.version) continue;
    const some = (b ?? a)!;
    changes.push({ env: some.env, folder: some.folder, chart: some.chart, before: a?.version, after: b?.version, fields, diff: yamlFieldDiff(a?.values ?? {}, b?.values ?? {}) });
  }
  return changes;
}
