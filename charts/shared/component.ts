// A component is one Argo CD Application per environment, a directory source for dist/<env>/<id>/:
// our manifests, the objects of an upstream Helm chart rendered with generated values, or both.
//
// The ComponentDefinition is the ONE place a component is declared. The render pipeline
// (render/) reads everything it needs from the definitions of the components enabled in an
// environment; no component registers anything anywhere (docs/decisions/0014).
import type { Construct } from 'constructs';
import type { Environment } from '../../environments/types';
import type { Flow, OwnedFlow } from './flows';
import type { OwnedConsumer, VaultConsumer } from './vault-secrets';

/** Argo CD projects, one per domain; never `default`. */
export type ProjectName = 'platform' | 'data' | 'observability';

export interface HelmSource {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
  readonly releaseName: string;
  /**
   * Generated values: `helm template` renders the chart with them into the component's folder
   * (render/hydrate), and they are written beside it for review (values/<chart>-<version>.yaml).
   */
  readonly values: Record<string, unknown>;
  /**
   * Adjusts the rendered objects where the chart has no value for what we need (Helm's
   * post-renderer): keep it for what values cannot do, and say why at each change.
   */
  readonly postRender?: (objects: Record<string, any>[]) => Record<string, any>[];
  /**
   * Labels a program of the chart selects some of its own objects by at run time, which no
   * manifest shows (so render/standard-labels cannot see it): the named objects keep the chart's
   * value for these labels instead of the standard one.
   */
  readonly runtimeSelectors?: readonly RuntimeSelector[];
}

export interface RuntimeSelector {
  readonly kind: string;
  readonly names: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

export interface ComponentContext {
  readonly env: Environment;
  /** The version recorded in this component's `app.kubernetes.io/version` label. */
  readonly version: string;
  /**
   * The Vault consumers declared by every component enabled in this environment (each
   * definition's `vaultConsumers`), ordered by component id. Computed once per environment by
   * the render pipeline; vault-config, Vault's NetworkPolicies and VSO render from it.
   */
  readonly vaultConsumers: readonly OwnedConsumer[];
  /**
   * The network flows declared by every component enabled in this environment (each definition's
   * `flows`), ordered by component id. A component renders the NetworkPolicies of the workloads
   * it owns from them (renderFlowPolicies, charts/shared/flows.ts).
   */
  readonly flows: readonly OwnedFlow[];
}

export interface ComponentDefinition {
  /** Folder name under dist/<env>/ and Application name suffix; kebab-case. */
  readonly id: string;
  readonly description: string;
  /** Destination namespace of the Application (objects may still name their own). */
  readonly namespace: string;
  readonly project: ProjectName;
  /**
   * Components whose resources must exist first (CRDs, operators, Vault, storage).
   * The Argo CD sync wave is derived from this graph so ordering cannot drift.
   */
  readonly dependsOn: readonly string[];
  /**
   * Components this one syncs after whenever they are deployed too, without needing them: e.g.
   * `monitoring`, whose CRDs define the ServiceMonitors/PodMonitors an operator's chart renders
   * only when monitoring is on. Counted in the sync wave like `dependsOn` when enabled.
   */
  readonly orderedAfter?: readonly string[];
  /** Needed for very large CRDs (client-side apply's last-applied annotation overflows). */
  readonly serverSideApply?: boolean;
  /**
   * Whether the component is deployed in this environment at all (default: always). The only
   * place this is decided: a disabled component renders nothing, has no Application and
   * contributes no Vault consumers.
   */
  readonly enabled?: (env: Environment) => boolean;
  /** The version label for this component's objects in an environment. */
  readonly version: (env: Environment) => string;
  /** Our own manifests, added to `scope` (a chart whose namespace is `namespace`). */
  readonly render?: (scope: Construct, ctx: ComponentContext) => void;
  /** The upstream chart, when the component installs one; hydrated into the component's folder. */
  readonly helm?: (ctx: ComponentContext) => HelmSource;
  /** Extra Argo CD ignoreDifferences for fields controllers rewrite. */
  readonly ignoreDifferences?: readonly Record<string, unknown>[];
  /**
   * The Vault secrets this component's workloads need (charts/shared/vault-secrets.ts), for an
   * environment in which the component is enabled. The render pipeline collects them from the
   * enabled components into `ComponentContext.vaultConsumers`.
   *
   * Slot planned but not modelled yet (add it here, typed, when it is):
   * - `exemptions`: policy exemptions for the component's objects; today they live in
   *   policies/exemptions.ts.
   */
  readonly vaultConsumers?: (env: Environment) => readonly VaultConsumer[];
  /**
   * The network flows this component's workloads need in an environment where it is enabled
   * (charts/shared/flows.ts): from a workload or external endpoint to a workload or external
   * endpoint, port, protocol and reason. Declared by the component that starts the flow or,
   * for flows into its workloads from outside the platform (scrapes, webhooks, UIs), by the
   * receiving one. The rendered NetworkPolicies are generated from them; `npm run flows` proves
   * they allow exactly these.
   */
  readonly flows?: (env: Environment) => readonly Flow[];
}

/** Whether `def` is deployed in `env`: its `enabled`, or always when it has none. */
export function isEnabled(def: ComponentDefinition, env: Environment): boolean {
  return def.enabled?.(env) ?? true;
}
