import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs in-process and fast (npm test); `integration` starts real processes —
// git repositories for diff/promote/guard, promtool, a kube-apiserver, provisioning scripts
// (npm run test:integration). tools/test-all.sh runs both.
const INTEGRATION = [
  'test/tools/promote/**/*.test.ts',
  'test/tools/diff/diff-cli.test.ts',
  'test/tools/gate/**/*.test.ts',
  'test/tools/promotion-guard/**/*.test.ts',
  'test/validate/apiserver-refusals.test.ts',
  'test/validate/linters.test.ts',
  'test/validate/pod-security-admission.test.ts',
  'test/monitoring/**/*.test.ts',
  'test/charts/object-store/provisioning-scripts.test.ts',
  'test/charts/iceberg-catalog/provision-catalog.test.ts',
  'test/tools/charts/hydrate.test.ts',
  'test/tools/synth/synth.test.ts',
  'test/charts/hydrated/**/*.test.ts',
  'test/charts/airflow/airflow-chart.test.ts',
  'test/charts/shared/helm-tpl-helm.test.ts',
  'test/tools/argocd/**/*.test.ts',
];

// The unit project runs in worker threads (no process start, no IPC per module: measured ~0.3 s
// faster); the integration project forks, since its tests spawn processes and set up servers.
const shared = { pool: 'forks' as const, isolate: false, testTimeout: 60_000 };

export default defineConfig({
  test: {
    // Transformed modules cached on disk (node_modules/.experimental-vitest-cache): a rerun skips
    // most of the TypeScript transform work, which otherwise is a third of the unit suite's wall time.
    experimental: { fsModuleCache: true },
    projects: [
      { test: { ...shared, name: 'unit', pool: 'threads', include: ['test/**/*.test.ts', 'policies/**/*.test.ts'], exclude: INTEGRATION } },
      { test: { ...shared, name: 'integration', include: INTEGRATION, testTimeout: 300_000 } },
    ],
  },
});
