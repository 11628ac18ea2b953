// Our ingestion CronJobs: one per recipe, each running the pinned acryldata/datahub-ingestion image
// on a recipe ConfigMap. The Vault agent (init container only: the pods must finish) renders
// `export NAME="value"` files that the container sources before `datahub ingest`, which expands the
// recipe's ${NAME} references. Hardened: restricted, read-only root with an emptyDir /tmp, no API token.
import type { Construct } from 'constructs';
import { stringify } from 'yaml';
import { KubeConfigMap, KubeCronJob, KubeServiceAccount, Quantity } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { imageRef, pinnedImage } from '../shared/images';
import { LABEL, selectorLabels } from '../shared/labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../shared/pod-security';
import { containerResources } from '../shared/resources';
import { vaultAgentAnnotations, vaultTokenVolume } from '../shared/vault-secrets';
import { DATAHUB_NAMESPACE, SERVICE_ACCOUNTS } from './constants';
import { RECIPES, recipe, type RecipeId } from './recipes';
import { ingestionAgent, type IngestionIdentity } from './vault-consumers';

export const INGESTION_NAME = 'datahub-ingestion';
/** Label on every recipe ConfigMap; tools/datahub finds the rendered recipes by it. */
export const RECIPE_LABEL = 'gridata.io/datahub-recipe';
export const RECIPE_FILE = 'recipe.yml';
export const RECIPE_DIR = '/etc/datahub/recipe';
export const SECRETS_DIR = '/vault/secrets';
/** The `datahub` user of the ingestion image. */
export const INGESTION_UID = 1000;

export const recipeConfigMapName = (id: RecipeId) => `${INGESTION_NAME}-${id}`;
export const identityOf = (id: RecipeId): IngestionIdentity => (id === 'iceberg' ? 'ingestionIceberg' : 'ingestionS3');

/** Sources every file the agent rendered (all `export` lines), then hands over to the CLI. */
export function ingestionCommand(env: Environment, id: RecipeId): string[] {
  const files = ingestionAgent(env, identityOf(id)).secrets.map((s) => `. ${SECRETS_DIR}/${s.name}`);
  return ['/bin/sh', '-c', ['set -eu', ...files, `exec datahub ingest -c ${RECIPE_DIR}/${RECIPE_FILE}`].join('\n')];
}

function agentAnnotations(env: Environment, id: RecipeId): Record<string, string> {
  const agent = env.sizing.vault.agent.resources;
  return {
    ...vaultAgentAnnotations(ingestionAgent(env, identityOf(id))),
    'vault.hashicorp.com/agent-requests-cpu': agent.requests.cpu,
    'vault.hashicorp.com/agent-requests-mem': agent.requests.memory,
    'vault.hashicorp.com/agent-limits-cpu': agent.limits.cpu,
    'vault.hashicorp.com/agent-limits-mem': agent.limits.memory,
  };
}

export function renderIngestion(scope: Construct, env: Environment): void {
  const labels = (component: string) => ({ [LABEL.name]: INGESTION_NAME, [LABEL.component]: component });
  for (const identity of ['ingestionIceberg', 'ingestionS3'] as const) {
    new KubeServiceAccount(scope, `sa-${identity}`, {
      metadata: { name: SERVICE_ACCOUNTS[identity], namespace: DATAHUB_NAMESPACE, labels: labels('service-account') },
      automountServiceAccountToken: false,
    });
  }
  for (const def of RECIPES) {
    const name = recipeConfigMapName(def.id);
    new KubeConfigMap(scope, `recipe-${def.id}`, {
      metadata: { name, namespace: DATAHUB_NAMESPACE, labels: { ...labels(`recipe-${def.id}`), [RECIPE_LABEL]: def.id } },
      data: { [RECIPE_FILE]: `# ${def.description}\n${stringify(recipe(env, def.id), { lineWidth: 0 })}` },
    });
    const podLabels = selectorLabels(env.name, { name: INGESTION_NAME, component: def.id });
    new KubeCronJob(scope, `cron-${def.id}`, {
      metadata: { name, namespace: DATAHUB_NAMESPACE, labels: labels(def.id), annotations: { 'gridata.io/description': def.description } },
      spec: {
        schedule: def.schedule,
        timeZone: 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 3600,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          metadata: { labels: labels(def.id) },
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: 3600,
            template: {
              metadata: { labels: podLabels, annotations: agentAnnotations(env, def.id) },
              spec: {
                serviceAccountName: SERVICE_ACCOUNTS[identityOf(def.id)],
                automountServiceAccountToken: false,
                restartPolicy: 'Never',
                securityContext: restrictedPodSecurityContext(INGESTION_UID),
                containers: [
                  {
                    name: 'ingest',
                    image: imageRef(pinnedImage(env, 'datahub', 'ingestion')),
                    // Always: a pod only starts with an image its pull credentials can still fetch (registry check is a cheap manifest HEAD).
                    imagePullPolicy: 'Always',
                    command: ingestionCommand(env, def.id),
                    env: [
                      // The CLI keeps its config and caches under $HOME: the root filesystem is read-only.
                      { name: 'HOME', value: '/tmp' },
                      { name: 'DATAHUB_TELEMETRY_ENABLED', value: 'false' },
                      { name: 'PYTHONDONTWRITEBYTECODE', value: '1' },
                    ],
                    resources: containerResources(env.sizing.datahub.ingestion),
                    securityContext: restrictedContainerSecurityContext(),
                    volumeMounts: [
                      { name: 'recipe', mountPath: RECIPE_DIR, readOnly: true },
                      { name: 'tmp', mountPath: '/tmp' },
                    ],
                  },
                ],
                volumes: [
                  { name: 'recipe', configMap: { name } },
                  { name: 'tmp', emptyDir: { sizeLimit: Quantity.fromString('1Gi') } },
                  vaultTokenVolume(),
                ],
              },
            },
          },
        },
      },
    });
  }
}
