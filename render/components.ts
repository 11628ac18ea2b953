// environment → components: which components an environment deploys, and the context each of
// them renders with. Everything here is read from the ComponentDefinitions themselves.
import type { Environment } from '../environments/types';
import { isEnabled, type ComponentContext, type ComponentDefinition } from '../charts/shared/component';
import type { OwnedFlow } from '../charts/shared/flows';
import type { OwnedConsumer } from '../charts/shared/vault-secrets';

/** The components deployed in `env`, each of whose dependencies is deployed too. */
export function enabledComponents(env: Environment, components: readonly ComponentDefinition[]): ComponentDefinition[] {
  const enabled = components.filter((c) => isEnabled(c, env));
  const ids = new Set<string>();
  for (const c of enabled) {
    if (ids.has(c.id)) throw new Error(`${env.name}: two components have the id ${c.id}`);
    ids.add(c.id);
  }
  for (const c of enabled) {
    for (const dep of c.dependsOn) {
      if (!ids.has(dep)) throw new Error(`${env.name}: component ${c.id} depends on ${dep}, which is disabled or unknown`);
    }
  }
  return enabled;
}

/**
 * The Vault consumers of the components enabled in `env`, ordered by component id (the owner).
 * A disabled component contributes nothing: it is not in the list.
 */
export function collectVaultConsumers(env: Environment, components: readonly ComponentDefinition[]): OwnedConsumer[] {
  return enabledComponents(env, components)
    .filter((c) => c.vaultConsumers)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .flatMap((c) => c.vaultConsumers!(env).map((consumer) => ({ owner: c.id, consumer })));
}

/**
 * The network flows of the components enabled in `env`, ordered by component id (the owner). A
 * flow into a disabled component's workloads is not declared: its declaring component checks
 * `env.features` like `enabled` does.
 */
export function collectFlows(env: Environment, components: readonly ComponentDefinition[]): OwnedFlow[] {
  return enabledComponents(env, components)
    .filter((c) => c.flows)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .flatMap((c) => c.flows!(env).map((flow) => ({ owner: c.id, flow })));
}

/** One context per enabled component; what every component sees of the others is computed once. */
export function componentContexts(env: Environment, enabled: readonly ComponentDefinition[]): Map<string, ComponentContext> {
  const vaultConsumers = collectVaultConsumers(env, enabled);
  const flows = collectFlows(env, enabled);
  return new Map(enabled.map((c) => [c.id, { env, version: c.version(env), vaultConsumers, flows }]));
}
