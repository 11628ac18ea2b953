// Names shared by the Argo CD component's files.

export const ARGOCD_NAMESPACE = 'argocd';
export const ARGOCD_RELEASE = 'argocd';
export const ARGO_HELM_REPO = 'https://argoproj.github.io/argo-helm';

/** The repository credential VSO syncs from Vault (keys: type, url, username, password). */
export const REPOSITORY_SECRET = 'gridata-repository';
export const REPOSITORY_SECRET_LABEL = { 'argocd.argoproj.io/secret-type': 'repository' };
