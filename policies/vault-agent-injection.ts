// The containers the Vault agent injector (vault-k8s 1.7, the chart's mutating webhook) adds to a pod
// annotated `vault.hashicorp.com/agent-inject: "true"`, modelled from the injector's source
// (agent-inject/agent/{agent,annotations,container_sidecar,container_init_sidecar}.go): what Pod
// Security admission then judges. Only what admission and a dry run look at is modelled: names,
// image, order, securityContext, resources; the injector's volumes (all emptyDir) and env are left out.

const PREFIX = 'vault.hashicorp.com/';

/** The injector's start-up configuration as the vault chart 0.34 sets it (AGENT_INJECT_* env). */
export interface InjectorDefaults {
  /** AGENT_INJECT_SET_SECURITY_CONTEXT: true unless `global.openshift`. */
  readonly setSecurityContext: boolean;
  /** AGENT_INJECT_RUN_AS_USER / _GROUP: unset in the chart, so the injector's own 100 and 1000. */
  readonly runAsUser: string;
  readonly runAsGroup: string;
  /** AGENT_INJECT_RUN_AS_SAME_USER: unset, false. */
  readonly runAsSameUser: boolean;
  /** Fallback image when the pod names none (the chart passes injector.agentImage). */
  readonly image: string;
}

export const INJECTOR_DEFAULTS: InjectorDefaults = { setSecurityContext: true, runAsUser: '100', runAsGroup: '1000', runAsSameUser: false, image: 'hashicorp/vault' };

export const INIT_CONTAINER = 'vault-agent-init';
export const SIDECAR_CONTAINER = 'vault-agent';

export interface Injection {
  /** Names of the containers added, in the order they run. */
  readonly injected: string[];
  /** Why the injector would refuse the pod (its webhook fails closed, so the pod is not created). */
  readonly refusal?: string;
}

/** Go's strconv.ParseBool. */
function parseBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  return undefined;
}

/** Go's strconv.ParseInt(raw, 10, 64) for the values a uid/gid annotation can hold. */
function parseInt64(raw: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(raw) ? Number(raw) : undefined;
}

/**
 * Adds the injected containers to `pod` (a Pod's metadata and spec, mutated in place) as the
 * injector would, and says which; `refusal` when the injector would reject the pod instead.
 */
export function injectVaultAgent(pod: { metadata: any; spec: any }, defaults: InjectorDefaults = INJECTOR_DEFAULTS): Injection {
  const annotations: Record<string, string> = pod.metadata?.annotations ?? {};
  const annotation = (key: string) => annotations[PREFIX + key];
  const raw = annotation('agent-inject');
  if (raw === undefined) return { injected: [] };
  const refuse = (why: string): Injection => ({ injected: [], refusal: `the Vault agent injector refuses the pod: ${why}` });
  const bool = (key: string, fallback: boolean): boolean | string => {
    const value = annotation(key);
    if (value === undefined) return fallback;
    return parseBool(value) ?? `annotation ${PREFIX}${key}=${JSON.stringify(value)} is not a boolean`;
  };

  const inject = parseBool(raw);
  if (inject === undefined) return refuse(`annotation ${PREFIX}agent-inject=${JSON.stringify(raw)} is not a boolean`);
  if (!inject || annotation('agent-inject-status') === 'injected') return { injected: [] };

  const runAsUserSet = annotation('agent-run-as-user') !== undefined;
  const runAsGroupSet = annotation('agent-run-as-group') !== undefined;
  const runAsSameUserSet = annotation('agent-run-as-same-user') !== undefined;
  const explicitSecurityContext = annotation('agent-set-security-context') !== undefined;
  // A uid/gid annotation turns the security context on when the injector's default has it off.
  const securityContextDefault = defaults.setSecurityContext || (!explicitSecurityContext && (runAsUserSet || runAsGroupSet || runAsSameUserSet));

  const settings = {
    prePopulate: bool('agent-pre-populate', true),
    prePopulateOnly: bool('agent-pre-populate-only', false),
    initFirst: bool('agent-init-first', false),
    runAsSameUser: bool('agent-run-as-same-user', defaults.runAsSameUser),
    setSecurityContext: bool('agent-set-security-context', securityContextDefault),
  };
  for (const value of Object.values(settings)) if (typeof value === 'string') return refuse(value);
  const { prePopulate, prePopulateOnly, initFirst, runAsSameUser, setSecurityContext } = settings as Record<keyof typeof settings, boolean>;

  const rawUser = annotation('agent-run-as-user') ?? defaults.runAsUser;
  const rawGroup = annotation('agent-run-as-group') ?? defaults.runAsGroup;
  let uid = parseInt64(rawUser);
  const gid = parseInt64(rawGroup);
  if (uid === undefined) return refuse(`annotation ${PREFIX}agent-run-as-user=${JSON.stringify(rawUser)} is not an integer`);
  if (gid === undefined) return refuse(`annotation ${PREFIX}agent-run-as-group=${JSON.stringify(rawGroup)} is not an integer`);
  if (runAsSameUser) {
    // The injector copies the first container's own runAsUser (never the pod's) and refuses root.
    const first = pod.spec?.containers?.[0];
    if (!first) return refuse('agent-run-as-same-user: no containers found in the pod spec');
    if (!first.securityContext) return refuse('agent-run-as-same-user: no securityContext on container 0');
    if (first.securityContext.runAsUser == null) return refuse("agent-run-as-same-user: runAsUser is nil for container 0's securityContext");
    if (first.securityContext.runAsUser === 0) return refuse('agent-run-as-same-user: container not allowed to run as root');
    uid = first.securityContext.runAsUser as number;
  }

  const securityContext = {
    runAsUser: uid,
    runAsGroup: gid,
    runAsNonRoot: !(uid === 0 || gid === 0),
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    allowPrivilegeEscalation: false,
  };
  const resources = agentResources(annotation);
  const container = (name: string, patchKey: string): any | string => {
    const base: any = { name, image: annotation('agent-image') ?? defaults.image, command: ['/bin/sh', '-ec'] };
    if (Object.keys(resources).length > 0) base.resources = resources;
    if (setSecurityContext) base.securityContext = structuredClone(securityContext);
    const patch = annotation(patchKey);
    if (patch === undefined || patch === '') return base;
    const patched = applyJsonPatch(base, patch);
    return typeof patched === 'string' ? `annotation ${PREFIX}${patchKey}: ${patched}` : patched;
  };

  const injected: string[] = [];
  const spec = pod.spec;
  if (prePopulate) {
    const init = container(INIT_CONTAINER, 'agent-init-json-patch');
    if (typeof init === 'string') return refuse(init);
    spec.initContainers = initFirst ? [init, ...(spec.initContainers ?? [])] : [...(spec.initContainers ?? []), init];
    injected.push(INIT_CONTAINER);
  }
  if (!prePopulateOnly) {
    const sidecar = container(SIDECAR_CONTAINER, 'agent-json-patch');
    if (typeof sidecar === 'string') return refuse(sidecar);
    spec.containers = [...(spec.containers ?? []), sidecar];
    injected.push(SIDECAR_CONTAINER);
  }
  return { injected };
}

/** requests/limits from the agent-{requests,limits}-{cpu,mem,ephemeral} annotations. */
function agentResources(annotation: (key: string) => string | undefined): Record<string, Record<string, string>> {
  const resources: Record<string, Record<string, string>> = {};
  for (const kind of ['requests', 'limits'] as const) {
    for (const [suffix, resource] of [['cpu', 'cpu'], ['mem', 'memory'], ['ephemeral', 'ephemeral-storage']] as const) {
      const value = annotation(`agent-${kind}-${suffix}`);
      if (value) (resources[kind] ??= {})[resource] = value;
    }
  }
  return resources;
}

/** RFC 6902 add/remove/replace over a container, as the injector applies its JSON-patch annotations; an error text otherwise. */
export function applyJsonPatch(target: any, patchText: string): any | string {
  let ops: any;
  try {
    ops = JSON.parse(patchText);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  if (!Array.isArray(ops)) return 'a JSON patch is a list of operations';
  const doc = structuredClone(target);
  for (const op of ops) {
    if (!['add', 'remove', 'replace'].includes(op?.op)) return `operation ${JSON.stringify(op?.op)} is not modelled (only add, remove, replace)`;
    const tokens = String(op.path ?? '').split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (tokens.length === 0) return `path ${JSON.stringify(op.path)} is not modelled`;
    let parent: any = doc;
    for (const token of tokens.slice(0, -1)) {
      parent = Array.isArray(parent) ? parent[Number(token)] : parent?.[token];
      if (parent === undefined || parent === null || typeof parent !== 'object') return `path ${op.path} does not exist`;
    }
    const last = tokens[tokens.length - 1]!;
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > parent.length) return `path ${op.path} is out of range`;
      if (op.op === 'add') parent.splice(index, 0, op.value);
      else if (index >= parent.length) return `path ${op.path} does not exist`;
      else if (op.op === 'remove') parent.splice(index, 1);
      else parent[index] = op.value;
    } else {
      if (op.op !== 'add' && !(last in parent)) return `path ${op.path} does not exist`;
      if (op.op === 'remove') delete parent[last];
      else parent[last] = op.value;
    }
  }
  return doc;
}
