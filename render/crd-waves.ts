// Within one component folder, a CustomResourceDefinition syncs one wave before the custom
// resources of its kind in that folder. Argo CD applies CRDs first within a wave, but its discovery
// can lag the new CRD: validate:argocd saw monitoring's Prometheus refused with "no matches for kind
// Prometheus … ensure CRDs are installed first" in the same wave as its CRD. A wave of its own makes
// the controller wait until the CRD is Established before applying the resources.
import { ApiObject, type Chart } from 'cdk8s';
import { SYNC_WAVE_ANNOTATION } from '../apps/applications';

/** The in-folder wave of CRDs whose resources sync in the same folder (the rest stay at wave 0). */
export const CRD_SYNC_WAVE = '-1';

type Json = Record<string, any>;

/** "<group>/<Kind>" each CRD defines, noted when it is created (CRDs come from charts as plain JSON). */
const definedKinds = new WeakMap<ApiObject, string>();

/** Remembers what `definition` (the JSON `crd` was made from) defines, if it is a CRD. */
export function noteCrd(crd: ApiObject, definition: Json): void {
  if (definition.kind === 'CustomResourceDefinition' && String(definition.apiVersion).startsWith('apiextensions.k8s.io/')) {
    definedKinds.set(crd, `${definition.spec?.group}/${definition.spec?.names?.kind}`);
  }
}

export function syncCrdsBeforeTheirResources(chart: Chart): void {
  const objects = chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  const crds = objects.filter((o) => definedKinds.has(o));
  if (crds.length === 0) return;
  const used = new Set(objects.map((o) => `${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''}/${o.kind}`));
  for (const crd of crds) {
    if (used.has(definedKinds.get(crd)!) && (crd.metadata.toJson() as { annotations?: Record<string, string> }).annotations?.[SYNC_WAVE_ANNOTATION] === undefined) {
      crd.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, CRD_SYNC_WAVE);
    }
  }
}
