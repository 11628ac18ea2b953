import { containersOf } from '../../pod-specs';
import type { DocumentRule } from '../../types';

const SECRET_NAME = /(password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|fernet[_-]?key|credential)/i;
const SECRET_VALUE = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/,
  /\b(ghp|gho|github_pat|glpat|xox[abp])[-_][A-Za-z0-9_-]{16,}/,
  /:\/\/[^/\s:@]+:[^/\s@]{3,}@/,
];
/** Values that name where a secret lives rather than holding it. */
const REFERENCE = /^(\/|file:|vault:|\$\{|\{\{|[a-z0-9-]+\/[a-z0-9/_-]+$)|_FILE$/;
/** Keys that configure how a secret is obtained (a provider class, a path, a Secret's name). */
const SETTING_KEY = /(provider|path|file|name|ref|mount|role|type|enabled|ttl|audience)$/i;

export function secretLiteralReason(key: string, value: string, shownKey = key): string | undefined {
  if (SECRET_VALUE.some((re) => re.test(value))) return `value of ${shownKey} looks like a credential`;
  // A JSON object (e.g. AIRFLOW__SECRETS__BACKEND_KWARGS) names each of its settings: every leaf is
  // judged under its own key, so addresses and role names pass and a token inside still fails.
  const structured = jsonObject(value);
  if (structured) {
    return jsonLeaves(structured, shownKey, key)
      .map(([leafKey, leafPath, leaf]) => secretLiteralReason(leafKey, leaf, leafPath))
      .find((reason) => reason !== undefined);
  }
  if (SECRET_NAME.test(key) && !SETTING_KEY.test(key) && value.trim() !== '' && !REFERENCE.test(value) && !REFERENCE.test(key) && !/^(true|false|[0-9]+)$/.test(value)) {
    return `${shownKey} is set to a literal value`;
  }
  return undefined;
}

function jsonObject(value: string): Record<string, unknown> | undefined {
  if (!value.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Every scalar of a JSON value as [its own key, dotted path, string value]; array items keep the array's key. */
function jsonLeaves(value: unknown, path: string, key: string): [string, string, string][] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => jsonLeaves(v, `${path}[${i}]`, key));
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => jsonLeaves(v, `${path}.${k}`, k));
  return [[key, path, String(value)]];
}

export const noSecretLiterals: DocumentRule = {
  id: 'SEC-002',
  title: 'No secret-looking literals in container env or ConfigMaps',
  severity: 'error',
  rationale: 'Credentials pasted into env vars or ConfigMaps end up in git and in every reader of the namespace.',
  remediation: 'Move the value to Vault and reference it (agent-injected file, *_FILE variable or a Secret synced by VSO) instead of a literal.',
  family: 6,
  scope: 'document',
  check: ({ object }) => {
    const findings: string[] = [];
    for (const { path, container } of containersOf(object)) {
      for (const env of container.env ?? []) {
        if (typeof env.value !== 'string') continue;
        const reason = secretLiteralReason(env.name, env.value);
        if (reason) findings.push(`${path} env ${reason}`);
      }
    }
    if (object.kind === 'ConfigMap') {
      for (const [key, value] of Object.entries<string>(object.data ?? {})) {
        for (const line of String(value).split('\n')) {
          const m = /^\s*["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*["']?([^"'#\s]+)["']?\s*$/.exec(line);
          const reason = m ? secretLiteralReason(m[1]!, m[2]!) : SECRET_VALUE.some((re) => re.test(line)) ? 'a line looks like a credential' : undefined;
          if (reason) {
            findings.push(`ConfigMap key ${key}: ${reason}`);
            break;
          }
        }
      }
    }
    return findings.map((message) => ({ message }));
  },
};
