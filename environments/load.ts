// Loads and validates environments/<env>.yaml. Nothing renders from a file that fails here.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isNode, isScalar, type Document } from 'yaml';
import schema from './schema.json';
import { ENVIRONMENTS, type EnvName } from './catalog';
import { EnvironmentError, type EnvironmentIssue } from './errors';
import type { AlertReceiver, AlertReceiverKind, Environment, Workload } from './types';

export const ENVIRONMENTS_DIR = __dirname;

const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
const validate = ajv.compile<Environment>(schema);

export function isEnvName(name: string): name is EnvName {
  return (ENVIRONMENTS as readonly string[]).includes(name);
}

/** Loads environments/<name>.yaml (or `file` when given, e.g. a fixture) and validates it. */
export function loadEnvironment(name: string, file = join(ENVIRONMENTS_DIR, `${name}.yaml`)): Environment {
  const shown = relative(process.cwd(), file) || file;
  if (!isEnvName(name)) {
    throw new EnvironmentError([
      { file: shown, pointer: '', expected: `an environment name, one of ${ENVIRONMENTS.join(', ')}`, found: JSON.stringify(name) },
    ]);
  }
  if (!existsSync(file)) {
    throw new EnvironmentError([{ file: shown, pointer: '', expected: 'an environment file', found: 'no such file' }]);
  }
  return parseEnvironment(readFileSync(file, 'utf8'), shown, name);
}

/** Parses and validates environment YAML text; `file` is only used in messages. */
/** Files already accepted, by file name, expected name and content: the same text is valid again. */
const accepted = new Map<string, Environment>();

export function parseEnvironment(text: string, file: string, expectedName?: EnvName): Environment {
  const key = `${file}\0${expectedName ?? ''}\0${text}`;
  const known = accepted.get(key);
  if (known) return known;
  const env = parseEnvironmentText(text, file, expectedName);
  accepted.set(key, env);
  return env;
}

function parseEnvironmentText(text: string, file: string, expectedName?: EnvName): Environment {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new EnvironmentError(
      doc.errors.map((e) => ({
        file,
        pointer: '',
        line: e.linePos?.[0].line,
        expected: 'valid YAML',
        found: `a syntax error (${e.code}: ${e.message.split('\n')[0]})`,
      })),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml refuses an alias expansion bomb ("billion laughs") with a ReferenceError.
    throw new EnvironmentError([
      { file, pointer: '', expected: `YAML whose aliases expand at most ${MAX_ALIAS_COUNT} times`, found: `an alias expansion bomb (${(error as Error).message})` },
    ]);
  }
  if (data === null || data === undefined) {
    throw new EnvironmentError([{ file, pointer: '', expected: 'a mapping of environment settings', found: 'an empty document' }]);
  }
  if (!validate(data)) {
    throw new EnvironmentError(describeSchemaErrors(validate.errors ?? [], data, file, doc, lineCounter));
  }
  const issues = semanticIssues(data, file, expectedName).map((i) => withLine(i, doc, lineCounter));
  if (issues.length > 0) throw new EnvironmentError(issues);
  return data;
}

/** Alias expansions allowed when turning the YAML into data (the yaml library's own default). */
const MAX_ALIAS_COUNT = 100;

/** Rules a JSON Schema cannot express, kept next to the schema so both run before rendering. */
function semanticIssues(env: Environment, file: string, expectedName?: EnvName): EnvironmentIssue[] {
  const issues: EnvironmentIssue[] = [];
  if (expectedName && env.name !== expectedName) {
    issues.push({ file, pointer: '/name', expected: JSON.stringify(expectedName) + ' (the file name)', found: JSON.stringify(env.name) });
  }
  const dyn = env.pipelines.spark.dynamicAllocation;
  if (dyn.maxExecutors < dyn.minExecutors) {
    issues.push({
      file,
      pointer: '/pipelines/spark/dynamicAllocation/maxExecutors',
      expected: `a value ≥ minExecutors (${dyn.minExecutors})`,
      found: String(dyn.maxExecutors),
    });
  }
  if (env.postgres.offClusterBackups && !env.features.postgresBackups) {
    issues.push({ file, pointer: '/postgres/offClusterBackups', expected: 'null while /features/postgresBackups is false', found: JSON.stringify(env.postgres.offClusterBackups) });
  }
  // A pool slot is held by a running Airflow task, i.e. one of parallelism × schedulers.
  const taskSlots = env.airflow.parallelism * (env.sizing.airflow.scheduler.replicas ?? 1);
  if (env.pipelines.spark.concurrentApplications > taskSlots) {
    issues.push({
      file,
      pointer: '/pipelines/spark/concurrentApplications',
      expected: `at most /airflow/parallelism × scheduler replicas (${taskSlots})`,
      found: String(env.pipelines.spark.concurrentApplications),
    });
  }
  const bounded = (pointer: string, kind: keyof typeof QUANTITY_BOUNDS, quantity: string) => {
    const issue = quantityIssue(kind, quantity);
    if (issue) issues.push({ file, pointer, expected: issue, found: JSON.stringify(quantity) });
  };
  for (const pod of ['driver', 'executor'] as const) bounded(`/pipelines/spark/${pod}/coreLimit`, 'cpu', env.pipelines.spark[pod].coreLimit);
  for (const [key, quantity] of Object.entries(env.storage)) bounded(`/storage/${key}`, 'storage', quantity);
  for (const [component, workloads] of Object.entries(env.sizing)) {
    for (const [workload, spec] of Object.entries(workloads as Record<string, Workload>)) {
      for (const resource of ['cpu', 'memory'] as const) {
        const request = spec.resources.requests[resource];
        const limit = spec.resources.limits[resource];
        const base = `/sizing/${component}/${workload}/resources`;
        bounded(`${base}/requests/${resource}`, resource, request);
        bounded(`${base}/limits/${resource}`, resource, limit);
        if (quantityValue(request) > quantityValue(limit)) {
          issues.push({
            file,
            pointer: `/sizing/${component}/${workload}/resources/requests/${resource}`,
            expected: `a request ≤ the limit (${limit})`,
            found: request,
          });
        }
      }
    }
  }
  if (env.vault.ha && env.sizing.vault.server.replicas !== 3 && env.sizing.vault.server.replicas !== 5) {
    issues.push({ file, pointer: '/sizing/vault/server/replicas', expected: '3 or 5 raft voters when vault.ha is true', found: String(env.sizing.vault.server.replicas) });
  }
  if (!env.vault.ha && env.sizing.vault.server.replicas !== 1) {
    issues.push({ file, pointer: '/sizing/vault/server/replicas', expected: '1 when vault.ha is false', found: String(env.sizing.vault.server.replicas) });
  }
  if (env.vault.ha && env.vault.autoUnseal === null) {
    issues.push({ file, pointer: '/vault/autoUnseal', expected: 'an auto-unseal stanza (awskms or transit) when vault.ha is true', found: 'null' });
  }
  env.argocd.syncWindows.forEach((window, i) => {
    if (!isTimeZone(window.timeZone)) {
      issues.push({ file, pointer: `/argocd/syncWindows/${i}/timeZone`, expected: 'an IANA time zone such as UTC or Europe/Berlin', found: JSON.stringify(window.timeZone) });
    }
  });
  issues.push(...alertingIssues(env, file));
  issues.push(...networkIssues(env, file));
  return issues;
}

/** The external endpoints the configured features talk to must be in /network (their flows need the addresses). */
function networkIssues(env: Environment, file: string): EnvironmentIssue[] {
  const issues: EnvironmentIssue[] = [];
  const need = (key: keyof Environment['network'], when: string) => {
    if (!env.network[key]) issues.push({ file, pointer: `/network/${key}`, expected: `the addresses of ${when}`, found: 'nothing' });
  };
  const kms = env.vault.autoUnseal?.awskms;
  if (kms) {
    need('kms', 'the KMS endpoint (vault.autoUnseal.awskms)');
    if (kms.serviceAccountRoleArn) need('sts', 'STS (vault.autoUnseal.awskms.serviceAccountRoleArn)');
    else need('instanceMetadata', 'the instance metadata service (KMS credentials of vault.autoUnseal.awskms without serviceAccountRoleArn)');
  }
  if (env.features.postgresBackups && env.postgres.offClusterBackups) need('backupTarget', 'the off-cluster backup store (postgres.offClusterBackups)');
  const kinds = new Set(env.monitoring.alerting.receivers.map((r) => r.kind));
  if (kinds.has('email')) need('smtp', 'the SMTP relay of the e-mail receivers');
  if ([...kinds].some((k) => k !== 'email')) need('alertWebhooks', 'the webhook egress of the chat, pager and heartbeat receivers');
  return issues;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Fields each receiver kind needs (and may have); the rest of AlertReceiver's fields are refused. */
const RECEIVER_FIELDS: Record<AlertReceiverKind, readonly (keyof AlertReceiver)[]> = {
  slack: ['channel'],
  webhook: [],
  pagerduty: [],
  email: ['to', 'from', 'smarthost', 'authUsername'],
};
const OPTIONAL_RECEIVER_FIELDS = ['channel', 'to', 'from', 'smarthost', 'authUsername'] as const;

function alertingIssues(env: Environment, file: string): EnvironmentIssue[] {
  const issues: EnvironmentIssue[] = [];
  const alerting = env.monitoring.alerting;
  const seen = new Set<string>();
  alerting.receivers.forEach((receiver, i) => {
    const at = `/monitoring/alerting/receivers/${i}`;
    if (seen.has(receiver.name) || receiver.name === 'null') {
      issues.push({ file, pointer: `${at}/name`, expected: 'a receiver name used once and not "null"', found: JSON.stringify(receiver.name) });
    }
    seen.add(receiver.name);
    const needed = RECEIVER_FIELDS[receiver.kind];
    for (const field of OPTIONAL_RECEIVER_FIELDS) {
      if (needed.includes(field) && receiver[field] === undefined) {
        issues.push({ file, pointer: `${at}/${field}`, expected: `required key "${field}" for a ${receiver.kind} receiver`, found: 'nothing' });
      }
      if (!needed.includes(field) && receiver[field] !== undefined) {
        issues.push({ file, pointer: `${at}/${field}`, expected: `no "${field}" on a ${receiver.kind} receiver (only ${needed.join(', ') || 'name and kind'})`, found: JSON.stringify(receiver[field]) });
      }
    }
  });
  const names = alerting.receivers.map((r) => r.name);
  const refs: [string, string][] = [
    ...alerting.routes.critical.map((name, i): [string, string] => [`/monitoring/alerting/routes/critical/${i}`, name]),
    ...alerting.routes.warning.map((name, i): [string, string] => [`/monitoring/alerting/routes/warning/${i}`, name]),
    ['/monitoring/alerting/routes/heartbeat', alerting.routes.heartbeat],
  ];
  for (const [pointer, name] of refs) {
    if (!names.includes(name)) issues.push({ file, pointer, expected: `a receiver of /monitoring/alerting/receivers (${names.join(', ')})`, found: JSON.stringify(name) });
  }
  return issues;
}

const UNITS: Record<string, number> = { m: 1e-3, '': 1, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** Per-container and per-volume bounds of quantities (decision record 0025): zero is never a size. */
export const QUANTITY_BOUNDS = {
  cpu: { max: 128, shown: '128 cores' },
  memory: { max: 2 ** 40, shown: '1Ti' },
  storage: { max: 64 * 2 ** 40, shown: '64Ti' },
} as const;

/** Why a quantity the schema let through is still refused (zero, or above its bound), or undefined. */
export function quantityIssue(kind: keyof typeof QUANTITY_BOUNDS, quantity: string): string | undefined {
  const value = quantityValue(quantity);
  const bound = QUANTITY_BOUNDS[kind];
  if (!(value > 0) || value > bound.max) return `a ${kind} quantity above 0 and at most ${bound.shown}`;
  return undefined;
}

/** Numeric value of a Kubernetes quantity already checked by the schema. */
export function quantityValue(quantity: string): number {
  const match = /^([0-9.]+)(m|Ki|Mi|Gi|Ti)?$/.exec(quantity);
  if (!match) throw new Error(`not a quantity: ${quantity}`);
  return Number(match[1]) * UNITS[match[2] ?? '']!;
}

function describeSchemaErrors(
  errors: ErrorObject[],
  data: unknown,
  file: string,
  doc: Document,
  lineCounter: LineCounter,
): EnvironmentIssue[] {
  // A failed oneOf also reports every branch's own errors; keep only the oneOf summary.
  const oneOfPaths = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
  const kept = errors.filter(
    (e) => e.keyword === 'oneOf' || !oneOfPaths.some((p) => e.instancePath === p || e.instancePath.startsWith(p + '/')),
  );
  const seen = new Set<string>();
  const issues: EnvironmentIssue[] = [];
  for (const error of kept) {
    const issue = withLine(asWritten(describeOne(error, data, file), doc), doc, lineCounter);
    const key = `${issue.pointer}|${issue.expected}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

function describeOne(error: ErrorObject, data: unknown, file: string): EnvironmentIssue {
  const found = show(valueAt(data, error.instancePath));
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return { file, pointer: `${error.instancePath}/${escape(key)}`, expected: `one of the known keys (${allowed.join(', ')})`, found: `unknown key ${JSON.stringify(key)}` };
    }
    case 'required': {
      const key = (error.params as { missingProperty: string }).missingProperty;
      return { file, pointer: `${error.instancePath}/${escape(key)}`, expected: `required key ${JSON.stringify(key)}`, found: 'nothing' };
    }
    case 'type':
      return { file, pointer: error.instancePath, expected: `${(error.params as { type: string }).type}`, found };
    case 'minimum':
      return { file, pointer: error.instancePath, expected: `a number ≥ ${(error.params as { limit: number }).limit}`, found };
    case 'maximum':
      return { file, pointer: error.instancePath, expected: `a number ≤ ${(error.params as { limit: number }).limit}`, found };
    case 'enum':
      return { file, pointer: error.instancePath, expected: `one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`, found };
    case 'pattern':
      return { file, pointer: error.instancePath, expected: description ?? `a string matching ${(error.params as { pattern: string }).pattern}`, found };
    case 'oneOf':
      return { file, pointer: error.instancePath, expected: 'null, {awskms: {region, kmsKeyId, serviceAccountRoleArn?}} or {transit: {address, mountPath, keyName}}', found };
    default:
      return { file, pointer: error.instancePath, expected: `${description ?? 'a valid value'} (${error.message ?? error.keyword})`, found };
  }
}

/** A number is shown as written: 2^53+1 is rounded to 2^53 once parsed, which would hide the mistake. */
function asWritten(issue: EnvironmentIssue, doc: Document): EnvironmentIssue {
  const node = doc.getIn(issue.pointer.split('/').slice(1).map(unescape), true);
  if (isScalar(node) && typeof node.value === 'number' && node.source !== undefined && node.source !== String(node.value)) {
    return { ...issue, found: `number ${node.source} (read as ${node.value})` };
  }
  return issue;
}

function withLine(issue: EnvironmentIssue, doc: Document, lineCounter: LineCounter): EnvironmentIssue {
  const path = issue.pointer.split('/').slice(1).map(unescape);
  // Point at the deepest node that exists (a missing key's parent, an unknown key itself).
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      return { ...issue, line: lineCounter.linePos(node.range[0]).line };
    }
  }
  return issue;
}

function valueAt(data: unknown, pointer: string): unknown {
  let current: unknown = data;
  for (const part of pointer.split('/').slice(1).map(unescape)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (key: string) => key.replace(/~1/g, '/').replace(/~0/g, '~');
