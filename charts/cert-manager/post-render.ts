// Post-render steps for the cert-manager chart (no value reaches these fields):
// - the pods state their ServiceAccounts' automountServiceAccountToken (all three call the API server);
// - the challenges controller's ClusterRole loses the HTTP-01 solver's write rights. Our issuers answer
//   DNS-01 only (issuers.ts), so cert-manager never creates solver pods, Services, Ingresses or
//   HTTPRoutes; the chart grants create/delete on pods and Services in every namespace, which would make
//   cert-manager a pod creator beside Airflow's metadata (decision 0040). Reads stay: the challenges
//   controller starts informers on those kinds whatever the solver.
import { podTokenFromServiceAccount } from '../shared/service-account-token';

type Json = Record<string, any>;

export const CHALLENGES_CLUSTER_ROLE = 'cert-manager-controller-challenges';
const SOLVER_KINDS = new Set(['pods', 'services', 'ingresses', 'httproutes']);
const READ = ['get', 'list', 'watch'];

export function withoutHttp01SolverWrites(objects: Json[]): Json[] {
  for (const o of objects) {
    if (o.kind !== 'ClusterRole' || o.metadata?.name !== CHALLENGES_CLUSTER_ROLE) continue;
    o.rules = (o.rules as Json[])
      // routes/custom-host create: the OpenShift Route form of the HTTP-01 solver; nothing to read.
      .filter((r) => !(r.resources as string[]).includes('routes/custom-host'))
      .map((r) => ((r.resources as string[]).every((res) => SOLVER_KINDS.has(res)) ? { ...r, verbs: (r.verbs as string[]).filter((v) => READ.includes(v)) } : r));
  }
  return objects;
}

export function certManagerPostRender(objects: Json[]): Json[] {
  return withoutHttp01SolverWrites(podTokenFromServiceAccount(objects));
}
