// render/crd-waves.ts: a CRD syncs one wave before the custom resources of its kind in its folder.
import { ApiObject, App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { CRD_SYNC_WAVE, noteCrd, syncCrdsBeforeTheirResources } from '../../render/crd-waves';

const WAVE = 'argocd.argoproj.io/sync-wave';

function crd(chart: Chart, plural: string, kind: string, annotations?: Record<string, string>): ApiObject {
  const definition = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.monitoring.coreos.com`, annotations },
    spec: { group: 'monitoring.coreos.com', names: { kind, plural }, scope: 'Namespaced', versions: [] },
  };
  const object = new ApiObject(chart, `crd-${plural}`, definition);
  noteCrd(object, definition);
  return object;
}

const wave = (o: ApiObject) => o.toJson().metadata.annotations?.[WAVE];

describe('syncCrdsBeforeTheirResources', () => {
  it('puts a CRD whose resources are in the same folder one wave earlier, and leaves the resources at wave 0', () => {
    const chart = new Chart(new App(), 'monitoring');
    const definition = crd(chart, 'prometheuses', 'Prometheus');
    const resource = new ApiObject(chart, 'prometheus', { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'main' } });
    syncCrdsBeforeTheirResources(chart);
    expect(wave(definition)).toBe(CRD_SYNC_WAVE);
    expect(CRD_SYNC_WAVE).toBe('-1');
    expect(wave(resource)).toBeUndefined();
  });

  it('leaves a CRD alone when no resource of its kind is in the folder (another Application waits for it by app waves)', () => {
    const chart = new Chart(new App(), 'spark-operator');
    const definition = crd(chart, 'probes', 'Probe');
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    syncCrdsBeforeTheirResources(chart);
    expect(wave(definition)).toBeUndefined();
  });

  it('matches by API group, not by kind alone', () => {
    const chart = new Chart(new App(), 'other');
    const definition = crd(chart, 'certificates', 'Certificate');
    new ApiObject(chart, 'cert', { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'tls' } });
    syncCrdsBeforeTheirResources(chart);
    expect(wave(definition)).toBeUndefined();
  });

  it('keeps a wave the CRD already has', () => {
    const chart = new Chart(new App(), 'monitoring');
    const definition = crd(chart, 'prometheuses', 'Prometheus', { [WAVE]: '-5' });
    new ApiObject(chart, 'prometheus', { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'main' } });
    syncCrdsBeforeTheirResources(chart);
    expect(wave(definition)).toBe('-5');
  });
});
