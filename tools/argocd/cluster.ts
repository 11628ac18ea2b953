// Small API-server helpers for validate:argocd: server-side apply of rendered files, reads by
// group/kind/namespace/name, and the field-by-field difference between a rendered and a live object.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { ApiClient } from '../validate/api-client';
import { statusMessage } from '../validate/api-client';
import { collectionPath, Discovery } from '../validate/validate';

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string>; [k: string]: unknown }; [k: string]: unknown };

export function readObjects(file: string): K8sObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => Boolean(o?.kind));
}

export class Cluster {
  readonly discovery: Discovery;

  constructor(readonly client: ApiClient) {
    this.discovery = new Discovery(client);
  }

  async path(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<string | undefined> {
    let resource = await this.discovery.resourceFor(apiVersion, kind);
    // A CRD applied a moment ago is served once it is Established: ask again for a while.
    for (let i = 0; !resource && i < 30; i++) {
      await new Promise((r) => setTimeout(r, 500));
      this.discovery.forget();
      resource = await this.discovery.resourceFor(apiVersion, kind);
    }
    if (!resource) return undefined;
    return `${collectionPath(apiVersion, resource, namespace)}/${encodeURIComponent(name)}`;
  }

  /** Server-side apply (force) of an object or an apply configuration under `manager`. */
  async apply(object: K8sObject, manager: string): Promise<void> {
    const path = await this.path(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name);
    if (!path) throw new Error(`${object.kind}.${object.apiVersion} is not served`);
    const query = new URLSearchParams({ fieldManager: manager, force: 'true' });
    const res = await this.client.request('PATCH', `${path}?${query}`, JSON.stringify(object), 'application/apply-patch+yaml');
    if (res.status < 200 || res.status >= 300) throw new Error(`apply ${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}: ${statusMessage(res.body)}`);
  }

  async get(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<K8sObject | undefined> {
    const path = await this.path(apiVersion, kind, namespace, name);
    if (!path) return undefined;
    return this.client.getJson<K8sObject>(path);
  }

  /** apiVersion of a group's preferred version (status.resources name a group and a version). */
  static apiVersion(group: string | undefined, version: string | undefined): string {
    return group ? `${group}/${version}` : (version ?? 'v1');
  }
}

/** Paths where the live object differs from what the rendered object sets (fields it does not set are not compared). */
export function fieldDifferences(rendered: unknown, live: unknown, path = ''): string[] {
  if (rendered === null || typeof rendered !== 'object') {
    return JSON.stringify(rendered) === JSON.stringify(live) ? [] : [`${path || '/'}: rendered ${JSON.stringify(rendered)}, live ${JSON.stringify(live)}`.slice(0, 400)];
  }
  if (Array.isArray(rendered)) {
    if (!Array.isArray(live)) return [`${path}: rendered a list, live ${JSON.stringify(live)?.slice(0, 200)}`];
    if (rendered.length !== live.length) return [`${path}: rendered ${rendered.length} items, live ${live.length}`];
    return rendered.flatMap((item, i) => fieldDifferences(item, live[i], `${path}/${i}`));
  }
  if (live === null || typeof live !== 'object') return [`${path}: rendered an object, live ${JSON.stringify(live)}`];
  return Object.entries(rendered as Record<string, unknown>).flatMap(([key, value]) =>
    fieldDifferences(value, (live as Record<string, unknown>)[key], `${path}/${key}`),
  );
}
