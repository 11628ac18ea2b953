// README's flow section is generated from the flow proofs (npm run flows:readme); it must not drift.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../../charts';
import { ENVIRONMENTS } from '../../../environments/catalog';
import { collectFlows } from '../../../render/pipeline';
import { proveFlows } from '../../../tools/flows/proof';
import { mermaidGraph, mermaidSummary } from '../../../tools/flows/mermaid';
import { flowsSection, sectionInReadme, withFlowsSection } from '../../../tools/flows/readme-section';
import { environment, policyView } from '../../fixtures/rendered';

const README = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
const proofs = () => ENVIRONMENTS.map((env) => proveFlows(policyView(env), environment(env), collectFlows(environment(env), COMPONENTS)));

describe('README flow section', () => {
  it('matches the flow proofs of a fresh render (run `npm run flows:readme` after changing flows or policies)', () => {
    expect(sectionInReadme(README)).toBe(flowsSection(proofs()));
  });

  it('shows 0 blocked and 0 undeclared in every environment', () => {
    const rows = sectionInReadme(README)!.split('\n').filter((l) => /^\| (dev|staging|prod) \|/.test(l));
    expect(rows.map((r) => r.split('|').map((c) => c.trim())[0 + 4] + '/' + r.split('|').map((c) => c.trim())[5])).toEqual(['0/0', '0/0', '0/0']);
  });

  it('rewrites only what lies between the markers', () => {
    const updated = withFlowsSection('intro\n<!-- flows:begin -->\nstale\n<!-- flows:end -->\noutro\n', 'NEW');
    expect(updated).toBe('intro\n<!-- flows:begin -->\nNEW\n<!-- flows:end -->\noutro\n');
  });
});

describe('Mermaid graphs of the declared flows', () => {
  const flows = collectFlows(environment('prod'), COMPONENTS).map((f) => f.flow);

  it('draw one edge per source and destination with their ports, DNS left out', () => {
    const graph = mermaidGraph(flows);
    expect(graph.startsWith('flowchart LR\n')).toBe(true);
    expect(graph).toContain('  subgraph ns_airflow["airflow"]');
    expect(graph).toContain('spark_jobs_spark_driver -->|"8181"| iceberg_catalog_polaris');
    expect(graph).toContain('vault_vault_server -->|"443"| external_kms');
    expect(graph).not.toContain('cluster_dns -->');
    expect(graph).not.toMatch(/all_pods -->/);
  });

  it('summarise by namespace and external endpoint', () => {
    const summary = mermaidSummary(flows);
    expect(summary).toContain('ns_spark_jobs -->|"8181"| ns_iceberg_catalog');
    expect(summary).toContain('external_kube_apiserver(["kube-apiserver"])');
    expect(summary.split('\n').length).toBeLessThan(120);
  });
});
