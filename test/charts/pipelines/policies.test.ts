// The pipeline rules catch a misplaced spec (that every environment passes every rule is the
// `npm run policy` stage), and the pipelines' Vault declarations reach the Vault configuration.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../../environments/catalog';
import { evaluate } from '../../../policies/engine';
import { RULES as PIPELINE_RULES } from '../../../policies/rules/pipelines';
import { collectVaultConsumers } from '../../../render/pipeline';
import type { Environment } from '../../../environments/types';
import { COMPONENTS } from '../../../charts';
import { renderPipelines } from './render-pipelines';

const vaultConsumers = (env: Environment) => collectVaultConsumers(env, COMPONENTS);

describe.each(ENVIRONMENTS)('%s pipelines', (name) => {
  it('are actually checked by the pipeline rules (a spec in the wrong namespace is caught)', () => {
    const r = renderPipelines(name);
    const moved = r.rendered.documents.map((d) =>
      d.object.kind === 'SparkApplication' && d.object.metadata.name === 'process-orders'
        ? { ...d, object: { ...d.object, metadata: { ...d.object.metadata, namespace: 'airflow' } } }
        : d,
    );
    const found = evaluate({ ...r.rendered, documents: moved }, PIPELINE_RULES).violations;
    expect(found.map((v) => v.ruleId).sort()).toEqual(['PIPE-003', 'PIPE-007']);
  });

  it('declare the driver and executor identities to Vault with exactly the paths their annotations read', () => {
    const r = renderPipelines(name);
    const mine = vaultConsumers(r.env).filter((c) => c.owner === 'pipelines').map((c) => c.consumer);
    expect(mine).toMatchObject([
      { kind: 'agent', identity: { namespace: 'spark-jobs', serviceAccount: 'spark-driver' }, terminates: true },
      { kind: 'agent', identity: { namespace: 'spark-jobs', serviceAccount: 'spark-executor' }, terminates: true },
    ]);
    const paths = mine.map((c) => (c.kind === 'agent' ? c.secrets.map((s) => s.path) : []));
    expect(paths).toEqual([
      [`${name}/object-store/users/spark`, `${name}/iceberg-catalog/principals/spark`],
      [`${name}/object-store/users/spark`],
    ]);
  });
});
