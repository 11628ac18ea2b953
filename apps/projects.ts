// AppProjects: one per domain, each limited to this repo, the namespaces its components deploy to,
// and exactly the cluster-scoped kinds its components' folders hold (upstream charts are hydrated
// into those folders, so what they need is known at render time); and the bootstrap project of the
// root application, which may only manage Applications.
//
// The projects are rendered into the Argo CD component's folder (PROJECTS_COMPONENT), synced by its
// Application in the `platform` project: the root application (bootstrap project) syncs only
// Application files, and its project admits no AppProject, so it cannot change any project, its own
// included (decision 0040). bootstrap.yaml holds copies for the first, hand-applied sync.
import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import type { Environment } from '../environments/types';
import type { ComponentDefinition, ProjectName } from '../charts/shared/component';
import { LABEL } from '../charts/shared/labels';
import { destinationOf, ARGOCD_NAMESPACE } from './destination';

export const projectName = (env: Environment, project: ProjectName) => `gridata-${env.name}-${project}`;
/** The component whose folder holds the AppProjects (and the root Application): Argo CD's own. */
export const PROJECTS_COMPONENT = 'argocd';
export const bootstrapProjectName = (env: Environment) => `gridata-${env.name}-bootstrap`;

/** Only the platform project may change quotas and limit ranges set by the baseline. */
const NAMESPACE_BLACKLIST: Record<ProjectName, { group: string; kind: string }[]> = {
  platform: [],
  data: [
    { group: '', kind: 'ResourceQuota' },
    { group: '', kind: 'LimitRange' },
  ],
  observability: [
    { group: '', kind: 'ResourceQuota' },
    { group: '', kind: 'LimitRange' },
  ],
};

const DESCRIPTIONS: Record<ProjectName, string> = {
  platform: 'Cluster baseline, GitOps, secrets and operators',
  data: 'Object store, catalog, databases, orchestration, metadata and pipelines',
  observability: 'Metrics, alerts and dashboards',
};

/**
 * The environment's sync windows, on every Application of a domain project. The bootstrap project
 * has none, so the root application can always deliver changed windows and Applications.
 */
export function syncWindows(env: Environment): IAppProject['spec']['syncWindows'] {
  if (env.argocd.syncWindows.length === 0) return undefined;
  return env.argocd.syncWindows.map((w) => ({
    kind: w.kind,
    schedule: w.schedule,
    duration: w.duration,
    timeZone: w.timeZone,
    manualSync: w.manualSync,
    applications: ['*'],
    ...(w.description ? { description: w.description } : {}),
  }));
}

export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

export interface ProjectMember {
  readonly def: ComponentDefinition;
  readonly namespaces: string[];
  readonly clusterKinds: readonly GroupKind[];
}

/** The bootstrap project: the root application's, admitting Applications in the Argo CD namespace only. */
export function bootstrapProject(env: Environment) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name: bootstrapProjectName(env),
      namespace: ARGOCD_NAMESPACE,
      labels: { [LABEL.name]: 'argocd-apps', [LABEL.component]: 'bootstrap' },
    },
    spec: {
      description: `Root app-of-apps for ${env.name}: may only manage Argo CD Applications`,
      sourceRepos: [env.argocd.repoURL],
      destinations: [{ ...destinationOf(env), namespace: ARGOCD_NAMESPACE }],
      clusterResourceWhitelist: [],
      // No AppProject: the projects belong to the Argo CD component (platform project), so the
      // root application can neither widen a domain project nor its own.
      namespaceResourceWhitelist: [{ group: 'argoproj.io', kind: 'Application' }],
    },
  };
}

/** Every AppProject (the bootstrap project and one per domain); `onEach` may place each object. */
export function renderProjects(scope: Construct, env: Environment, components: readonly ProjectMember[], idPrefix = '', onEach?: (project: ApiObject) => void): void {
  const bootstrap = new ApiObject(scope, `${idPrefix}bootstrap-project`, bootstrapProject(env));
  onEach?.(bootstrap);
  for (const project of Object.keys(DESCRIPTIONS) as ProjectName[]) {
    const members = components.filter((c) => c.def.project === project);
    if (members.length === 0) continue;
    const clusterKinds = new Map(members.flatMap((m) => m.clusterKinds).map((gk) => [`${gk.group}/${gk.kind}`, gk]));
    const namespaces = [...new Set(members.flatMap((m) => m.namespaces))].sort();
    const spec: IAppProject['spec'] = {
      description: `${DESCRIPTIONS[project]} (${env.name})`,
      sourceRepos: [env.argocd.repoURL],
      destinations: namespaces.map((namespace) => ({ ...destinationOf(env), namespace })),
      clusterResourceWhitelist: [...clusterKinds.keys()].sort().map((k) => clusterKinds.get(k)!),
      namespaceResourceBlacklist: NAMESPACE_BLACKLIST[project].length > 0 ? NAMESPACE_BLACKLIST[project] : undefined,
      orphanedResources: { warn: true },
      syncWindows: syncWindows(env),
    };
    const object = new ApiObject(scope, `${idPrefix}project-${project}`, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: {
        name: projectName(env, project),
        namespace: ARGOCD_NAMESPACE,
        labels: { [LABEL.name]: 'argocd-apps', [LABEL.component]: 'project' },
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec,
    });
    onEach?.(object);
  }
}
