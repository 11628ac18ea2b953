import { apiGroupOf, globMatches } from '../../helpers';
import type { EnvironmentRule, Finding, K8sObject, RenderedDocument } from '../../types';
import { directoryApplies, directoryPaths, isApplication } from './application-sources';

export interface ApplicationProjectParams {
  /** Projects no Application may use and nothing may define. */
  readonly forbiddenProjects: readonly string[];
}

export const APPLICATION_PROJECT_PARAMS: ApplicationProjectParams = { forbiddenProjects: ['default'] };

type GroupKind = { group?: string; kind?: string };

const listed = (list: readonly GroupKind[] | undefined, group: string, kind: string) =>
  (list ?? []).some((e) => globMatches(e.group ?? '', group) && globMatches(e.kind ?? '', kind));

function admitsDestination(project: K8sObject, destination: { name?: string; server?: string; namespace?: string }): boolean {
  return (project.spec?.destinations ?? []).some(
    (d: any) =>
      (d.name !== undefined ? globMatches(d.name, destination.name) : true) &&
      (d.server !== undefined ? globMatches(d.server, destination.server) : true) &&
      (d.name !== undefined || d.server !== undefined) &&
      globMatches(d.namespace ?? '*', destination.namespace ?? ''),
  );
}

/** Why the project would refuse to sync `object` for an Application deploying to `destination`, if it would. */
function refusal(project: K8sObject, destination: { name?: string; server?: string }, object: K8sObject): string | undefined {
  const group = apiGroupOf(object.apiVersion);
  const kind = object.kind;
  const ns = object.metadata.namespace;
  if (!ns) {
    return listed(project.spec?.clusterResourceWhitelist, group, kind) && !listed(project.spec?.clusterResourceBlacklist, group, kind)
      ? undefined
      : `cluster-scoped ${kind}${group ? ` (${group})` : ''} is not in its clusterResourceWhitelist`;
  }
  if (!admitsDestination(project, { ...destination, namespace: ns })) return `namespace ${ns} is not among its destinations`;
  if (listed(project.spec?.namespaceResourceBlacklist, group, kind)) return `${kind}${group ? ` (${group})` : ''} is in its namespaceResourceBlacklist`;
  const whitelist = project.spec?.namespaceResourceWhitelist;
  if (whitelist && !listed(whitelist, group, kind)) return `${kind}${group ? ` (${group})` : ''} is not in its namespaceResourceWhitelist`;
  return undefined;
}

export const applicationProject: EnvironmentRule<ApplicationProjectParams> = {
  id: 'ARGO-003',
  title: 'Applications use a rendered, non-default AppProject that admits their sources, destination and every object they deploy',
  severity: 'error',
  rationale: 'The default project allows every repository, destination and kind; a project that does not admit what its Application deploys fails the sync at run time instead of at review.',
  remediation: 'Set spec.project to one of the rendered gridata AppProjects, and widen that AppProject (sourceRepos, destinations, resource whitelists) only as far as this Application needs.',
  family: 9,
  params: APPLICATION_PROJECT_PARAMS,
  scope: 'environment',
  check: ({ env, documents }, params) => {
    const findings: Finding[] = [];
    const projects = new Map<string, RenderedDocument>();
    for (const doc of documents) {
      if (doc.object.kind !== 'AppProject' || !doc.object.apiVersion.startsWith('argoproj.io/')) continue;
      if (params.forbiddenProjects.includes(doc.object.metadata.name)) findings.push({ document: doc, message: `defines the ${doc.object.metadata.name} AppProject` });
      else projects.set(doc.object.metadata.name, doc);
    }
    for (const app of documents.filter(isApplication)) {
      const name: string = app.object.spec?.project ?? '';
      if (!name || params.forbiddenProjects.includes(name)) {
        findings.push({ document: app, message: `spec.project is ${name || 'empty'} (forbidden: ${params.forbiddenProjects.join(', ')})` });
        continue;
      }
      const project = projects.get(name)?.object;
      if (!project) {
        findings.push({ document: app, message: `spec.project ${name} is not an AppProject rendered for ${env}` });
        continue;
      }
      const spec = app.object.spec ?? {};
      const sources: any[] = spec.sources ?? (spec.source ? [spec.source] : []);
      for (const source of sources) {
        if (!(project.spec?.sourceRepos ?? []).some((r: string) => globMatches(r, source.repoURL))) {
          findings.push({ document: app, message: `source ${source.repoURL} is not in the sourceRepos of AppProject ${name}` });
        }
      }
      const destination = spec.destination ?? {};
      if (!admitsDestination(project, destination)) {
        findings.push({ document: app, message: `destination ${destination.name ?? destination.server}/${destination.namespace} is not among the destinations of AppProject ${name}` });
      }
      // What the directory sources deploy: every applied (not review-only) object of the files they include.
      const folders = directoryPaths(app.object).filter((p) => p.startsWith(`dist/${env}/`)).map((p) => p.slice(`dist/${env}/`.length));
      const applied = (d: RenderedDocument) => directoryApplies(app.object, `dist/${env}/${d.component}`, d.file.slice(d.file.lastIndexOf('/') + 1));
      const refused = new Map<string, string[]>();
      for (const doc of documents.filter((d) => folders.includes(d.component) && !d.reviewOnly && applied(d))) {
        const why = refusal(project, destination, doc.object);
        if (why) refused.set(why, [...(refused.get(why) ?? []), `${doc.object.kind}/${doc.object.metadata.name}`]);
      }
      for (const [why, objects] of refused) {
        findings.push({ document: app, message: `AppProject ${name} would refuse ${objects.join(', ')}: ${why}` });
      }
    }
    return findings;
  },
};
