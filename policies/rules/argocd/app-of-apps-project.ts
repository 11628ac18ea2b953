import { apiGroupOf, globMatches } from '../../helpers';
import type { EnvironmentRule, Finding, K8sObject } from '../../types';
import { directoryApplies, directoryPaths, isApplication } from './application-sources';

type GroupKind = { group?: string; kind?: string };
const listed = (list: readonly GroupKind[] | undefined, group: string, kind: string) =>
  (list ?? []).some((e) => globMatches(e.group ?? '', group) && globMatches(e.kind ?? '', kind));

/** Whether Argo CD would let an Application of this project apply an AppProject. */
function admitsAppProjects(project: K8sObject): boolean {
  const whitelist = project.spec?.namespaceResourceWhitelist;
  if (listed(project.spec?.namespaceResourceBlacklist, 'argoproj.io', 'AppProject')) return false;
  return whitelist === undefined || listed(whitelist, 'argoproj.io', 'AppProject');
}

export const appOfAppsProject: EnvironmentRule = {
  id: 'ARGO-008',
  title: 'An app-of-apps Application is in a project that admits only Applications: no AppProject, no cluster-scoped kind',
  severity: 'error',
  rationale: 'The root application creates every other Application; if its project may also apply AppProjects it can widen any project, its own included, and so every Application\'s reach.',
  remediation: 'Render the AppProjects into a folder synced by another project (the Argo CD component\'s) and give the app-of-apps project namespaceResourceWhitelist [argoproj.io/Application] and an empty clusterResourceWhitelist.',
  family: 9,
  scope: 'environment',
  check: ({ env, documents }) => {
    const projects = new Map(documents.filter((d) => d.object.kind === 'AppProject' && apiGroupOf(d.object.apiVersion) === 'argoproj.io').map((d) => [d.object.metadata.name, d.object]));
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const app of documents.filter(isApplication)) {
      if (seen.has(app.object.metadata.name)) continue;
      seen.add(app.object.metadata.name);
      const folders = directoryPaths(app.object).filter((p) => p.startsWith(`dist/${env}/`)).map((p) => p.slice(`dist/${env}/`.length));
      const applies = documents.filter(
        (d) => folders.includes(d.component) && !d.reviewOnly && directoryApplies(app.object, `dist/${env}/${d.component}`, d.file.slice(d.file.lastIndexOf('/') + 1)),
      );
      if (!applies.some((d) => d.object.kind === 'Application' && apiGroupOf(d.object.apiVersion) === 'argoproj.io')) continue;
      const project = projects.get(app.object.spec?.project ?? '');
      // ARGO-003 reports a missing project, and an AppProject in the folder that the project refuses.
      if (!project) continue;
      const name = project.metadata.name;
      if (admitsAppProjects(project)) findings.push({ document: app, message: `applies Applications and its project ${name} admits AppProject objects` });
      const cluster = project.spec?.clusterResourceWhitelist ?? [];
      if (cluster.length > 0) findings.push({ document: app, message: `applies Applications and its project ${name} admits cluster-scoped ${cluster.map((k: GroupKind) => `${k.group ? `${k.group}/` : ''}${k.kind}`).join(', ')}` });
    }
    return findings;
  },
};
