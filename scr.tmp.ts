import { loadRenderedEnvironment } from './policies/load-rendered';
const r = loadRenderedEnvironment((process.argv[2] ?? 'prod') as any);
for (const d of r.documents) { const o = d.object;
 if (['ServiceMonitor','PodMonitor'].includes(o.kind)) console.log(d.component, o.kind, o.metadata.namespace, o.metadata.name, JSON.stringify(o.spec.namespaceSelector ?? ''), JSON.stringify(o.spec.selector?.matchLabels), JSON.stringify((o.spec.endpoints ?? o.spec.podMetricsEndpoints ?? []).map((e:any)=>e.port ?? e.targetPort)));
 if (o.kind==='Prometheus') console.log('PROM', JSON.stringify({sm: o.spec.serviceMonitorSelector, smns: o.spec.serviceMonitorNamespaceSelector, pm: o.spec.podMonitorSelector, pod: o.spec.podMetadata, am: o.spec.alerting}));
 if (o.kind==='Alertmanager') console.log('AM', JSON.stringify({pod: o.spec.podMetadata}));
}
