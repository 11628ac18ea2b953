import { isDeepStrictEqual } from 'node:util';
import { load } from 'js-yaml';
import type { EnvironmentRule, Finding, RenderedDocument } from '../../types';
import { sparkApplications } from './spark-applications';

export interface SpecConfigMapParams {
  /** The ConfigMap Airflow mounts and submits SparkApplication specs from. */
  readonly configMap: { readonly namespace: string; readonly name: string };
}

/**
 * The contract with Airflow, stated by the policy. The rule parses the rendered ConfigMap and the
 * rendered SparkApplication files and compares them; it never asks the renderer what it wrote.
 */
export const SPEC_CONFIGMAP_PARAMS: SpecConfigMapParams = { configMap: { namespace: 'airflow', name: 'spark-application-specs' } };

export const specConfigMapMirror: EnvironmentRule<SpecConfigMapParams> = {
  id: 'PIPE-007',
  title: 'The specs ConfigMap Airflow submits from holds exactly the reviewed SparkApplications',
  severity: 'error',
  rationale: 'Reviewers read the SparkApplication files; what runs is the ConfigMap copy, so the two must be the same objects.',
  remediation: 'Re-render so the specs ConfigMap holds exactly one key per SparkApplication file with identical content.',
  family: 9,
  params: SPEC_CONFIGMAP_PARAMS,
  scope: 'environment',
  check: ({ documents }, { configMap: SPEC_CONFIGMAP }) => {
    const reviewed = sparkApplications(documents);
    const configMaps = documents.filter(
      (d) => d.object.kind === 'ConfigMap' && d.object.metadata.name === SPEC_CONFIGMAP.name && d.object.metadata.namespace === SPEC_CONFIGMAP.namespace,
    );
    if (configMaps.length === 0) {
      return reviewed.map((doc) => ({ document: doc, message: `no ConfigMap ${SPEC_CONFIGMAP.namespace}/${SPEC_CONFIGMAP.name} carries this spec to Airflow` }));
    }
    const findings: Finding[] = [];
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
