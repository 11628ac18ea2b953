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

/** The component an Application deploys: its name without the `<env>-` prefix. */
export function componentOf(env: string, app: K8sObject): string {
  return app.metadata.name.startsWith(`${env}-`) ? app.metadata.name.slice(env.length + 1) : app.metadata.name;
}

export function waveOf(app: K8sObject): number {
  return Number(app.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
}
