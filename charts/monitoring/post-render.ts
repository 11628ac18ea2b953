// What kube-prometheus-stack 88.5.3 has no value for (HelmSource.postRender), each with its reason.
import { protectedAnnotations } from '../shared/protection';
import { ADMISSION_JOBS, GRAFANA_STATEFULSET, MONITORING_NAMESPACE } from './constants';

type Json = Record<string, any>;

const is = (o: Json, kind: string, name: string) => o.kind === kind && o.metadata?.name === name && o.metadata?.namespace === MONITORING_NAMESPACE;

export function postRenderMonitoring(objects: Json[]): Json[] {
  return objects.map((o) => {
    // Grafana's volumes must survive prune and Application deletion (ARGO-006), but the chart's only
    // annotation key for the StatefulSet (`grafana.annotations`) also lands on its ClusterRole,
    // bindings, Services and ConfigMaps, which must stay prunable: annotate the StatefulSet alone.
    if (is(o, 'StatefulSet', GRAFANA_STATEFULSET)) {
      return { ...o, metadata: { ...o.metadata, annotations: { ...(o.metadata.annotations ?? {}), ...protectedAnnotations() } } };
    }
    // The certificate Jobs create a Secret and patch the webhook configurations, so their pods need
    // the token; the chart states that only on their ServiceAccount, the pods should say it too.
    if (o.kind === 'Job' && o.metadata?.namespace === MONITORING_NAMESPACE && ADMISSION_JOBS.includes(o.metadata?.name)) {
      const template = o.spec.template;
      return { ...o, spec: { ...o.spec, template: { ...template, spec: { ...template.spec, automountServiceAccountToken: true } } } };
    }
    return o;
  });
}
