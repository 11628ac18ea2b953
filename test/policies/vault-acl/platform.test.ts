// Least privilege of every Vault identity in every environment, proved with the ACL evaluator over
// the shared render: each role's policy HCL allows exactly the (path, capability) pairs its
// workloads use and denies every other declared path. The mutations show the proof can fail.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { renderedEnvironment as environmentOf } from '../../../policies/load-rendered';
import type { RenderedDocument, RenderedEnvironment } from '../../../policies/types';
import { CAPABILITIES } from '../../../policies/vault-acl/evaluator';
import { summaryLine } from '../../../policies/vault-acl/cli';
import { proveLeastPrivilege, probePath } from '../../../policies/vault-acl/proof';
import { policyView } from '../../fixtures/rendered';

const policyViewOf = (env: EnvName): RenderedEnvironment => policyView(env);

const isConfiguration = (d: RenderedDocument) => d.object.kind === 'ConfigMap' && d.object.metadata.labels?.['gridata.io/vault-configuration'] === 'true';

/** A copy of the environment with the documents `pick` selects replaced by edited clones (the shared render stays untouched). */
function mutated(env: EnvName, pick: (d: RenderedDocument) => boolean, edit: (object: any) => void): RenderedEnvironment {
  const base = policyViewOf(env);
  let edited = 0;
  const documents = base.documents.map((d) => {
    if (!pick(d)) return d;
    const object = structuredClone(d.object);
    edit(object);
    edited++;
    return { ...d, object };
  });
  expect(edited, 'the mutation found its document').toBeGreaterThan(0);
  // The chart values files stay as rendered (they are not documents).
  return { ...environmentOf(env, documents, [...base.folders]), charts: base.charts };
}

describe.each([...ENVIRONMENTS])('Vault least privilege in %s', (env) => {
  it('holds for every identity: every use allowed, every other declared path and capability denied', () => {
    const proof = proveLeastPrivilege(policyViewOf(env));
    expect(proof.failures.map((f) => f.message)).toEqual([]);
    const configuration = JSON.parse(policyViewOf(env).documents.find(isConfiguration)!.object.data['configuration.json']);
    expect(proof.identities).toBe(configuration.roles.length);
    expect(proof.identities).toBeGreaterThan(10);
    // Every identity is exercised by at least one use, and every kind of use is present.
    for (const role of configuration.roles) expect(proof.uses.some((u) => u.role === role.name), role.name).toBe(true);
    expect(new Set(proof.uses.map((u) => u.via))).toEqual(new Set(['agent', 'synced', 'backend', 'client']));
    // The checks are the full product: identities × paths × capabilities.
    expect(proof.allowed + proof.denied).toBe(proof.identities * proof.paths * CAPABILITIES.length);
    expect(proof.allowed).toBeGreaterThan(proof.identities);
    console.log(`vault:acl ${summaryLine(proof)}`);
  });

  it('fails when a policy glob reaches another identity\'s secret', () => {
    const broken = mutated(env, isConfiguration, (o) => {
      o.data['policy-airflow-airflow-worker.hcl'] += `\npath "kv/data/${env}/airflow/*" {\n  capabilities = ["read"]\n}\n`;
    });
    const messages = proveLeastPrivilege(broken).failures.map((f) => f.message);
    expect(messages).toContain(`role airflow-airflow-worker is allowed read on kv/data/${env}/airflow/fernet by "kv/data/${env}/airflow/*" in airflow-airflow-worker, but none of its workloads uses it`);
    expect(messages.every((m) => m.startsWith('role airflow-airflow-worker is allowed read'))).toBe(true);
  });

  it('fails when a used path is denied, even with the grant still written', () => {
    const broken = mutated(env, isConfiguration, (o) => {
      o.data['policy-airflow-airflow-triggerer.hcl'] += `\npath "kv/data/${env}/object-store/users/airflow" {\n  capabilities = ["deny"]\n}\n`;
    });
    const messages = proveLeastPrivilege(broken).failures.map((f) => f.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(new RegExp(`^role airflow-airflow-triggerer needs read on kv/data/${env}/object-store/users/airflow \\(agent at dist/${env}/airflow/deployment\\.airflow\\.airflow-triggerer\\.yaml spec\\.template\\).*denied by`));
  });

  it('fails when a role carries another identity\'s policy as well', () => {
    const broken = mutated(env, isConfiguration, (o) => {
      o.data['apply.sh'] = o.data['apply.sh'].replace(
        'token_policies=spark-jobs-spark-executor ',
        'token_policies=spark-jobs-spark-executor,object-store-minio-provisioner ',
      );
    });
    const messages = proveLeastPrivilege(broken).failures.map((f) => f.message);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.startsWith('role spark-jobs-spark-executor is allowed '))).toBe(true);
    expect(messages).toContain(`role spark-jobs-spark-executor is allowed create on kv/data/${env}/object-store/users/airflow by "kv/data/${env}/object-store/users/airflow" in object-store-minio-provisioner, but none of its workloads uses it`);
  });

  it('fails when the Airflow secrets backend looks up a path its policy does not grant', () => {
    // The chart's rendered airflow.cfg, which the scheduler reads (the chart values say the same).
    const isAirflowConfig = (d: RenderedDocument) => d.object.kind === 'ConfigMap' && d.object.metadata.name === 'airflow-config';
    const broken = mutated(env, isAirflowConfig, (o) => {
      o.data['airflow.cfg'] = o.data['airflow.cfg'].replace(`"connections_path":"${env}/airflow/connections"`, `"connections_path":"${env}/shared/connections"`);
    });
    const messages = proveLeastPrivilege(broken).failures.map((f) => f.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`role airflow-airflow-scheduler needs read on kv/data/${env}/shared/connections/* (backend at dist/${env}/airflow/configmap.airflow.airflow-config.yaml`);
  });
});

describe('probe paths', () => {
  it('stand a probe name in for * and + so a pattern can be evaluated', () => {
    expect(probePath('kv/data/prod/airflow/connections/*')).toBe('kv/data/prod/airflow/connections/gridata-acl-probe');
    expect(probePath('kv/data/+/x')).toBe('kv/data/gridata-acl-probe/x');
    expect(probePath('kv/data/prod/db')).toBe('kv/data/prod/db');
  });
});
