// Every pod resolves names through the cluster DNS: the one flow every namespace allows for all of
// its pods (rendered here as allow-dns-egress beside the namespace's default deny).
import type { Environment } from '../../environments/types';
import { tcp, udp, workload, type Flow } from '../shared/flows';
import { PLATFORM_NAMESPACES } from './platform-namespaces';

export const CLUSTER_DNS = workload(undefined, 'kube-system', 'cluster-dns', { 'k8s-app': 'kube-dns' });
export const DNS_PORT = 53;

export function namespacesFlows(_env: Environment): Flow[] {
  return PLATFORM_NAMESPACES.flatMap((ns) => {
    const all = workload('namespaces', ns.name, 'all-pods', {});
    return [
      { ...udp(all, CLUSTER_DNS, DNS_PORT, `Pods in ${ns.name} resolve names (cluster DNS)`), renderedBy: 'namespaces' as const },
      { ...tcp(all, CLUSTER_DNS, DNS_PORT, `Pods in ${ns.name} resolve names over TCP (large answers)`), renderedBy: 'namespaces' as const },
    ];
  });
}
