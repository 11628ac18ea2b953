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

/** Keys whose value would be a secret when it is a literal, whatever comes before the suffix. */
const SECRET_KEY = /(password|passwd|secret|token|fernetkey|apikey|privatekey|secretkey|accesskey)$/i;
/** Values that say where a secret comes from instead of holding it: ${VAR}, {{ template }}, $(VAR), a file path, file:/vault: URIs. */
const REFERENCE_VALUE = /^(\$\{[^}\s]+\}|\{\{.*\}\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\/\S*|(file|vault):\S+)$/;
/** A Kubernetes object name (what a key naming a Secret holds). */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** A key inside a Secret's data (what a key naming one of a referenced Secret's entries holds). */
const DATA_KEY = /^[-._a-zA-Z0-9]{1,253}$/;
/** Keys whose value is the name of an existing Secret, e.g. `existingSecret: grafana-admin`. */
const NAMES_A_SECRET = /^existing[A-Za-z]*secret$/i;
/**
 * Sibling keys that make a mapping a reference to a Secret, e.g. `{secretRef: x, secretKey: y}`. Not
 * `existingSecret`: a literal password next to it (`auth: {existingSecret, password}`) is still in git.
 */
const SECRET_REFERENCE_SIBLINGS = ['secretRef', 'secretName'];

/**
 * Whether `value` under `key` (inside `mapping`, itself under `parentKey`) only points at a secret.
 * Decided by the shape of the value and of the mapping around it, never by the key's suffix alone:
 * `apiKey: abc` is a literal, `{secretRef: datahub-auth, secretKey: signing_key}` names a key of a Secret.
 */
function isReference(key: string, value: string, mapping: Record<string, unknown>, parentKey: string): boolean {
  if (REFERENCE_VALUE.test(value)) return true;
  if (NAMES_A_SECRET.test(key)) return OBJECT_NAME.test(value);
  const namesSecret = (k: string) => typeof mapping[k] === 'string' && OBJECT_NAME.test(mapping[k] as string);
  const insideReference = SECRET_REFERENCE_SIBLINGS.some(namesSecret) || (/secret$/i.test(parentKey) && namesSecret('name'));
  return insideReference && DATA_KEY.test(value);
}

/** Dotted paths of literal strings under secret-looking keys, e.g. `grafana.adminPassword` or `plugin.apiKey`. */
export function secretLiterals(values: unknown, prefix = '', parentKey = ''): string[] {
  if (!values || typeof values !== 'object') return [];
  const mapping = values as Record<string, unknown>;
  const found: string[] = [];
  for (const [key, value] of Object.entries(mapping)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      if (value !== '' && SECRET_KEY.test(key) && !isReference(key, value, mapping, parentKey)) found.push(path);
    } else if (value && typeof value === 'object') found.push(...secretLiterals(value, path, key));
  }
  return found;
}
