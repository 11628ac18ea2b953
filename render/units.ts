// Renders units (one folder of dist/<env>/ each) into a file map (relative path → content):
// one cdk8s Chart per unit, standard labels, deterministic YAML, one object per file.
import { App, Chart, type ApiObject } from 'cdk8s';
import type { Environment } from '../environments/types';
import { isReviewOnly, ARGOCD_SKIP_MARKER } from '../charts/shared/review-only';
import { applyStandardLabels, type SelectedLabels } from './standard-labels';
import { outputFileOf } from '../charts/shared/output-file';
import { toYaml } from '../charts/shared/serialize';

export type FileMap = Map<string, string>;

const sourceHints = new WeakMap<ApiObject, string>();
const selectedLabelsOf = new WeakMap<ApiObject, SelectedLabels>();

/** Labels of `obj` that selectors of its chart depend on: standard labels never overwrite them. */
export function setSelectedLabels(obj: ApiObject, selected: SelectedLabels): void {
  selectedLabelsOf.set(obj, selected);
}

/** Names where an object comes from in its file's header when that is not the unit's sources. */
export function setSourceHint(obj: ApiObject, hint: string): void {
  sourceHints.set(obj, hint);
}

export interface RenderUnit {
  /** Folder name under dist/<env>/. */
  readonly folder: string;
  readonly version: string;
  readonly sourceHint: string;
  readonly build: (chart: Chart) => void;
}

export interface RenderedUnits {
  /** Files relative to dist/. */
  readonly files: FileMap;
  /** Namespaces named by the objects of each folder. */
  readonly namespaces: ReadonlyMap<string, readonly string[]>;
  /** The group and kind of each folder's cluster-scoped objects (those without a namespace). */
  readonly clusterKinds: ReadonlyMap<string, readonly { group: string; kind: string }[]>;
}

/** Renders one environment's units (one folder each); `unitRendered` gets each unit's files as soon as they are rendered. */
export function renderUnits(env: Environment, units: readonly RenderUnit[], unitRendered?: (files: FileMap) => void): RenderedUnits {
  const files: FileMap = new Map();
  const namespaces = new Map<string, string[]>();
  const clusterKinds = new Map<string, { group: string; kind: string }[]>();
  const app = new App({ outdir: '/nonexistent-never-written' });
  for (const unit of units) {
    const chart = new Chart(app, `${env.name}-${unit.folder}`, { disableResourceNameHashes: true });
    unit.build(chart);
    const grouped = new Map<string, { reviewOnly: boolean; docs: string[]; hint: string }>();
    const unitNamespaces = new Set<string>();
    const identities = new Set<string>();
    const unitClusterKinds = new Map<string, { group: string; kind: string }>();
    for (const obj of chart.node.findAll().filter(isApiObject)) {
      const json = obj.toJson();
      // cdk8s fills in `<chart>-<id>` when no name is given; a refactor would then rename a live
      // object, so only names written in the construct's props are accepted.
      if (!explicitNameOf(obj)) {
        throw new Error(`${unit.folder}: ${json.kind} at ${obj.node.path} has no explicit metadata.name`);
      }
      // Our objects and a chart's share the folder; Argo CD would apply the second over the first.
      const identity = `${String(json.apiVersion).split('/').slice(0, -1).join('/')}/${json.kind}/${json.metadata.namespace ?? ''}/${json.metadata.name}`;
      if (identities.has(identity)) throw new Error(`${unit.folder}: two objects are ${json.kind} ${json.metadata.namespace ? `${json.metadata.namespace}/` : ''}${json.metadata.name}`);
      identities.add(identity);
      applyStandardLabels(json, env.name, unit.folder, unit.version, selectedLabelsOf.get(obj));
      if (json.metadata.namespace) unitNamespaces.add(json.metadata.namespace);
      else {
        const group = String(json.apiVersion).includes('/') ? String(json.apiVersion).split('/')[0] : '';
        unitClusterKinds.set(`${group}/${json.kind}`, { group, kind: json.kind });
      }
      const file = `${env.name}/${unit.folder}/${outputFileOf(obj, json)}`;
      const entry = grouped.get(file) ?? { reviewOnly: false, docs: [], hint: sourceHints.get(obj) ?? unit.sourceHint };
      entry.reviewOnly ||= isReviewOnly(obj);
      entry.docs.push(toYaml(json));
      grouped.set(file, entry);
    }
    const unitFiles: FileMap = new Map();
    for (const [file, { reviewOnly, docs, hint }] of grouped) {
      if (files.has(file)) throw new Error(`two objects render to ${file}`);
      const content = header(env, hint, reviewOnly) + docs.join('---\n');
      files.set(file, content);
      unitFiles.set(file, content);
    }
    if (unitFiles.size > 0) unitRendered?.(unitFiles);
    if (grouped.size > 0) {
      namespaces.set(unit.folder, [...unitNamespaces].sort());
      clusterKinds.set(unit.folder, [...unitClusterKinds.keys()].sort().map((k) => unitClusterKinds.get(k)!));
    }
  }
  return { files: new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), namespaces, clusterKinds };
}

function header(env: Environment, sourceHint: string, reviewOnly: boolean): string {
  const lines = [
    `# GENERATED by \`npm run synth\` from environments/${env.name}.yaml and ${sourceHint} — do not edit.`,
  ];
  if (reviewOnly) {
    lines.unshift(ARGOCD_SKIP_MARKER);
    lines.push('# Rendered for review only: Argo CD skips this file; it is submitted at run time.');
  }
  return lines.join('\n') + '\n';
}

function explicitNameOf(obj: ApiObject): string | undefined {
  return (obj as unknown as { props?: { metadata?: { name?: string } } }).props?.metadata?.name;
}

function isApiObject(c: unknown): c is ApiObject {
  return typeof (c as ApiObject)?.toJson === 'function' && typeof (c as ApiObject)?.apiVersion === 'string';
}
