// Post-render steps for the datahub-prerequisites chart (0.3.0), for what its subcharts have no
// value for:
// - the OpenSearch chart (2.19.0) templates its `configfile` init container without any
//   securityContext (securityContext applies to the main container only), so it would keep its
//   capabilities and privilege escalation: it gets the restricted one here, read-only root as it
//   only copies opensearch.yml into its emptyDir;
// - Bitnami MySQL (9.4.9) puts automountServiceAccountToken on its ServiceAccount only: the pod
//   states the same (false) where PSS-003 reads it.
import { restrictedContainerSecurityContext } from '../shared/pod-security';
import { podSpecOf, podTokenFromServiceAccount } from '../shared/service-account-token';

type Json = Record<string, any>;

/** OpenSearch's image user (uid and gid 1000), as the chart's pod securityContext gives it. */
export const OPENSEARCH_UID = 1000;
export const OPENSEARCH_CONFIG_INIT = 'configfile';

function restrictOpenSearchConfigInit(objects: Json[]): Json[] {
  for (const o of objects) {
    if (o.kind !== 'StatefulSet') continue;
    for (const init of podSpecOf(o)?.initContainers ?? []) {
      if (init.name !== OPENSEARCH_CONFIG_INIT || init.securityContext) continue;
      init.securityContext = { ...restrictedContainerSecurityContext(), runAsUser: OPENSEARCH_UID, runAsGroup: OPENSEARCH_UID };
    }
  }
  return objects;
}

export function prerequisitesPostRender(objects: Json[]): Json[] {
  return podTokenFromServiceAccount(restrictOpenSearchConfigInit(objects));
}
