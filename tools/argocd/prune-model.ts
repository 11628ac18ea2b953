// A model of what Argo CD deletes when a commit removes a component — its folder
// dist/<env>/<component>/ and its Application file under dist/<env>/apps/ — computed from the
// rendered objects' sync options. Not a replacement for a real Argo CD run; it states the rules
// the protections rely on, so a test can show what a bad commit would and would not delete.
//
// Semantics modelled (Argo CD 3.x):
//  1. The root application (automated sync, prune) prunes the removed Application object: an
//     Application carries no Prune=false.
//  2. Deleting an Application with the resources finalizer (ours: resources-finalizer.argocd.argoproj.io/
//     foreground) deletes every object it manages except those annotated Delete=false.
//  3. If only the folder goes (the Application stays), an automated sync with allowEmpty=false
//     refuses to prune everything ("would wipe out all resources"); a manual sync with prune
//     deletes every object that left Git except those annotated Prune=false.
//  4. Deleting a Namespace deletes every object in it, whatever its annotations, including the
//     objects of other Applications. Hence Namespaces carry Prune=false and Delete=false.
//  5. Objects an upstream chart creates (Helm source) follow the same rules with the annotations
//     set through the chart's values (the keys policy ARGO-006 checks); they appear here as one entry per key.
import type { K8sObject, RenderedEnvironment } from '../../policies/types';
import { STATEFUL_PROTECTION_PARAMS } from '../../policies/rules/argocd/stateful-protection';
import { valueAt } from '../../policies/helpers';

/** Argo CD's per-object sync options annotation (comma-separated `Key=value`). */
export const SYNC_OPTIONS_ANNOTATION = STATEFUL_PROTECTION_PARAMS.annotation;

/** The sync options an object's annotation sets, e.g. { Prune: 'false', Delete: 'false' }. */
function syncOptionsOf(annotations: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const value = annotations?.[SYNC_OPTIONS_ANNOTATION];
  if (!value) return {};
  return Object.fromEntries(
    value
      .split(',')
      .map((option) => option.trim())
      .filter(Boolean)
      .map((option) => {
        const at = option.indexOf('=');
        return at < 0 ? [option, ''] : [option.slice(0, at).trim(), option.slice(at + 1).trim()];
      }),
  );
}

export interface ManagedObject {
  /** The Application (component) that manages it. */
  readonly component: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface Outcome {
  /** Objects Argo CD deletes directly. */
  readonly deleted: ManagedObject[];
  /** Objects that stay because of their sync options. */
  readonly kept: ManagedObject[];
  /** Objects deleted because their Namespace was deleted. */
  readonly deletedWithNamespace: ManagedObject[];
  /** Why nothing was done, when Argo CD refuses (rule 3). */
  readonly refused?: string;
}

export const ref = (o: ManagedObject) => `${o.component} ${o.kind}/${o.namespace ? `${o.namespace}/` : ''}${o.name}`;

/** Every object an environment's Applications manage: the rendered files and the stateful chart objects. */
export function managedObjects(rendered: RenderedEnvironment): ManagedObject[] {
  const objects: ManagedObject[] = rendered.documents
    .filter((d) => !d.reviewOnly && d.component !== 'apps')
    .map((d) => fromObject(d.component, d.object));
  // A hydrated chart's stateful objects are among the documents above; values model only the others.
  for (const chart of rendered.charts.filter((c) => !c.hydrated)) {
    const component = chart.application.object.metadata.name.replace(`${rendered.env}-`, '');
    const namespace = chart.application.object.spec?.destination?.namespace;
    for (const path of STATEFUL_PROTECTION_PARAMS.chartKeys[chart.chart] ?? []) {
      const annotations = valueAt(chart.values, path);
      objects.push({ component, kind: `chart ${chart.chart}`, namespace, name: path, annotations: annotations && typeof annotations === 'object' ? annotations : {} });
    }
  }
  return objects;
}

function fromObject(component: string, object: K8sObject): ManagedObject {
  return { component, kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name, annotations: object.metadata.annotations ?? {} };
}

const option = (o: ManagedObject, key: string) => syncOptionsOf(o.annotations)[key];

function withNamespaceCascade(all: ManagedObject[], deleted: ManagedObject[], kept: ManagedObject[]): Outcome {
  const goneNamespaces = new Set(deleted.filter((o) => o.kind === 'Namespace').map((o) => o.name));
  const direct = new Set(deleted);
  const deletedWithNamespace = all.filter((o) => o.namespace && goneNamespaces.has(o.namespace) && !direct.has(o));
  const cascaded = new Set(deletedWithNamespace);
  return { deleted, kept: kept.filter((o) => !cascaded.has(o)), deletedWithNamespace };
}

/** Rules 1, 2 and 4: a commit removes the component's folder and its Application file. */
export function removeComponent(rendered: RenderedEnvironment, component: string): Outcome {
  const all = managedObjects(rendered);
  const owned = all.filter((o) => o.component === component);
  const deleted = owned.filter((o) => option(o, 'Delete') !== 'false');
  const kept = owned.filter((o) => option(o, 'Delete') === 'false');
  return withNamespaceCascade(all, deleted, kept);
}

/** Rules 3 and 4: the folder is emptied but the Application stays; `automated` as configured. */
export function emptyFolderSync(rendered: RenderedEnvironment, component: string, opts: { automated: boolean; allowEmpty: boolean }): Outcome {
  const all = managedObjects(rendered);
  const owned = all.filter((o) => o.component === component);
  if (opts.automated && !opts.allowEmpty && owned.length > 0) {
    return { deleted: [], kept: owned, deletedWithNamespace: [], refused: 'automated sync refuses an empty target (allowEmpty: false)' };
  }
  const deleted = owned.filter((o) => option(o, 'Prune') !== 'false');
  const kept = owned.filter((o) => option(o, 'Prune') === 'false');
  return withNamespaceCascade(all, deleted, kept);
}
