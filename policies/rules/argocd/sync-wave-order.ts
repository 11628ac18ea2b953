import { apiGroupOf } from '../../helpers';
import type { EnvironmentRule, RenderedDocument } from '../../types';
import { componentOf, isApplication, waveOf } from './application-sources';

export interface SyncWaveParams {
  /** API groups served by CRDs, and the component (Application `<env>-<component>`) that installs each. */
  readonly crdProviders: Readonly<Record<string, string>>;
}

export const SYNC_WAVE_PARAMS: SyncWaveParams = {
  crdProviders: {
  'monitoring.coreos.com': 'monitoring',
  'sparkoperator.k8s.io': 'spark-operator',
  'secrets.hashicorp.com': 'vault-secrets-operator',
  'postgresql.cnpg.io': 'cnpg',
  'barmancloud.cnpg.io': 'cnpg',
  },
};

export const syncWaveOrder: EnvironmentRule<SyncWaveParams> = {
  id: 'ARGO-005',
  title: 'Applications sync after the operators whose custom resources they contain',
  severity: 'error',
  rationale: 'A custom resource applied before its CRD exists fails the sync; sync waves must put operators first.',
  remediation: 'Give the Application a sync-wave annotation greater than the wave of the Application that installs the CRDs it uses.',
  family: 9,
  params: SYNC_WAVE_PARAMS,
  scope: 'environment',
  check: ({ env, documents }, params) => {
    const apps = documents.filter(isApplication);
    const appOf = (component: string) => apps.find((a) => componentOf(env, a.object) === component);
    const findings: { document: RenderedDocument; message: string }[] = [];
    const reported = new Set<string>();
    for (const doc of documents.filter((d) => !d.reviewOnly)) {
      const group = apiGroupOf(doc.object.apiVersion);
      const provider = params.crdProviders[group];
      if (!provider || provider === doc.component || group === 'argoproj.io') continue;
      const consumer = appOf(doc.component);
      const key = `${doc.component}->${provider}`;
      if (!consumer || reported.has(key)) continue;
      const producer = appOf(provider);
      if (!producer) {
        findings.push({ document: consumer, message: `contains ${doc.object.kind} (${group}) but no Application installs ${provider}` });
        reported.add(key);
      } else if (waveOf(consumer.object) <= waveOf(producer.object)) {
        findings.push({ document: consumer, message: `sync wave ${waveOf(consumer.object)} is not after ${producer.object.metadata.name} (wave ${waveOf(producer.object)}), which provides ${group}` });
        reported.add(key);
      }
    }
    return findings;
  },
};
