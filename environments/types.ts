// The typed shape of an environment file (environments/<env>.yaml), checked by schema.json.
import type { EnvName, WORKLOADS, STORAGE_KEYS, VERSION_COMPONENTS } from './catalog';

export interface ResourceList {
  readonly cpu: string;
  readonly memory: string;
}

export interface Resources {
  readonly requests: ResourceList;
  readonly limits: ResourceList;
}

export interface Workload {
  /** Absent for pod templates without a replica count (task pods, sidecars, jobs, daemonsets). */
  readonly replicas?: number;
  readonly resources: Resources;
}

export interface ImagePin {
  readonly repository: string;
  readonly tag: string;
  readonly digest?: string;
}

export interface VersionEntry {
  readonly chart?: string;
  readonly prerequisitesChart?: string;
  readonly images?: Readonly<Record<string, ImagePin>>;
  /** Rollout revision of the component's shared code (charts/shared/revision.ts); absent = 0. Promoted like a pin. */
  readonly revision?: number;
}

export type Sizing = {
  readonly [C in keyof typeof WORKLOADS]: { readonly [W in (typeof WORKLOADS)[C][number]]: Workload };
};

export interface SparkPod {
  readonly cores: number;
  readonly coreLimit: string;
  readonly memory: string;
}

export interface AutoUnseal {
  readonly awskms?: {
    readonly region: string;
    readonly kmsKeyId: string;
    /** IAM role the server's ServiceAccount assumes (EKS IRSA annotation eks.amazonaws.com/role-arn); optional. */
    readonly serviceAccountRoleArn?: string;
  };
  readonly transit?: { readonly address: string; readonly mountPath: string; readonly keyName: string };
}

export interface OffClusterBackups {
  readonly endpointURL: string;
  readonly bucket: string;
}

/** An Argo CD sync window of the environment's AppProjects (spec.syncWindows). */
export interface SyncWindow {
  /** allow: automated syncs only while the window is open; deny: none while it is open. */
  readonly kind: 'allow' | 'deny';
  /** Cron schedule (5 fields) at which the window opens. */
  readonly schedule: string;
  /** How long it stays open, e.g. 9h or 30m. */
  readonly duration: string;
  /** IANA time zone of the schedule, e.g. UTC or Europe/Berlin. */
  readonly timeZone: string;
  /** True: a person may still sync by hand when the window blocks automated syncs. */
  readonly manualSync: boolean;
  readonly description?: string;
}

export type AlertReceiverKind = 'slack' | 'webhook' | 'email' | 'pagerduty';

/**
 * An Alertmanager receiver. Only its name, kind and non-secret addressing live here: its URL,
 * routing key or password is a key of the Vault secret monitoring.alerting.vaultSecret.
 */
export interface AlertReceiver {
  readonly name: string;
  readonly kind: AlertReceiverKind;
  /** slack: the channel. */
  readonly channel?: string;
  /** email: recipient, sender, SMTP host:port and login name. */
  readonly to?: string;
  readonly from?: string;
  readonly smarthost?: string;
  readonly authUsername?: string;
}

export interface Alerting {
  /** Name of the Vault secret under <env>/monitoring/ that holds every receiver's credentials. */
  readonly vaultSecret: string;
  readonly receivers: readonly AlertReceiver[];
  readonly routes: {
    /** Receivers of severity=critical alerts, in order (each one gets every alert). */
    readonly critical: readonly string[];
    readonly warning: readonly string[];
    /** The dead man's switch: receives the always-firing Watchdog alert. */
    readonly heartbeat: string;
  };
}

/** Addresses outside the pod network that platform workloads talk to (NetworkPolicy ipBlocks). */
export interface ExternalEndpoint {
  /** IPv4 CIDRs, e.g. 10.0.0.0/24 or 140.82.112.3/32. */
  readonly cidrs: readonly string[];
}

/**
 * The environment's network: where the external endpoints of the flow model are (charts/shared/flows.ts).
 * Ports are the components' business (they know their protocols), except the API server's.
 */
export interface Network {
  /** The kube-apiserver endpoints (`kubectl get endpoints kubernetes`) and their port. */
  readonly kubeApiServer: ExternalEndpoint & { readonly port: number };
  /** Node addresses: host-network targets (kubelet, node-exporter) and the API server's webhook calls where it runs on nodes. */
  readonly nodes: ExternalEndpoint;
  /** The Git host of argocd.repoURL (Argo CD, Airflow git-sync). */
  readonly gitHost: ExternalEndpoint;
  /** Cloud KMS (Vault auto-unseal), STS and the instance metadata service; required with vault.autoUnseal.awskms. */
  readonly kms?: ExternalEndpoint;
  readonly sts?: ExternalEndpoint;
  readonly instanceMetadata?: ExternalEndpoint;
  /** The off-cluster backup store (postgres.offClusterBackups); required when it is set. */
  readonly backupTarget?: ExternalEndpoint;
  /** SMTP relays of the e-mail receivers; required when one is configured. */
  readonly smtp?: ExternalEndpoint;
  /** Chat, pager and heartbeat webhook endpoints (HTTPS); required when such a receiver is configured. */
  readonly alertWebhooks?: ExternalEndpoint;
  /** The cluster's ingress controller pods (they reach the UIs); optional. */
  readonly ingressController?: { readonly namespace: string; readonly podLabels: Readonly<Record<string, string>> };
}

export interface Environment {
  readonly name: EnvName;
  readonly argocd: {
    readonly destination: { readonly name?: string; readonly server?: string };
    readonly repoURL: string;
    readonly targetRevision: string;
    /** Sync windows of every AppProject but the bootstrap one; empty: always open. */
    readonly syncWindows: readonly SyncWindow[];
  };
  readonly domain: string;
  readonly features: {
    readonly datahub: boolean;
    readonly monitoring: boolean;
    readonly pgbouncer: boolean;
    readonly postgresBackups: boolean;
  };
  readonly vault: { readonly ha: boolean; readonly autoUnseal: AutoUnseal | null };
  readonly objectStore: { readonly region: string };
  readonly monitoring: { readonly retention: string; readonly alerting: Alerting };
  /** The cluster under the environment: DaemonSets run one pod per node; zones > 1 spread HA components. */
  readonly cluster: { readonly kubernetesVersion: string; readonly nodes: number; readonly zones: number };
  readonly network: Network;
  /** Airflow `[core] parallelism`: task instances each scheduler runs at once. */
  readonly airflow: { readonly parallelism: number };
  readonly postgres: { readonly offClusterBackups: OffClusterBackups | null };
  readonly pipelines: {
    readonly spark: {
      readonly driver: SparkPod;
      readonly executor: SparkPod & { readonly instances: number };
      readonly dynamicAllocation: { readonly minExecutors: number; readonly maxExecutors: number };
      /** Slots of the Airflow `spark_jobs` pool; the spark-jobs quota admits this many applications. */
      readonly concurrentApplications: number;
    };
  };
  readonly sizing: Sizing;
  readonly storage: { readonly [K in (typeof STORAGE_KEYS)[number]]: string };
  readonly versions: { readonly [K in (typeof VERSION_COMPONENTS)[number]]: VersionEntry };
}
