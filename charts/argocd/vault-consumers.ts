// The Git repository credential Argo CD reads: a Secret labelled as a repository, kept in sync
// from Vault by VSO. Its value (a read-only deploy token) is never in Git.
import type { Environment } from '../../environments/types';
import { vaultPath, type SyncedSecret } from '../shared/vault-secrets';
import { ARGOCD_NAMESPACE, REPOSITORY_SECRET, REPOSITORY_SECRET_LABEL } from './constants';

export function repositorySecret(env: Environment): SyncedSecret {
  return {
    kind: 'synced',
    namespace: ARGOCD_NAMESPACE,
    secretName: REPOSITORY_SECRET,
    path: vaultPath(env, 'argocd', 'repository'),
    labels: REPOSITORY_SECRET_LABEL,
    rolloutRestartTargets: [{ kind: 'Deployment', name: 'argocd-repo-server' }],
  };
}
