// Argo CD RBAC (configs.rbac): platform admins manage everything; data engineers may sync and
// inspect the data project's applications; everyone else authenticated can only read.
import type { Environment } from '../../environments/types';
import { RBAC_GROUPS } from './constants';

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
    `g, ${RBAC_GROUPS.platformAdmins}, role:platform-admin`,
    `g, ${RBAC_GROUPS.dataEngineers}, role:data-engineer`,
    `g, ${RBAC_GROUPS.viewers}, role:readonly`,
  ];
  return lines.join('\n') + '\n';
}

export function rbacValues(env: Environment): Record<string, string> {
  return { 'policy.default': 'role:readonly', 'policy.csv': rbacPolicy(env), scopes: '[groups]' };
}
