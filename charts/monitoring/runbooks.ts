// Runbook links point at RUNBOOKS.md in this repository, at the revision the environment runs,
// so the instructions always match the deployed alert.
import type { Environment } from '../../environments/types';

export const RUNBOOKS_PATH = 'charts/monitoring/RUNBOOKS.md';

/** Browsable base URL of the repository (https form, no `.git`). */
export function repositoryWebUrl(repoURL: string): string {
  const ssh = /^git@([^:]+):(.+?)(\.git)?$/.exec(repoURL);
  if (ssh) return `https://${ssh[1]}/${ssh[2]}`;
  return repoURL.replace(/\.git$/, '').replace(/\/$/, '');
}

export function runbookAnchor(alert: string): string {
  return alert.toLowerCase();
}

export function runbookUrl(env: Environment, alert: string): string {
  return `${repositoryWebUrl(env.argocd.repoURL)}/blob/${env.argocd.targetRevision}/${RUNBOOKS_PATH}#${runbookAnchor(alert)}`;
}
