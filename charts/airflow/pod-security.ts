// Pod Security `restricted` (enforced on the airflow namespace) for every pod the Airflow chart
// renders, through the chart's `securityContexts` values. The chart's fallbacks only set runAsUser
// (pods) and the capability drop (containers), which restricted refuses.
//
// The pod level carries runAsNonRoot and the RuntimeDefault seccomp profile so that containers the
// chart does not template also inherit them: the Vault agent the injector adds (vault-k8s sets
// uid/gid, runAsNonRoot, allowPrivilegeEscalation false and drops ALL on it, but no seccomp profile).
import type { PodSecurityContext, SecurityContext } from 'cdk8s-plus-28/lib/imports/k8s';
import { restrictedContainerSecurityContext } from '../shared/pod-security';

/** The official Airflow image's user; its files belong to group 0 (the image's documented contract). */
export const AIRFLOW_UID = 50000;
export const AIRFLOW_GID = 0;
/** The chart's defaults for the images it runs besides Airflow (statsd-exporter's nobody, git-sync's user). */
export const STATSD_UID = 65534;
export const GIT_SYNC_UID = 65533;

export function airflowPodSecurityContext(uid: number, gid: number): PodSecurityContext {
  return { runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, fsGroup: gid, seccompProfile: { type: 'RuntimeDefault' } };
}

/**
 * Container level for Airflow, git-sync and statsd alike. The Airflow and git-sync images write to
 * their root filesystem (Airflow under $AIRFLOW_HOME and /tmp, git-sync adds its user to
 * /etc/passwd), so only statsd runs read-only.
 */
export function airflowContainerSecurityContext(opts: { readOnlyRootFilesystem: boolean }): SecurityContext {
  return restrictedContainerSecurityContext(opts);
}

/** The chart values that put every pod and container the chart renders under restricted. */
export function airflowSecurityValues() {
  return {
    // Every Airflow pod (scheduler, API server, DAG processor, triggerer, jobs, cleanup, task pods) and
    // every container the chart templates with "containerSecurityContext" (main, wait-for-migrations,
    // log groomer) fall back to these when their own block is empty.
    securityContexts: {
      pod: airflowPodSecurityContext(AIRFLOW_UID, AIRFLOW_GID),
      containers: airflowContainerSecurityContext({ readOnlyRootFilesystem: false }),
    },
    // statsd and git-sync read only their own block (never the global one).
    statsd: {
      securityContexts: {
        pod: airflowPodSecurityContext(STATSD_UID, STATSD_UID),
        container: airflowContainerSecurityContext({ readOnlyRootFilesystem: true }),
      },
    },
    gitSync: {
      securityContexts: { container: { ...airflowContainerSecurityContext({ readOnlyRootFilesystem: false }), runAsUser: GIT_SYNC_UID } },
    },
    // The log groomer is the image's `clean-logs` bash loop: find/rm on the logs volume and sleep,
    // nothing written to the image filesystem, so it runs read-only.
    logGroomer: { securityContexts: { container: airflowContainerSecurityContext({ readOnlyRootFilesystem: true }) } },
  };
}
