// A component is one Argo CD Application per environment: our manifests rendered into
// dist/<env>/<id>/, an upstream Helm chart with generated values, or both (multi-source).
import type { Construct } from 'constructs';
import type { Environment } from '../../environments/types';

/** Argo CD projects, one per domain; never `default`. */
export type ProjectName = 'platform' | 'data' | 'observability';

export interface HelmSource {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
  readonly releaseName: string;
  /** Generated values, rendered as the Application's `spec.source.helm.valuesObject`. */
  readonly values: Record<string, unknown>;
}

export interface ComponentContext {
  readonly env: Environment;
  /** The version recorded in this component's `app.kubernetes.io/version` label. */
  readonly version: string;
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
  /** Needed for very large CRDs (client-side apply's last-applied annotation overflows). */
  readonly serverSideApply?: boolean;
  /** Whether the component is deployed in this environment at all. */
  readonly enabled?: (env: Environment) => boolean;
  /** The version label for this component's objects in an environment. */
  readonly version: (env: Environment) => string;
  /** Our own manifests, added to `scope` (a chart whose namespace is `namespace`). */
  readonly render?: (scope: Construct, ctx: ComponentContext) => void;
  /** The upstream chart, when the component installs one. */
  readonly helm?: (ctx: ComponentContext) => HelmSource;
  /** Extra Argo CD ignoreDifferences for fields controllers rewrite. */
  readonly ignoreDifferences?: readonly Record<string, unknown>[];
}
