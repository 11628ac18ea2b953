// What the Vault rules compare: the rendered Vault configuration (the `vault-configuration`
// ConfigMap's configuration.json) against every place that logs in to Vault: pods with injector
// annotations (our workloads, SparkApplication driver/executor, pods of upstream charts) and Vault
// Secrets Operator VaultStaticSecrets through their VaultAuth.
import { podSpecsOf } from '../../pod-specs';
import type { ChartValues, K8sObject, RenderedDocument, RenderedEnvironment } from '../../types';
import { chartVaultPods, vaultAnnotationMaps } from './chart-pods';

export const ANNOTATION = 'vault.hashicorp.com/';
export const CONFIGURATION_LABEL = 'gridata.io/vault-configuration';
export const CONFIGURATION_KEY = 'configuration.json';

export interface ConfiguredRole {
  readonly name: string;
  readonly serviceAccount: string;
  readonly namespace: string;
  readonly audience: string;
  readonly policies: readonly string[];
  readonly declared: readonly { path: string; capabilities: readonly string[]; via: string; owner: string }[];
}

export interface ConfiguredPolicy {
  readonly name: string;
  readonly rules: readonly { path: string; capabilities: readonly string[] }[];
}

export interface RenderedVaultConfiguration {
  readonly document: RenderedDocument;
  readonly authMount: string;
  readonly roles: readonly ConfiguredRole[];
  readonly policies: readonly ConfiguredPolicy[];
}

export interface VaultSite {
  readonly document: RenderedDocument;
  /** Readable location for messages, e.g. `spec.template` or `values.workers.podAnnotations`. */
  readonly where: string;
  readonly via: 'agent' | 'synced';
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly role: string | undefined;
  /** Vault API paths the site reads, e.g. kv/data/prod/object-store/root. */
  readonly paths: readonly string[];
  readonly terminates: boolean;
  readonly prePopulateOnly: boolean;
  /** Audience of the token it logs in with; undefined when it cannot be seen in the rendered output. */
  readonly audience: string | undefined;
  /** Why the audience is unknown or wrong, when it can be told. */
  readonly audienceProblem?: string;
}

export function vaultConfigurations(rendered: RenderedEnvironment): RenderedVaultConfiguration[] {
  return rendered.documents
    .filter((d) => d.object.kind === 'ConfigMap' && d.object.metadata.labels?.[CONFIGURATION_LABEL] === 'true')
    .map((document) => {
      const parsed = JSON.parse(document.object.data?.[CONFIGURATION_KEY] ?? '{}');
      return { document, authMount: parsed.authMount ?? 'kubernetes', roles: parsed.roles ?? [], policies: parsed.policies ?? [] };
    });
}

/** Vault policy path matching: a trailing `*` matches any suffix, `+` matches one segment. */
export function policyPathMatches(pattern: string, path: string): boolean {
  const glob = pattern.endsWith('*');
  const patternSegments = (glob ? pattern.slice(0, -1) : pattern).split('/');
  const pathSegments = path.split('/');
  for (let i = 0; i < patternSegments.length; i++) {
    const p = patternSegments[i]!;
    const s = pathSegments[i];
    if (s === undefined) return false;
    const last = i === patternSegments.length - 1;
    if (p === '+') continue;
    if (last && glob) return s.startsWith(p);
    if (p !== s) return false;
  }
  return glob || patternSegments.length === pathSegments.length;
}

/** Whether the role's policies grant `capability` on `path`. */
export function roleGrants(config: RenderedVaultConfiguration, role: ConfiguredRole, path: string, capability: string): boolean {
  return role.policies.some((name) =>
    config.policies.find((p) => p.name === name)?.rules.some((r) => r.capabilities.includes(capability) && policyPathMatches(r.path, path)),
  );
}

const TERMINATING_KINDS = ['Job', 'CronJob'];

export function vaultSites(rendered: RenderedEnvironment): VaultSite[] {
  const sites: VaultSite[] = [];
  for (const document of rendered.documents) {
    const object = document.object;
    for (const pod of podSpecsOf(object)) {
      const annotations = pod.metadata.annotations ?? {};
      if (!injects(annotations)) continue;
      const terminates = TERMINATING_KINDS.includes(object.kind) || (object.kind === 'Pod' && (pod.spec.restartPolicy ?? 'Always') !== 'Always');
      sites.push(agentSite(document, pod.path.replace(/\.spec$/, ''), object.metadata.namespace ?? 'default', pod.spec.serviceAccountName ?? 'default', annotations, terminates, pod.spec.volumes));
    }
    if (object.kind === 'SparkApplication') {
      const driverSa = object.spec?.driver?.serviceAccount ?? 'default';
      for (const role of ['driver', 'executor'] as const) {
        const annotations = object.spec?.[role]?.annotations ?? {};
        if (!injects(annotations)) continue;
        // Spark falls back to the driver's ServiceAccount for executors.
        const sa = object.spec?.[role]?.serviceAccount ?? driverSa;
        sites.push(agentSite(document, `spec.${role}`, object.metadata.namespace ?? 'default', sa, annotations, true, object.spec?.volumes));
      }
    }
  }
  sites.push(...vsoSites(rendered));
  // A hydrated chart's pods are rendered objects (found above); its values still describe pods that
  // are not objects of their own (e.g. Airflow's KubernetesExecutor workers, a pod template file).
  const rendered_ = new Set(sites.map(siteIdentity));
  for (const chart of rendered.charts) sites.push(...chartSites(chart).filter((s) => !rendered_.has(siteIdentity(s))));
  return sites;
}

/** Pods that authenticate as the same Vault role from the same ServiceAccount are one site. */
function siteIdentity(site: VaultSite): string {
  return `${site.via}/${site.namespace}/${site.serviceAccount}/${site.role ?? ''}`;
}

function injects(annotations: Record<string, string>): boolean {
  return annotations[`${ANNOTATION}agent-inject`] === 'true';
}

function agentSite(
  document: RenderedDocument,
  where: string,
  namespace: string,
  serviceAccount: string,
  annotations: Record<string, string>,
  terminates: boolean,
  volumes: readonly any[] | undefined,
): VaultSite {
  const paths = Object.entries(annotations)
    .filter(([key]) => key.startsWith(`${ANNOTATION}agent-inject-secret-`))
    .map(([, value]) => value)
    .sort();
  const tokenVolume = annotations[`${ANNOTATION}agent-service-account-token-volume-name`];
  let audience: string | undefined;
  let audienceProblem: string | undefined;
  if (!tokenVolume) {
    audienceProblem = `logs in with the pod's default ServiceAccount token (audience of the API server); set ${ANNOTATION}agent-service-account-token-volume-name to a projected token volume`;
  } else if (volumes) {
    const volume = volumes.find((v) => v?.name === tokenVolume);
    const token = volume?.projected?.sources?.find((s: any) => s.serviceAccountToken)?.serviceAccountToken;
    if (!token) audienceProblem = `names token volume ${tokenVolume}, but the pod has no projected serviceAccountToken volume of that name`;
    else audience = token.audience;
  }
  return {
    document,
    where,
    via: 'agent',
    namespace,
    serviceAccount,
    role: annotations[`${ANNOTATION}role`],
    paths,
    terminates,
    prePopulateOnly: annotations[`${ANNOTATION}agent-pre-populate-only`] === 'true',
    audience,
    audienceProblem,
  };
}

function vsoSites(rendered: RenderedEnvironment): VaultSite[] {
  const auths = rendered.documents.filter((d) => d.object.kind === 'VaultAuth' && d.object.apiVersion.startsWith('secrets.hashicorp.com/'));
  const sites: VaultSite[] = [];
  for (const document of rendered.documents) {
    const object: K8sObject = document.object;
    if (object.kind !== 'VaultStaticSecret' || !object.apiVersion.startsWith('secrets.hashicorp.com/')) continue;
    const namespace = object.metadata.namespace ?? 'default';
    const ref: string = object.spec?.vaultAuthRef ?? '';
    const [authNs, authName] = ref.includes('/') ? ref.split('/') : [namespace, ref];
    const auth = auths.find((a) => a.object.metadata.name === authName && (a.object.metadata.namespace ?? 'default') === authNs)?.object;
    const mount = object.spec?.mount ?? 'kv';
    const path = object.spec?.type === 'kv-v2' ? `${mount}/data/${object.spec?.path}` : `${mount}/${object.spec?.path}`;
    sites.push({
      document,
      where: 'spec',
      via: 'synced',
      namespace: authNs ?? namespace,
      serviceAccount: auth?.spec?.kubernetes?.serviceAccount ?? 'default',
      role: auth?.spec?.kubernetes?.role,
      paths: [path],
      terminates: false,
      prePopulateOnly: false,
      audience: auth ? auth.spec?.kubernetes?.audiences?.[0] : undefined,
      audienceProblem: auth ? (auth.spec?.kubernetes?.audiences?.length ? undefined : 'its VaultAuth requests no token audience') : undefined,
    });
  }
  return sites;
}

function chartSites(chart: ChartValues): VaultSite[] {
  const pods = chartVaultPods(chart);
  const sites = pods
    .filter((p) => injects(p.annotations as Record<string, string>))
    .map((p) => agentSite(chart.application, `values.${p.where}`, p.namespace, p.serviceAccount, { ...p.annotations }, p.terminates, p.volumes));
  return sites;
}

/** Vault annotation maps in chart values that no registered extractor accounts for. */
export function unexplainedChartAnnotations(chart: ChartValues): string[] {
  const known = new Set(chartVaultPods(chart).map((p) => p.where));
  return vaultAnnotationMaps(chart.values).filter((where) => !known.has(where));
}

/** A VaultStaticSecret whose VaultAuth is not rendered has no role to check. */
export function vsoAuthMissing(site: VaultSite): boolean {
  return site.via === 'synced' && site.role === undefined;
}
