// Argo CD RBAC (configs.rbac): platform admins manage everything; data engineers may sync and
// inspect the data project's applications; everyone else authenticated can only read. The groups are
// the environment file's (sso.groups), exactly as the identity provider sends them in sso.groupsClaim.
import type { Environment } from '../../environments/types';

export function rbacPolicy(env: Environment): string {
  const dataProject = `gridata-${env.name}-data`;
  const lines = [
    'p, role:platform-admin, applications, *, */*, allow',
    'p, role:platform-admin, applicationsets, *, */*, allow',
    'p, role:platform-admin, projects, *, *, allow',
    'p, role:platform-admin, repositories, *, *, allow',
    'p, role:platform-admin, clusters, get, *, allow',
    'p, role:platform-admin, logs, get, */*, allow',
    `p, role:data-engineer, applications, get, ${dataProject}/*, allow`,
    `p, role:data-engineer, applications, sync, ${dataProject}/*, allow`,
    `p, role:data-engineer, logs, get, ${dataProject}/*, allow`,
    `g, ${env.sso.groups.platformAdmins}, role:platform-admin`,
    `g, ${env.sso.groups.dataEngineers}, role:data-engineer`,
    `g, ${env.sso.groups.viewers}, role:readonly`,
  ];
  return lines.join('\n') + '\n';
}

export function rbacValues(env: Environment): Record<string, string> {
  return { 'policy.default': 'role:readonly', 'policy.csv': rbacPolicy(env), scopes: `[${env.sso.groupsClaim}]` };
}
