// AppProjects: one per domain, each limited to this repo (plus its components' Helm repos),
// the namespaces its components deploy to, and the cluster-scoped kinds they need.
import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import type { Environment } from '../environments/types';
import type { ComponentDefinition, HelmSource, ProjectName } from '../charts/shared/component';
import { LABEL } from '../charts/shared/labels';
import { destinationOf, ARGOCD_NAMESPACE } from './destination';

export const projectName = (env: Environment, project: ProjectName) => `gridata-${env.name}-${project}`;
export const bootstrapProjectName = (env: Environment) => `gridata-${env.name}-bootstrap`;

/** Cluster-scoped kinds each project may manage; everything else cluster-wide is refused. */
export const CLUSTER_RESOURCES: Record<ProjectName, { group: string; kind: string }[]> = {
  platform: [
    { group: '', kind: 'Namespace' },
    { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
    { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
    { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
    { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' },
    { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' },
  ],
  data: [
    { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
    { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
    { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
    { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' },
    { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' },
  ],
  observability: [
    { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
    { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
    { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
    { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' },
    { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' },
  ],
};

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

export function renderProjects(
  scope: Construct,
  env: Environment,
  components: readonly { def: ComponentDefinition; helm: HelmSource | undefined; namespaces: string[] }[],
): void {
  for (const project of Object.keys(DESCRIPTIONS) as ProjectName[]) {
    const members = components.filter((c) => c.def.project === project);
    if (members.length === 0) continue;
    const helmRepos = members.flatMap((m) => (m.helm ? [m.helm.repoURL] : []));
    const namespaces = [...new Set(members.flatMap((m) => m.namespaces))].sort();
    const spec: IAppProject['spec'] = {
      description: `${DESCRIPTIONS[project]} (${env.name})`,
      sourceRepos: [...new Set([env.argocd.repoURL, ...helmRepos])].sort(),
      destinations: namespaces.map((namespace) => ({ ...destinationOf(env), namespace })),
      clusterResourceWhitelist: CLUSTER_RESOURCES[project],
      namespaceResourceBlacklist: NAMESPACE_BLACKLIST[project].length > 0 ? NAMESPACE_BLACKLIST[project] : undefined,
      orphanedResources: { warn: true },
      syncWindows: syncWindows(env),
    };
    new ApiObject(scope, `project-${project}`, {
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
  }
}
