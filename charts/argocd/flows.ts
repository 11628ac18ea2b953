// Flows of Argo CD: the server, controllers and repo-server use redis and the repo-server; every
// component but redis calls the API server; the repo-server and the ApplicationSet controller fetch
// from the Git host; users reach the server through the ingress controller.
import type { Environment } from '../../environments/types';
import { external, fromIngress, tcp, toKubeApiServer, workload, type Flow, type WorkloadEndpoint } from '../shared/flows';
import { scrapedBy } from '../monitoring/flows';
import { ARGOCD_NAMESPACE } from './constants';

const C = 'argocd';
const pods = (name: string) => workload(C, ARGOCD_NAMESPACE, name, { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': 'argocd' });
export const argocdServer = () => pods('argocd-server');
export const argocdRepoServer = () => pods('argocd-repo-server');
export const argocdController = () => pods('argocd-application-controller');
export const argocdApplicationSet = () => pods('argocd-applicationset-controller');
export const argocdNotifications = () => pods('argocd-notifications-controller');
export const argocdRedis = () => pods('argocd-redis');

export const PORTS = { server: 8080, serverMetrics: 8083, repoServer: 8081, repoServerMetrics: 8084, controllerMetrics: 8082, applicationSetMetrics: 8080, notificationsMetrics: 9001, redis: 6379 };

export function argocdFlows(env: Environment): Flow[] {
  const gitHost = external('git-host', env.network.gitHost);
  const gitPort = env.argocd.repoURL.startsWith('https://') ? 443 : 22;
  const repoClients: WorkloadEndpoint[] = [argocdServer(), argocdController(), argocdApplicationSet(), argocdNotifications()];
  return [
    ...repoClients.map((w) => tcp(w, argocdRepoServer(), PORTS.repoServer, `${w.name} asks the repo-server for rendered manifests`)),
    ...[argocdServer(), argocdController(), argocdRepoServer()].map((w) => tcp(w, argocdRedis(), PORTS.redis, `${w.name} uses the redis cache`)),
    ...[argocdServer(), argocdController(), argocdApplicationSet(), argocdNotifications(), argocdRepoServer()].map((w) =>
      toKubeApiServer(env, w, `${w.name} reads and writes Argo CD's objects`),
    ),
    tcp(argocdRepoServer(), gitHost, gitPort, 'The repo-server fetches the repository'),
    tcp(argocdApplicationSet(), gitHost, gitPort, 'The ApplicationSet Git generators read the repository'),
    ...scrapedBy(env, argocdServer(), PORTS.serverMetrics, 'the Argo CD server'),
    ...scrapedBy(env, argocdRepoServer(), PORTS.repoServerMetrics, 'the repo-server'),
    ...scrapedBy(env, argocdController(), PORTS.controllerMetrics, 'the application controller'),
    ...scrapedBy(env, argocdApplicationSet(), PORTS.applicationSetMetrics, 'the ApplicationSet controller'),
    ...scrapedBy(env, argocdNotifications(), PORTS.notificationsMetrics, 'the notifications controller'),
    ...fromIngress(env, argocdServer(), PORTS.server, 'the Argo CD UI and API'),
  ];
}
