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
  readonly awskms?: { readonly region: string; readonly kmsKeyId: string };
  readonly transit?: { readonly address: string; readonly mountPath: string; readonly keyName: string };
}

export interface OffClusterBackups {
  readonly endpointURL: string;
  readonly bucket: string;
}

export interface Environment {
  readonly name: EnvName;
  readonly argocd: {
    readonly destination: { readonly name?: string; readonly server?: string };
    readonly repoURL: string;
    readonly targetRevision: string;
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
  readonly monitoring: { readonly retention: string };
  /** The cluster under the environment: DaemonSets run one pod per node; zones > 1 spread HA components. */
  readonly cluster: { readonly nodes: number; readonly zones: number };
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
