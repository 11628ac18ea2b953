// The catalog bootstrap Job (Argo CD PostSync hook): provision_catalog.py creates the `gridata`
// catalog, one principal per service with least-privilege grants, and stores each principal's
// credentials in Vault once. Its inputs are a reviewable ConfigMap (script + configuration).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Construct } from 'constructs';
import { KubeConfigMap, KubeJob, KubeServiceAccount, Quantity } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import {
  ICEBERG_CATALOG_NAME,
  ICEBERG_CATALOG_NAMESPACE,
  ICEBERG_CATALOG_PORT,
  ICEBERG_CATALOG_SERVICE,
  ICEBERG_WAREHOUSE,
  S3_ENDPOINT,
  icebergPrincipalPath,
  s3Region,
} from '../shared/endpoints';
import { imageRef, pinnedImage } from '../shared/images';
import { LABEL, selectorLabels } from '../shared/labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../shared/pod-security';
import { containerResources } from '../shared/resources';
import {
  VAULT_KV_MOUNT,
  VAULT_SERVICE_ADDRESS,
  VAULT_TOKEN_FILE,
  VAULT_TOKEN_VOLUME,
  vaultPath,
  vaultRoleName,
  vaultTokenVolume,
  type VaultClient,
} from '../shared/vault-secrets';
import { POLARIS_REALM } from './values';
import { POST_SYNC_HOOK_ANNOTATIONS } from '../shared/argocd-hooks';

export const PROVISIONER_SERVICE_ACCOUNT = 'polaris-provisioner';
export const PROVISIONER_SUBJECT = { name: 'polaris', component: 'provisioner' };
const SCRIPT = readFileSync(join(__dirname, 'provision_catalog.py'), 'utf8');
const CONFIG_DIR = '/config';
const TOKEN_DIR = '/var/run/secrets/vault';

export type CatalogPrincipal = 'spark' | 'airflow' | 'datahub';

/** Least privilege per service: Spark writes tables; Airflow and DataHub only read metadata. */
export const PRINCIPAL_PRIVILEGES: Readonly<Record<CatalogPrincipal, readonly string[]>> = {
  spark: ['CATALOG_MANAGE_CONTENT'],
  airflow: ['CATALOG_READ_PROPERTIES', 'NAMESPACE_LIST', 'NAMESPACE_READ_PROPERTIES', 'TABLE_LIST', 'TABLE_READ_PROPERTIES'],
  datahub: ['CATALOG_READ_PROPERTIES', 'NAMESPACE_LIST', 'NAMESPACE_READ_PROPERTIES', 'TABLE_LIST', 'TABLE_READ_PROPERTIES', 'VIEW_LIST'],
};

export const rootPrincipalPath = (env: Pick<Environment, 'name'>) => vaultPath(env, 'iceberg-catalog', 'root-principal');

export function catalogPrincipals(env: Environment): CatalogPrincipal[] {
  return (Object.keys(PRINCIPAL_PRIVILEGES) as CatalogPrincipal[]).filter((p) => p !== 'datahub' || env.features.datahub).sort();
}

export function provisionerAccess(env: Environment): VaultClient {
  return {
    kind: 'client',
    identity: { namespace: ICEBERG_CATALOG_NAMESPACE, serviceAccount: PROVISIONER_SERVICE_ACCOUNT },
    purpose: 'reads the root principal and writes each service principal\'s credentials only when absent (check-and-set 0)',
    paths: [
      { path: rootPrincipalPath(env), capabilities: ['read'] },
      ...catalogPrincipals(env).map((p) => ({ path: icebergPrincipalPath(env, p), capabilities: ['read', 'create'] as const })),
    ],
  };
}

export function catalogConfiguration(env: Environment): Record<string, unknown> {
  return {
    polarisUri: `http://${ICEBERG_CATALOG_SERVICE}.${ICEBERG_CATALOG_NAMESPACE}.svc:${ICEBERG_CATALOG_PORT}`,
    realm: POLARIS_REALM,
    catalog: ICEBERG_CATALOG_NAME,
    warehouse: ICEBERG_WAREHOUSE,
    s3Endpoint: S3_ENDPOINT,
    region: s3Region(env),
    kvMount: VAULT_KV_MOUNT,
    vaultRole: vaultRoleName({ namespace: ICEBERG_CATALOG_NAMESPACE, serviceAccount: PROVISIONER_SERVICE_ACCOUNT }),
    rootPrincipalPath: rootPrincipalPath(env),
    principals: Object.fromEntries(
      catalogPrincipals(env).map((p) => [p, { vaultPath: icebergPrincipalPath(env, p), privileges: [...PRINCIPAL_PRIVILEGES[p]] }]),
    ),
  };
}

export function renderCatalogProvisioning(scope: Construct, env: Environment): void {
  const labels = { [LABEL.name]: PROVISIONER_SUBJECT.name, [LABEL.component]: PROVISIONER_SUBJECT.component };
  const podLabels = selectorLabels(env.name, PROVISIONER_SUBJECT);
  new KubeServiceAccount(scope, 'provisioner-sa', {
    metadata: { name: PROVISIONER_SERVICE_ACCOUNT, namespace: ICEBERG_CATALOG_NAMESPACE, labels },
    automountServiceAccountToken: false,
  });
  new KubeConfigMap(scope, 'provisioner-config', {
    metadata: { name: 'polaris-provisioning', namespace: ICEBERG_CATALOG_NAMESPACE, labels },
    data: { 'provision_catalog.py': SCRIPT, 'catalog.json': JSON.stringify(catalogConfiguration(env), null, 2) + '\n' },
  });
  new KubeJob(scope, 'provisioner-job', {
    metadata: {
      name: 'polaris-provisioning',
      namespace: ICEBERG_CATALOG_NAMESPACE,
      labels,
      annotations: { ...POST_SYNC_HOOK_ANNOTATIONS },
    },
    spec: {
      backoffLimit: 6,
      activeDeadlineSeconds: 900,
      template: {
        metadata: { labels: podLabels },
        spec: {
          serviceAccountName: PROVISIONER_SERVICE_ACCOUNT,
          automountServiceAccountToken: false,
          restartPolicy: 'Never',
          securityContext: restrictedPodSecurityContext(),
          containers: [
            {
              name: 'provision',
              image: imageRef(pinnedImage(env, 'icebergCatalog', 'provisioner')),
              // Always: a pod only starts with an image its pull credentials can still fetch (registry check is a cheap manifest HEAD).
              imagePullPolicy: 'Always',
              command: ['python3', `${CONFIG_DIR}/provision_catalog.py`],
              env: [
                { name: 'CATALOG_CONFIG', value: `${CONFIG_DIR}/catalog.json` },
                { name: 'VAULT_ADDR', value: VAULT_SERVICE_ADDRESS },
                { name: 'VAULT_TOKEN_FILE', value: `${TOKEN_DIR}/${VAULT_TOKEN_FILE}` },
                { name: 'PYTHONDONTWRITEBYTECODE', value: '1' },
              ],
              resources: containerResources(env.sizing.objectStore.provisioner),
              securityContext: restrictedContainerSecurityContext(),
              volumeMounts: [
                { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
                { name: VAULT_TOKEN_VOLUME, mountPath: TOKEN_DIR, readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'config', configMap: { name: 'polaris-provisioning' } },
            vaultTokenVolume(),
            { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: Quantity.fromString('8Mi') } },
          ],
        },
      },
    },
  });
}
