// Compares two rendered states of the repository (base and head) into one review model:
// object changes, version changes and risk flags. Pure: callers supply the file maps and pins.
import { differingPaths, type FileMap } from './file-map';
import { describeObject, objectsOf, type RenderedObject } from './rendered-objects';
import { fieldChanges, type FieldChange } from './object-diff';
import { yamlFieldDiff } from './yaml-field-diff';
import type { DiffLine } from './line-diff';
import { chartValuesChanges, type ChartValuesChange } from './chart-values';
import { crdChanges } from './crd-changes';
import { namespaceLevelChange, podSecurityWeakening } from './pod-security-changes';
import {
  deletionRisk,
  immutableFieldsTouched,
  keptOnPrune,
  recreatedBySync,
  serviceTypeChange,
  statefulRollout,
  volumeTemplateChanges,
  type RiskyChange,
} from './risk-rules';
import { isRecord, type EnvironmentPins } from './version-pins';

export interface ReviewInput {
  readonly base: { readonly files: FileMap; readonly pins: EnvironmentPins };
  readonly head: { readonly files: FileMap; readonly pins: EnvironmentPins };
}

export type ChangeStatus = 'added' | 'removed' | 'changed';

export interface ObjectChange {
  readonly status: ChangeStatus;
  readonly env: string;
  readonly folder: string;
  readonly object: RenderedObject;
  /** For changed objects: the base version (its folder may differ when the object moved). */
  readonly before?: RenderedObject;
  readonly fields: readonly FieldChange[];
  readonly diff: readonly DiffLine[];
}

export interface VersionChange {
  readonly env: string;
  /** Pin key (`objectStore.images.minio`) or, for rendered changes, where the value lives. */
  readonly what: string;
  readonly before?: string;
  readonly after?: string;
  readonly origin: 'environment file' | 'rendered';
}

export type FlagKind =
  | 'deletion'
  | 'kept-on-prune'
  | 'immutable-field'
  | 'crd-change'
  | 'stateful-rollout'
  | 'volume-template'
  | 'service-type'
  | 'pod-security'
  | 'unstaged-prod-version'
  | 'version';

export interface RiskFlag {
  readonly kind: FlagKind;
  /**
   * 'risk' flags fail `--fail-on risk`; 'notice' flags name routine but consequential changes (a
   * stateful rollout) without failing; 'version' flags are listed for every version change.
   */
  readonly severity: 'risk' | 'notice' | 'version';
  readonly env: string;
  readonly message: string;
}

export interface Review {
  readonly changes: readonly ObjectChange[];
  /** The values each upstream chart is rendered with (review files under values/), where they changed. */
  readonly values: readonly ChartValuesChange[];
  readonly versions: readonly VersionChange[];
  readonly flags: readonly RiskFlag[];
}

export function review(input: ReviewInput): Review {
  const changes = objectChanges(input.base.files, input.head.files);
  const versions = versionChanges(input, changes);
  const flags = [...riskFlags(changes, input), ...versions.map(versionFlag)];
  const values = chartValuesChanges(input.base.files, input.head.files).sort((a, b) => compareText(`${envOrder(a.env)}|${a.folder}|${a.chart}`, `${envOrder(b.env)}|${b.folder}|${b.chart}`));
  return { changes, values, versions, flags };
}

/** Objects added, removed or changed; only files whose text differs are parsed. */
export function objectChanges(baseFiles: FileMap, headFiles: FileMap): ObjectChange[] {
  const differing = differingPaths(baseFiles, headFiles);
  const before = objectsOf(baseFiles, differing);
  const after = objectsOf(headFiles, differing);
  const changes: ObjectChange[] = [];
  for (const [key, object] of after) {
    const old = before.get(key);
    if (!old) {
      changes.push({ status: 'added', env: object.env, folder: object.folder, object, fields: [], diff: [] });
      continue;
    }
    const fields = fieldChanges(old.body, object.body);
    const moved = old.folder !== object.folder || old.file !== object.file || old.reviewOnly !== object.reviewOnly;
    if (fields.length === 0 && !moved) continue;
    changes.push({ status: 'changed', env: object.env, folder: object.folder, object, before: old, fields, diff: yamlFieldDiff(old.body, object.body) });
  }
  for (const [key, object] of before) {
    if (!after.has(key)) changes.push({ status: 'removed', env: object.env, folder: object.folder, object, fields: [], diff: [] });
  }
  return changes.sort((a, b) => compareText(sortKey(a), sortKey(b)));
}

function sortKey(change: ObjectChange): string {
  const o = change.object;
  return `${envOrder(o.env)}|${o.folder}|${o.kind}|${o.namespace ?? ''}|${o.name}`;
}

const ENV_ORDER = ['dev', 'staging', 'prod'];
export function envOrder(env: string): string {
  const i = ENV_ORDER.indexOf(env);
  return i >= 0 ? String(i) : `9${env}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function riskFlags(changes: readonly ObjectChange[], input: ReviewInput): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const change of changes) {
    const o = change.object;
    const where = `${describeObject(o)} (component \`${o.folder}\`)`;
    const flag = (kind: FlagKind, message: string) => flags.push({ kind, severity: kind === 'stateful-rollout' ? 'notice' : 'risk', env: o.env, message });
    if (change.status === 'removed') {
      const why = deletionRisk(o.kind, o.body.apiVersion);
      const finalizers = isRecord(o.body.metadata) ? o.body.metadata.finalizers : undefined;
      const cascades = o.kind !== 'Application' || (Array.isArray(finalizers) && finalizers.some((f) => String(f).startsWith('resources-finalizer')));
      if (keptOnPrune(o.body)) {
        flag('kept-on-prune', `removes ${where} from Git, but Argo CD does not prune it (Prune=false): it stays in the cluster, unmanaged, with its data; delete it by hand if that is the intent`);
      } else if (why && cascades) {
        flag('deletion', `deletes ${where}: ${why}`);
      }
    }
    if (change.status !== 'changed' || !change.before) continue;
    const before = change.before.body;
    const recreated = recreatedBySync(o.body) && recreatedBySync(before);
    if (!recreated) {
      for (const field of immutableFieldsTouched(o.kind, change.fields.map((f) => f.path))) {
        flag('immutable-field', `changes immutable field \`${field}\` of ${where}: the API server rejects the update; the object must be deleted and recreated`);
      }
    }
    const changed = (kind: FlagKind, c: RiskyChange | undefined) => c && flag(kind, `changes ${c.what} of ${where}: ${c.why}`);
    if (o.kind === 'CustomResourceDefinition') {
      const phrases = crdChanges(before, o.body);
      if (phrases.length > 0) flag('crd-change', `changes ${where} for every resource of its kind: ${phrases.join('; ')}`);
    }
    if (o.kind === 'StatefulSet' && !recreated) changed('stateful-rollout', statefulRollout(before, o.body));
    for (const c of volumeTemplateChanges(o.kind, o.body.apiVersion, before, o.body)) changed('volume-template', c);
    if (o.kind === 'Service') changed('service-type', serviceTypeChange(before, o.body));
    if (o.kind === 'Namespace') changed('pod-security', namespaceLevelChange(before, o.body));
    const weaker = podSecurityWeakening(before, o.body);
    if (weaker.length > 0) flag('pod-security', `weakens the pod security of ${where}: ${weaker.join('; ')}`);
  }
  flags.push(...unstagedProdVersions(input));
  return flags;
}

/** A prod pin changed by this diff to a value staging (after the diff) does not pin. */
function unstagedProdVersions(input: ReviewInput): RiskFlag[] {
  const prodBefore = input.base.pins.get('prod') ?? new Map<string, string>();
  const prodAfter = input.head.pins.get('prod') ?? new Map<string, string>();
  const staging = input.head.pins.get('staging') ?? new Map<string, string>();
  const flags: RiskFlag[] = [];
  for (const [pin, value] of prodAfter) {
    if (prodBefore.get(pin) === value || staging.get(pin) === value) continue;
    const stagingHas = staging.has(pin) ? `staging pins \`${staging.get(pin)}\`` : 'staging does not pin it at all';
    flags.push({
      kind: 'unstaged-prod-version',
      severity: 'risk',
      env: 'prod',
      message: `prod pins \`${pin}\` = \`${value}\`, which is not in staging (${stagingHas}): promote through staging first`,
    });
  }
  return flags;
}

function versionChanges(input: ReviewInput, changes: readonly ObjectChange[]): VersionChange[] {
  const fromFiles: VersionChange[] = [];
  const envs = [...new Set([...input.base.pins.keys(), ...input.head.pins.keys()])].sort((a, b) => compareText(envOrder(a), envOrder(b)));
  for (const env of envs) {
    const before = input.base.pins.get(env) ?? new Map<string, string>();
    const after = input.head.pins.get(env) ?? new Map<string, string>();
    for (const pin of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      if (before.get(pin) !== after.get(pin)) {
        fromFiles.push({ env, what: pin, before: before.get(pin), after: after.get(pin), origin: 'environment file' });
      }
    }
  }
  // Rendered image and chart changes not explained by a pin change (for example a hard-coded image).
  const rendered = new Map<string, VersionChange>();
  for (const change of changes) {
    if (change.status !== 'changed') continue;
    for (const field of change.fields) {
      const version = renderedVersionChange(change, field);
      if (!version) continue;
      const covered = fromFiles.some(
        (v) => v.env === version.env && matchesPin(v.before, version.before) && matchesPin(v.after, version.after),
      );
      const key = `${version.env}|${version.before}|${version.after}`;
      if (!covered && !rendered.has(key)) rendered.set(key, version);
    }
  }
  return [...fromFiles, ...rendered.values()];
}

/** Whether a rendered value is the pin: the same text, the ref without digest, or (charts) the version. */
function matchesPin(pinValue: string | undefined, rendered: string | undefined): boolean {
  if (pinValue === undefined || rendered === undefined) return pinValue === rendered;
  const withoutDigest = pinValue.split('@')[0]!;
  return pinValue === rendered || withoutDigest === rendered || withoutDigest.endsWith(`:${rendered}`);
}

const IMAGE_FIELD = /(^|\.)(image|imageName)$/;
const CHART_SOURCE_REVISION = /^spec\.(source|sources\[chart=[^\]]+\])\.targetRevision$/;

function renderedVersionChange(change: ObjectChange, field: FieldChange): VersionChange | undefined {
  const asText = (v: unknown) => (v === undefined || v === null ? undefined : typeof v === 'object' ? undefined : String(v));
  const before = asText(field.before);
  const after = asText(field.after);
  if (before === undefined && after === undefined) return undefined;
  const where = `${describeObject(change.object)} \`${field.path}\``;
  if (IMAGE_FIELD.test(field.path)) return { env: change.env, what: where, before, after, origin: 'rendered' };
  if (change.object.kind === 'Application' && CHART_SOURCE_REVISION.test(field.path)) {
    const spec = change.object.body.spec;
    const isChart = field.path.startsWith('spec.sources[') || (isRecord(spec) && isRecord(spec.source) && typeof spec.source.chart === 'string');
    if (isChart) return { env: change.env, what: where, before, after, origin: 'rendered' };
  }
  return undefined;
}

function versionFlag(version: VersionChange): RiskFlag {
  const from = version.before === undefined ? '(none)' : `\`${version.before}\``;
  const to = version.after === undefined ? '(removed)' : `\`${version.after}\``;
  const subject = version.origin === 'environment file' ? `\`${version.what}\`` : version.what;
  return { kind: 'version', severity: 'version', env: version.env, message: `${subject}: ${from} → ${to}` };
}
