import { isDeepStrictEqual } from 'node:util';
import { load } from 'js-yaml';
import type { EnvironmentRule, Finding, RenderedDocument } from '../../types';
import { valueAt } from '../../helpers';
import { sparkApplications } from './spark-applications';

export interface SpecConfigMapParams {
  /** The ConfigMap Airflow mounts and submits SparkApplication specs from. */
  readonly configMap: { readonly namespace: string; readonly name: string };
  /** The Airflow chart, and where in its values the pod volumes are listed. */
  readonly airflow: { readonly chart: string; readonly volumesAt: string };
}

/**
 * The contract with Airflow, stated by the policy. The rule parses the rendered ConfigMap and the
 * rendered SparkApplication files and compares them; it never asks the renderer what it wrote.
 */
export const SPEC_CONFIGMAP_PARAMS: SpecConfigMapParams = {
  configMap: { namespace: 'airflow', name: 'spark-application-specs' },
  airflow: { chart: 'airflow', volumesAt: 'volumes' },
};

export const specConfigMapMirror: EnvironmentRule<SpecConfigMapParams> = {
  id: 'PIPE-007',
  title: 'The specs ConfigMap Airflow submits from holds exactly the reviewed SparkApplications',
  severity: 'error',
  rationale: 'Reviewers read the SparkApplication files; what runs is the ConfigMap copy, so the two must be the same objects.',
  remediation: 'Re-render so the specs ConfigMap holds exactly one key per SparkApplication file with identical content.',
  family: 9,
  params: SPEC_CONFIGMAP_PARAMS,
  scope: 'environment',
  check: ({ documents, charts }, { configMap: SPEC_CONFIGMAP, airflow }) => {
    const reviewed = sparkApplications(documents);
    const findings: Finding[] = [];
    // The other half of the contract: Airflow's pods must mount that ConfigMap.
    for (const chart of charts.filter((c) => c.chart === airflow.chart && reviewed.length > 0)) {
      const volumes = valueAt(chart.values, airflow.volumesAt);
      if (!Array.isArray(volumes) || !volumes.some((v: any) => v?.configMap?.name === SPEC_CONFIGMAP.name)) {
        findings.push({ document: chart.application, message: `chart ${airflow.chart} values.${airflow.volumesAt} mounts no ConfigMap ${SPEC_CONFIGMAP.name}, so Airflow cannot read the specs` });
      }
    }
    const configMaps = documents.filter(
      (d) => d.object.kind === 'ConfigMap' && d.object.metadata.name === SPEC_CONFIGMAP.name && d.object.metadata.namespace === SPEC_CONFIGMAP.namespace,
    );
    if (configMaps.length === 0) {
      return [...findings, ...reviewed.map((doc) => ({ document: doc, message: `no ConfigMap ${SPEC_CONFIGMAP.namespace}/${SPEC_CONFIGMAP.name} carries this spec to Airflow` }))];
    }
    const byName = new Map<string, RenderedDocument>(reviewed.map((d) => [d.object.metadata.name, d]));
    const mirrored = new Set<string>();
    for (const cm of configMaps) {
      for (const [key, text] of Object.entries<string>(cm.object.data ?? {})) {
        let spec: any;
        try {
          spec = load(String(text));
        } catch (error) {
          findings.push({ document: cm, message: `data key ${key} is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
          continue;
        }
        const name = spec?.metadata?.name;
        const original = byName.get(name);
        if (!original) {
          findings.push({ document: cm, message: `data key ${key} holds ${spec?.kind ?? 'an object'} ${JSON.stringify(name)}, which has no reviewed SparkApplication file` });
        } else if (!isDeepStrictEqual(spec, original.object)) {
          findings.push({ document: cm, message: `data key ${key} differs from the reviewed ${original.file}` });
        }
        mirrored.add(name);
      }
    }
    for (const doc of reviewed) {
      if (!mirrored.has(doc.object.metadata.name)) {
        findings.push({ document: doc, message: `SparkApplication ${doc.object.metadata.name} is missing from ConfigMap ${SPEC_CONFIGMAP.namespace}/${SPEC_CONFIGMAP.name}` });
      }
    }
    return findings;
  },
};
