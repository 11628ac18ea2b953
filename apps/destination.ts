import type { Environment } from '../environments/types';

export const ARGOCD_NAMESPACE = 'argocd';

/** The environment's cluster, by name or by API server URL, exactly as the file gives it. */
export function destinationOf(env: Environment): { name?: string; server?: string } {
  return env.argocd.destination.server ? { server: env.argocd.destination.server } : { name: env.argocd.destination.name };
}

export function distPath(env: Environment, folder: string): string {
  return `dist/${env.name}/${folder}`;
}
