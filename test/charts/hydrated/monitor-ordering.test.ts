// The operators whose charts render ServiceMonitors/PodMonitors (cnpg, vault, spark-operator, and
// Argo CD) sync after monitoring, which installs the monitoring.coreos.com CRDs; where monitoring is
// off, none of them renders a monitor and nothing waits for it. Rendered for real (hydrated charts).
import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../../charts';
import { loadEnvironment } from '../../../environments/load';
import type { Environment } from '../../../environments/types';
import { renderEnvironment } from '../../../render/pipeline';
import { loadAll } from 'js-yaml';

const OPERATORS = ['cnpg', 'vault', 'spark-operator', 'argocd'];

function render(env: Environment) {
  const files = renderEnvironment(env, COMPONENTS);
  return [...files].flatMap(([path, text]) => (loadAll(text) as any[]).filter(Boolean).map((object) => ({ folder: path.split('/')[1]!, object })));
}
const wave = (docs: ReturnType<typeof render>, env: string, component: string) =>
  Number(docs.find((d) => d.object.kind === 'Application' && d.object.metadata.name === `${env}-${component}`)!.object.metadata.annotations['argocd.argoproj.io/sync-wave']);
const monitors = (docs: ReturnType<typeof render>, folder: string) =>
  docs.filter((d) => d.folder === folder && ['ServiceMonitor', 'PodMonitor'].includes(d.object.kind)).map((d) => `${d.object.kind}/${d.object.metadata.name}`);

describe('monitors sync after the CRDs that define them', () => {
  it('prod: each operator that renders monitors syncs in a later wave than monitoring', () => {
    const docs = render(loadEnvironment('prod'));
    for (const component of OPERATORS) {
      expect(monitors(docs, component).length, component).toBeGreaterThan(0);
      expect(wave(docs, 'prod', component), component).toBeGreaterThan(wave(docs, 'prod', 'monitoring'));
    }
  }, 300_000);

  it('monitoring off: no operator renders a monitor, and none waits for monitoring', () => {
    const base = loadEnvironment('dev');
    const env: Environment = { ...base, features: { ...base.features, monitoring: false } };
    const docs = render(env);
    expect(docs.some((d) => d.object.kind === 'Application' && d.object.metadata.name === 'dev-monitoring')).toBe(false);
    for (const component of OPERATORS) {
      expect(monitors(docs, component), component).toEqual([]);
      // Right after the last of its own dependencies: nothing waits for the absent monitoring.
      const deps = COMPONENTS.find((c) => c.id === component)!.dependsOn;
      expect(wave(docs, 'dev', component), component).toBe(1 + Math.max(...deps.map((d) => wave(docs, 'dev', d)), -1));
    }
  }, 300_000);
});
