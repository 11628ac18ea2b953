// Shared reading of Application objects for the Argo CD wiring rules.
import type { K8sObject, RenderedDocument } from '../../types';

export function isApplication(doc: RenderedDocument): boolean {
  return doc.object.kind === 'Application' && doc.object.apiVersion.startsWith('argoproj.io/');
}

export function directoryPaths(app: K8sObject): string[] {
  const spec = app.spec ?? {};
  const sources: any[] = spec.sources ?? (spec.source ? [spec.source] : []);
  return sources.filter((s) => !s.chart && typeof s.path === 'string').map((s) => s.path as string);
}

/** Argo CD's directory include/exclude glob for file names: `*`, and `{a,b}` alternatives. */
function fileGlob(pattern: string, file: string): boolean {
  const alternatives = /^\{(.*)\}$/.exec(pattern)?.[1]?.split(',') ?? [pattern];
  return alternatives.some((p) => new RegExp(`^${p.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`).test(file));
}

/**
 * Whether one of the Application's directory sources at `path` applies the file `name` (its
 * `directory.include` and `directory.exclude`; Argo CD applies every manifest when neither is set).
 */
export function directoryApplies(app: K8sObject, path: string, name: string): boolean {
  const spec = app.spec ?? {};
  const sources: any[] = spec.sources ?? (spec.source ? [spec.source] : []);
  return sources.some((s) => {
    if (s.chart || s.path !== path) return false;
    const include: string | undefined = s.directory?.include;
    const exclude: string | undefined = s.directory?.exclude;
    return (!include || fileGlob(include, name)) && !(exclude && fileGlob(exclude, name));
  });
}

/** The component an Application deploys: its name without the `<env>-` prefix. */
export function componentOf(env: string, app: K8sObject): string {
  return app.metadata.name.startsWith(`${env}-`) ? app.metadata.name.slice(env.length + 1) : app.metadata.name;
}

export function waveOf(app: K8sObject): number {
  return Number(app.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
}
