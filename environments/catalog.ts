// The names an environment file must define. Adding a workload here (and to the three
// environment files) is how a component gets its sizing; schema.json is generated from this.
export const WORKLOADS = {
  argocd: ['controller', 'server', 'repoServer', 'applicationSet', 'redis', 'notifications'],
  vault: ['server', 'injector', 'agent', 'configJob', 'snapshot'],
  vaultSecretsOperator: ['controller', 'metricsProxy'],
  cnpg: ['operator'],
  postgres: ['airflowDb', 'catalogDb'],
  objectStore: ['minio', 'provisioner'],
  icebergCatalog: ['polaris'],
  sparkOperator: ['controller', 'webhook'],
  airflow: ['scheduler', 'apiServer', 'dagProcessor', 'triggerer', 'workers', 'statsd', 'pgbouncer', 'gitSync', 'jobs'],
  datahub: ['gms', 'frontend', 'actions', 'systemUpdate', 'ingestion', 'opensearch', 'kafka', 'mysql', 'prerequisitesInit'],
  monitoring: ['prometheus', 'alertmanager', 'grafana', 'operator', 'kubeStateMetrics', 'nodeExporter', 'sidecar', 'pushgateway'],
} as const;

export const STORAGE_KEYS = [
  'minio', 'vault', 'airflowDb', 'catalogDb', 'prometheus', 'alertmanager', 'grafana', 'opensearch', 'kafka', 'mysql',
] as const;

export const VERSION_COMPONENTS = [
  'argocd', 'vault', 'vaultSecretsOperator', 'cnpg', 'objectStore', 'icebergCatalog', 'sparkOperator',
  'airflow', 'datahub', 'monitoring', 'pipelines', 'tools',
] as const;

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type EnvName = (typeof ENVIRONMENTS)[number];
