// Helpers for the data-plane charts' values rules (Vault, VSO, CloudNativePG, Polaris, Spark operator).
import { parse } from 'yaml';
import type { ChartValues, ChartValuesRule, Finding } from '../../types';
import { HA_ENVIRONMENTS, valueAt } from '../../helpers';
import { missingResources, secretLiterals } from './values-checks';

export const DATA_PLANE_CHARTS = ['vault', 'vault-secrets-operator', 'cloudnative-pg', 'polaris', 'spark-operator'] as const;

export const finding = (chart: ChartValues, message: string): Finding => ({ message, document: chart.application });

/** A resources rule for one chart: `paths(values)` lists every `resources` key the chart renders. */
export function resourcesRule(id: string, chartName: string, what: string, paths: (values: Record<string, any>) => string[]): ChartValuesRule {
  return {
    id,
    title: `Every ${what} component has CPU and memory requests and limits`,
    severity: 'error',
    rationale: 'Chart defaults leave resources empty or arbitrary; sizing must come from the environment file.',
    remediation: `Set resources (cpu/memory requests and limits) at the reported key of the ${what} values, from the sizing block of environments/<env>.yaml.`,
    family: 10,
    scope: 'chart-values',
    charts: [chartName],
    check: (chart) => missingResources(chart, paths(chart.values)),
  };
}

export interface ReplicatedComponent {
  /** Dotted path of the replica count. */
  readonly replicas: string;
  /** Dotted path that must be `true` (PDB enabled) or a non-empty object. */
  readonly pdb: string;
  readonly minimum?: number;
  /** Further dotted paths that must be truthy (leader election, anti-affinity...). */
  readonly required?: readonly string[];
}

/**
 * `valueAt`, also through values a chart takes as YAML text (Vault's `server.affinity` is a string
 * the chart runs through `tpl`): a string met before the path ends is parsed and walked into.
 */
export function valueThroughYaml(values: Record<string, any>, dotted: string): any {
  return dotted.split('.').reduce<any>((v, key) => {
    if (typeof v === 'string') {
      try {
        v = parse(v);
      } catch {
        return undefined;
      }
    }
    return v && typeof v === 'object' ? v[key] : undefined;
  }, values);
}

/** Replicas/PDB rule for staging and prod. */
export function availabilityRule(id: string, chartName: string, what: string, components: (values: Record<string, any>) => ReplicatedComponent[]): ChartValuesRule {
  return {
    id,
    title: `${what} runs redundant replicas with a PodDisruptionBudget in staging and prod`,
    severity: 'error',
    rationale: 'A single replica, or replicas a node drain can evict together, takes the service down during routine maintenance.',
    remediation: `In staging and prod give ${what} the minimum replica count, enable its PodDisruptionBudget and set the reported HA keys in its values.`,
    family: 10,
    scope: 'chart-values',
    charts: [chartName],
    check: (chart) => {
      if (!HA_ENVIRONMENTS.includes(chart.env)) return [];
      const findings: Finding[] = [];
      for (const c of components(chart.values)) {
        const minimum = c.minimum ?? 2;
        const replicas = valueAt(chart.values, c.replicas) ?? 1;
        if (replicas < minimum) findings.push(finding(chart, `${c.replicas} is ${replicas}, expected at least ${minimum}`));
        const pdb = valueAt(chart.values, c.pdb);
        const pdbOn = pdb === true || (pdb && typeof pdb === 'object' && Object.keys(pdb).length > 0 && pdb.enabled !== false && pdb.enable !== false);
        if (!pdbOn) findings.push(finding(chart, `${c.pdb} does not enable a PodDisruptionBudget`));
        for (const path of c.required ?? []) {
          const v = valueThroughYaml(chart.values, path);
          if (!v || (typeof v === 'object' && Object.keys(v).length === 0)) findings.push(finding(chart, `${path} is not set`));
        }
      }
      return findings;
    },
  };
}

const CREDENTIAL_VALUES = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\bhv[sb]\.[A-Za-z0-9_-]{20,}/,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./,
  /:\/\/[^/\s:@{}]+:[^/\s@{}]{3,}@/,
];

/** Secret-looking literals anywhere in the values; key-name maps inside Secret references are fine. */
export function secretValues(values: Record<string, any>): string[] {
  const byKey = secretLiterals(values).filter((path) => {
    const parent = path.split('.').slice(0, -1).join('.');
    const parentKey = parent.split('.').pop() ?? '';
    const ref = valueAt(values, parent);
    // e.g. persistence.relationalJdbc.secret: {name: polaris-persistence, password: password} names keys of a Secret.
    return !(/secret$/i.test(parentKey) && typeof ref?.name === 'string');
  });
  const byValue: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      if (CREDENTIAL_VALUES.some((re) => re.test(v))) byValue.push(path);
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) walk(child, path ? `${path}.${k}` : k);
    }
  };
  walk(values, '');
  return [...new Set([...byKey, ...byValue])].sort();
}
