// Names the DataHub components share between chart values, Vault declarations, ingestion jobs,
// NetworkPolicies and policies.

export const DATAHUB_NAMESPACE = 'datahub';
export const DATAHUB_CHART_REPO = 'https://helm.datahubproject.io/';
export const DATAHUB_RELEASE = 'datahub';
export const PREREQUISITES_RELEASE = 'prerequisites';

/** Service names the charts derive from the release names (and OpenSearch's fixed cluster name). */
export const SERVICES = {
  gms: `${DATAHUB_RELEASE}-datahub-gms`,
  mysql: `${PREREQUISITES_RELEASE}-mysql`,
  kafka: `${PREREQUISITES_RELEASE}-kafka`,
  opensearch: 'opensearch-cluster-master',
} as const;

export const PORTS = {
  gms: 8080,
  frontend: 9002,
  /** GMS replicas share their search cache over Hazelcast when there is more than one. */
  hazelcast: 5701,
  /** JMX exporter (jmx) and Spring actuator (Prometheus) metrics ports of GMS. */
  gmsJmxMetrics: 4318,
  gmsActuatorMetrics: 4319,
  mysql: 3306,
  kafka: 9092,
  kafkaController: 9093,
  opensearch: 9200,
  opensearchTransport: 9300,
} as const;

export const GMS_URL = `http://${SERVICES.gms}.${DATAHUB_NAMESPACE}.svc:${PORTS.gms}`;
export const MYSQL_DATABASE = 'datahub';
export const MYSQL_USER = 'datahub';

/** Pod selector labels the DataHub charts put on their pods (app.kubernetes.io/name + instance). */
export const chartPods = (name: string, release = DATAHUB_RELEASE) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': release });
export const GMS_PODS = chartPods('datahub-gms');
export const FRONTEND_PODS = chartPods('datahub-frontend');
export const ACTIONS_PODS = chartPods('acryl-datahub-actions');
export const MYSQL_PODS = chartPods('mysql', PREREQUISITES_RELEASE);
export const KAFKA_PODS = chartPods('kafka', PREREQUISITES_RELEASE);
export const OPENSEARCH_PODS = { 'app.kubernetes.io/name': 'opensearch', 'app.kubernetes.io/instance': PREREQUISITES_RELEASE };

/** ServiceAccounts, named explicitly so Vault roles bind exactly these. */
export const SERVICE_ACCOUNTS = {
  gms: 'datahub-gms',
  frontend: 'datahub-frontend',
  actions: 'datahub-actions',
  systemUpdate: 'datahub-system-update',
  ingestionIceberg: 'datahub-ingestion-iceberg',
  ingestionS3: 'datahub-ingestion-s3',
} as const;

/**
 * Kubernetes Secrets the charts reference by name, synced from Vault by VSO: the charts must never
 * generate one (Argo CD renders the chart on every sync, so generated values would rotate).
 */
export const SYNCED_SECRETS = {
  /** Bitnami MySQL: root, application user and replication passwords. */
  mysql: { secretName: 'datahub-mysql', vaultName: 'mysql', keys: ['mysql-root-password', 'mysql-password', 'mysql-replication-password'] },
  /** Metadata service authentication: system client secret, token signing key and salt. */
  auth: { secretName: 'datahub-auth', vaultName: 'auth', keys: ['system_client_secret', 'token_service_signing_key', 'token_service_salt'] },
  /** Encrypts secrets DataHub stores (ingestion secrets). */
  encryption: { secretName: 'datahub-encryption', vaultName: 'encryption', keys: ['encryption_key_secret'] },
  /** The frontend's Play session secret. */
  frontend: { secretName: 'datahub-frontend', vaultName: 'frontend', keys: ['gms_secret'] },
  /**
   * Kafka: the controller listener's SASL password from Vault, and the KRaft cluster id (not a secret:
   * a fixed value from kafkaClusterId(), added by a VSO template) — the chart would generate both
   * with Helm's random functions on every render.
   */
  kafka: { secretName: 'datahub-kafka', vaultName: 'kafka', keys: ['controller-password'] },
  /** The frontend's user.props (the root `datahub` user's password; the image default is public). */
  frontendUsers: { secretName: 'datahub-frontend-users', vaultName: 'frontend-users', keys: ['user.props'] },
  /** The OIDC client secret of the frontend (sso.clients.datahub). */
  oidc: { secretName: 'datahub-oidc', vaultName: 'oidc', keys: ['clientSecret'] },
} as const;

/** Keys of the Kafka Secret the chart reads (sasl.existingSecret, kraft.existingClusterIdSecret). */
export const KAFKA_SECRET_KEYS = { controllerPassword: 'controller-password', clusterId: 'kraft-cluster-id' } as const;

/** Where the frontend reads its built-in users file. */
export const FRONTEND_USER_PROPS = '/datahub-frontend/conf/user.props';
