// Shared checks for upstream chart values (family 10, chart values): resources at the keys a chart
// uses, replicas/PDB keys in staging/prod, and secret-looking literals anywhere in the values.
import type { ChartValues, Finding } from '../../types';
import { valueAt } from '../../helpers';

/** Findings for each dotted path whose `resources` lacks cpu/memory requests or limits. */
export function missingResources(chart: ChartValues, paths: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const path of paths) {
    const resources = valueAt(chart.values, path);
    for (const kind of ['requests', 'limits']) {
      for (const resource of ['cpu', 'memory']) {
        if (!resources?.[kind]?.[resource]) {
          findings.push({ message: `${path}.${kind}.${resource} is not set`, document: chart.application });
        }
      }
    }
  }
  return findings;
}

/** Keys whose literal value would be a secret; their presence at all is the finding. */
const SECRET_KEY = /(password|passwd|secret|token|fernetkey|apikey|privatekey|secretkey|accesskey)$/i;
/** Keys that only NAME a secret or a key inside one. */
const REFERENCE_KEY = /(secretname|existingsecret|secretref|secretkeyref|key|keys|secretkeysecretname|passwordkey|userkey|name|path|file|enabled|create)$/i;

/** Dotted paths of string values under secret-looking keys, e.g. `grafana.adminPassword`. */
export function secretLiterals(values: unknown, prefix = ''): string[] {
  if (!values || typeof values !== 'object') return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string' && value !== '' && SECRET_KEY.test(key) && !REFERENCE_KEY.test(key)) found.push(path);
    else if (value && typeof value === 'object') found.push(...secretLiterals(value, path));
  }
  return found;
}
