// One Application per component, a plain directory source for dist/<env>/<id>/ (upstream charts
// are hydrated into it: Argo CD needs no chart repository), the root app-of-apps syncing those
// Application files only, and the bootstrap manifest applied once by hand per cluster: every
// AppProject and the root application (afterwards the Argo CD component owns the AppProjects and
// the root application its own file: decision 0040).
import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import type { Environment } from '../environments/types';
import type { ComponentDefinition } from '../charts/shared/component';
import { LABEL } from '../charts/shared/labels';
import { setOutputFile } from '../charts/shared/output-file';
import { ARGOCD_NAMESPACE, destinationOf, distPath } from './destination';
import { bootstrapProjectName, projectName, renderProjects, type ProjectMember } from './projects';

export const APPS_FOLDER = 'apps';
/** Names carry the environment so one Argo CD instance could also manage several clusters. */
export const applicationName = (env: Environment, id: string) => `${env.name}-${id}`;
export const rootApplicationName = (env: Environment) => `${env.name}-gridata-root`;
export const BOOTSTRAP_FILE = 'bootstrap.yaml';
/** What the root application syncs from the apps folder: the component Applications, nothing else. */
export const ROOT_INCLUDE = 'application.*.yaml';
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

type Spec = NonNullable<IApplication['spec']>;
type SyncPolicy = NonNullable<Spec['syncPolicy']>;

export function syncPolicy(opts: { serverSideApply?: boolean; respectIgnoreDifferences?: boolean } = {}): SyncPolicy {
  const options = ['CreateNamespace=false', 'PruneLast=true', 'FailOnSharedResource=true'];
  if (opts.serverSideApply) options.push('ServerSideApply=true');
  if (opts.respectIgnoreDifferences) options.push('RespectIgnoreDifferences=true');
  return {
    automated: { prune: true, selfHeal: true, allowEmpty: false },
    syncOptions: options,
    retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
  };
}

function directorySource(env: Environment, folder: string, include = '*.yaml'): NonNullable<Spec['source']> {
  return {
    repoURL: env.argocd.repoURL,
    targetRevision: env.argocd.targetRevision,
    path: distPath(env, folder),
    directory: { recurse: false, include },
  };
}

export function renderApplication(scope: Construct, env: Environment, def: ComponentDefinition, wave: number): void {
  const spec: Spec = {
    project: projectName(env, def.project),
    destination: { ...destinationOf(env), namespace: def.namespace },
    source: directorySource(env, def.id),
    syncPolicy: syncPolicy({ serverSideApply: def.serverSideApply, respectIgnoreDifferences: Boolean(def.ignoreDifferences?.length) }),
    ignoreDifferences: def.ignoreDifferences?.length ? (def.ignoreDifferences as Spec['ignoreDifferences']) : undefined,
    revisionHistoryLimit: 10,
  };
  new ApiObject(scope, `application-${def.id}`, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: applicationName(env, def.id),
      namespace: ARGOCD_NAMESPACE,
      labels: { [LABEL.name]: 'argocd-apps', [LABEL.component]: 'application' },
      annotations: { [SYNC_WAVE_ANNOTATION]: String(wave), 'gridata.io/description': def.description },
      // Foreground cascading delete: removing an Application removes what it deployed, children first.
      finalizers: ['resources-finalizer.argocd.argoproj.io/foreground'],
    },
    spec,
  });
}

/** The root app-of-apps: in the bootstrap project, syncing only the apps folder's Application files. */
export function renderRootApplication(scope: Construct, env: Environment, id = 'root-application'): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: rootApplicationName(env),
      namespace: ARGOCD_NAMESPACE,
      labels: { [LABEL.name]: 'argocd-apps', [LABEL.component]: 'bootstrap' },
      // Foreground cascading delete: removing an Application removes what it deployed, children first.
      finalizers: ['resources-finalizer.argocd.argoproj.io/foreground'],
    },
    spec: {
      project: bootstrapProjectName(env),
      source: directorySource(env, APPS_FOLDER, ROOT_INCLUDE),
      destination: { ...destinationOf(env), namespace: ARGOCD_NAMESPACE },
      syncPolicy: syncPolicy(),
      revisionHistoryLimit: 10,
    } satisfies Spec,
  });
}

/**
 * The AppProjects, rendered into the Argo CD component's folder (synced by its Application in the
 * platform project), never into the folder the root application syncs.
 */
export function renderArgoCdLayer(scope: Construct, env: Environment, members: readonly ProjectMember[]): void {
  renderProjects(scope, env, members);
}

/**
 * The one manifest an operator applies by hand (the root application does not sync it): the
 * AppProjects the first sync needs (copies of the Argo CD component's) and the root application
 * (a copy of its own file in the apps folder, which it syncs: it manages itself).
 */
export function renderBootstrap(scope: Construct, env: Environment, members: readonly ProjectMember[]): void {
  renderProjects(scope, env, members, 'bootstrap-', (project) => setOutputFile(project, BOOTSTRAP_FILE));
  setOutputFile(renderRootApplication(scope, env), BOOTSTRAP_FILE);
}
