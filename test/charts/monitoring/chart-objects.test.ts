// The kube-prometheus-stack objects as hydrated into dist/<env>/monitoring/: what our values and
// postRender make of them (pull policy, scratch bounds, security contexts, probes, spread,
// protection, node-exporter's namespace) and the NetworkPolicies that give each chart pod its flows.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { matchesSelector } from '../../../policies/helpers';
import { operatorPodsOf } from '../../../policies/operator-pods';
import { postRenderMonitoring } from '../../../charts/monitoring/post-render';
import { componentObjects, renderedEnvironment } from '../../fixtures/rendered';
import { flowWorld } from '../../fixtures/flows';

const objects = (env: EnvName) => componentObjects(renderedEnvironment(env), 'monitoring');
const find = (env: EnvName, kind: string, namespace: string, name: string) => {
  const o = objects(env).find((x) => x.kind === kind && x.metadata.namespace === namespace && x.metadata.name === name);
  if (!o) throw new Error(`${env}: no ${kind} ${namespace}/${name}`);
  return o;
};
const podSpec = (o: any) => o.spec.template.spec;
const allContainers = (o: any) => [...(podSpec(o).initContainers ?? []), ...podSpec(o).containers];
const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];
const grafana = (env: EnvName) => find(env, 'StatefulSet', 'monitoring', 'kube-prometheus-stack-grafana');
const container = (o: any, name: string) => podSpec(o).containers.find((c: any) => c.name === name);

describe('kube-prometheus-stack chart objects', () => {
  it('every chart container pulls Always and carries the scratch bound (64Mi/1Gi ephemeral storage)', () => {
    for (const env of ENVIRONMENTS) {
      const workloads = objects(env).filter((o) => WORKLOADS.includes(o.kind));
      expect(workloads.map((o) => o.metadata.name).sort(), env).toEqual([
        'kube-prometheus-stack-admission-create',
        'kube-prometheus-stack-admission-patch',
        'kube-prometheus-stack-grafana',
        'kube-prometheus-stack-kube-state-metrics',
        'kube-prometheus-stack-operator',
        'kube-prometheus-stack-prometheus-node-exporter',
      ]);
      for (const o of workloads) {
        for (const c of allContainers(o)) {
          expect(c.imagePullPolicy, `${env} ${o.metadata.name}/${c.name}`).toBe('Always');
          expect(c.resources.requests['ephemeral-storage'], `${env} ${o.metadata.name}/${c.name}`).toBe('64Mi');
          expect(c.resources.limits['ephemeral-storage'], `${env} ${o.metadata.name}/${c.name}`).toBe('1Gi');
        }
      }
    }
  });

  it('Grafana runs as uid/gid 10472 with read-only roots, writable /tmp and log folder as emptyDirs', () => {
    const g = grafana('prod');
    expect(podSpec(g).securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10472, runAsGroup: 10472, fsGroup: 10472 });
    for (const c of podSpec(g).containers) {
      expect(c.securityContext, c.name).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
    }
    const mounts = container(g, 'grafana').volumeMounts.map((m: any) => m.mountPath);
    expect(mounts).toEqual(expect.arrayContaining(['/tmp', '/var/log/grafana', '/var/lib/grafana']));
    expect(podSpec(g).volumes.filter((v: any) => ['tmp', 'logs'].includes(v.name))).toEqual([
      { name: 'tmp', emptyDir: {} },
      { name: 'logs', emptyDir: {} },
    ]);
  });

  it('Grafana: tcp liveness, /api/health readiness; each sidecar probes its own HEALTH_PORT', () => {
    const g = grafana('dev');
    const main = container(g, 'grafana');
    expect(main.livenessProbe).toEqual({ tcpSocket: { port: 'grafana' }, initialDelaySeconds: 60, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 6 });
    expect(main.readinessProbe).toEqual({ httpGet: { path: '/api/health', port: 'grafana' }, periodSeconds: 10 });
    const ports: Record<string, string> = {};
    for (const name of ['grafana-sc-dashboard', 'grafana-sc-datasources']) {
      const c = container(g, name);
      ports[name] = c.env.find((e: any) => e.name === 'HEALTH_PORT').value;
      for (const probe of [c.readinessProbe, c.livenessProbe]) {
        expect(probe.exec.command.slice(0, 2), name).toEqual(['python3', '-c']);
        expect(probe.exec.command[2], name).toContain("'http://127.0.0.1:%s/healthz' % os.environ['HEALTH_PORT']");
      }
    }
    // Distinct ports: the two sidecars share the pod's network namespace.
    expect(ports).toEqual({ 'grafana-sc-dashboard': '8084', 'grafana-sc-datasources': '8082' });
  });

  it('Grafana replicas spread over nodes where there are several (prod), not in single-replica dev', () => {
    const term = podSpec(grafana('prod')).affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0];
    expect(term).toEqual({
      weight: 100,
      podAffinityTerm: { labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': 'kube-prometheus-stack' } }, topologyKey: 'kubernetes.io/hostname' },
    });
    expect(grafana('prod').spec.replicas).toBe(2);
    expect(podSpec(grafana('dev')).affinity).toBeUndefined();
  });

  it('postRender protects the Grafana StatefulSet alone and states the certificate Jobs\' token', () => {
    for (const env of ENVIRONMENTS) {
      const annotated = objects(env).filter((o) => o.metadata.annotations?.['argocd.argoproj.io/sync-options']?.includes('Prune=false'));
      expect(annotated.map((o) => `${o.kind}/${o.metadata.name}`).sort(), env).toEqual([
        'Alertmanager/kube-prometheus-stack-alertmanager',
        'Prometheus/kube-prometheus-stack-prometheus',
        'StatefulSet/kube-prometheus-stack-grafana',
      ]);
      expect(grafana(env).metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
      for (const job of ['kube-prometheus-stack-admission-create', 'kube-prometheus-stack-admission-patch']) {
        const j = find(env, 'Job', 'monitoring', job);
        expect(podSpec(j).automountServiceAccountToken, `${env} ${job}`).toBe(true);
        expect(podSpec(j).securityContext, `${env} ${job}`).toEqual({ runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } });
      }
    }
  });

  it('postRender leaves other objects alone (a Grafana StatefulSet elsewhere, other Jobs)', () => {
    const elsewhere = { kind: 'StatefulSet', metadata: { name: 'kube-prometheus-stack-grafana', namespace: 'other' }, spec: {} };
    const otherJob = { kind: 'Job', metadata: { name: 'migrate', namespace: 'monitoring' }, spec: { template: { spec: {} } } };
    expect(postRenderMonitoring([elsewhere, otherJob])).toEqual([elsewhere, otherJob]);
  });

  it('node-exporter runs in its own privileged namespace, hardened as far as host access allows', () => {
    for (const env of ENVIRONMENTS) {
      const inNodeExporter = objects(env).filter((o) => o.metadata.namespace === 'node-exporter').map((o) => `${o.kind}/${o.metadata.name}`).sort();
      expect(inNodeExporter, env).toEqual([
        'DaemonSet/kube-prometheus-stack-prometheus-node-exporter',
        'Service/kube-prometheus-stack-prometheus-node-exporter',
        'ServiceAccount/kube-prometheus-stack-prometheus-node-exporter',
        'ServiceMonitor/kube-prometheus-stack-prometheus-node-exporter',
      ]);
      const ns = componentObjects(renderedEnvironment(env), 'namespaces').find((o) => o.kind === 'Namespace' && o.metadata.name === 'node-exporter');
      expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    }
    const ds = find('prod', 'DaemonSet', 'node-exporter', 'kube-prometheus-stack-prometheus-node-exporter');
    expect(podSpec(ds).automountServiceAccountToken).toBe(false);
    expect(container(ds, 'node-exporter').securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(podSpec(ds).securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534 });
  });

  it('the observability project may deploy to monitoring and node-exporter only', () => {
    const project = renderedEnvironment('prod').docs.find((d) => d.object.kind === 'AppProject' && d.object.metadata.name === 'gridata-prod-observability')!.object;
    expect(project.spec.destinations.map((d: any) => d.namespace)).toEqual(['monitoring', 'node-exporter']);
  });
});

describe('NetworkPolicies for the chart pods', () => {
  const policies = (env: EnvName) => objects(env).filter((o) => o.kind === 'NetworkPolicy');
  const policy = (name: string, namespace = 'monitoring') => policies('prod').find((p) => p.metadata.name === name && p.metadata.namespace === namespace)!;
  const ports = (rule: any) => rule.ports.map((p: any) => p.port);

  it('every chart pod template is selected by a policy of its own (not only namespace-wide ones)', () => {
    for (const env of ENVIRONMENTS) {
      // NetworkPolicies do not apply to host-network pods (node-exporter): nothing to select.
      for (const o of objects(env).filter((x) => WORKLOADS.includes(x.kind) && !x.spec.template.spec.hostNetwork)) {
        const own = policies(env).filter(
          (p) => p.metadata.namespace === o.metadata.namespace && matchesSelector(p.spec.podSelector, o.spec.template.metadata.labels),
        );
        expect(own.length, `${env} ${o.kind}/${o.metadata.name}`).toBeGreaterThan(0);
      }
    }
  });

  it('Grafana: scraped by Prometheus on 3000; reaches Prometheus 9090, Alertmanager 9093 and the API server', () => {
    const p = policy('grafana-egress');
    expect(p.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': 'kube-prometheus-stack' } });
    expect(p.spec.egress.map(ports)).toEqual([[9093], [9090], [443]]);
    const { reaches } = flowWorld('prod');
    const grafana = 'monitoring/StatefulSet/kube-prometheus-stack-grafana';
    expect(reaches('monitoring/Prometheus/kube-prometheus-stack-prometheus', grafana, 3000)).toBe(true);
    expect(reaches('ingress-nginx/Deployment/ingress-controller', grafana, 3000)).toBe(true);
    expect(reaches('monitoring/Alertmanager/kube-prometheus-stack-alertmanager', grafana, 3000)).toBe(false);
    expect(reaches(grafana, 'monitoring/Prometheus/kube-prometheus-stack-prometheus', 9090)).toBe(true);
    expect(reaches(grafana, 'monitoring/Alertmanager/kube-prometheus-stack-alertmanager', 9093)).toBe(true);
    expect(reaches(grafana, '10.20.0.17', 443)).toBe(true);
    expect(reaches(grafana, '140.82.112.3', 443)).toBe(false);
  });

  it('kube-state-metrics: Prometheus on 8080/8081 in, the API server out', () => {
    expect(policy('kube-state-metrics-ingress').spec.ingress.map(ports)).toEqual([[8080, 8081]]);
    expect(policy('kube-state-metrics-egress').spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '10.20.0.16/28' } }], ports: [{ protocol: 'TCP', port: 443 }] }]);
  });

  it('the certificate Jobs: nothing in, the API server out', () => {
    const p = policy('prometheus-admission-jobs-egress');
    expect(p.spec.podSelector).toEqual({ matchExpressions: [{ key: 'app', operator: 'In', values: ['kube-prometheus-stack-admission-create', 'kube-prometheus-stack-admission-patch'] }] });
    expect(p.spec.egress.map(ports)).toEqual([[443]]);
    expect(policies('prod').find((x) => x.metadata.name === 'prometheus-admission-jobs-ingress')).toBeUndefined();
    const { reaches } = flowWorld('prod');
    expect(reaches('monitoring/Prometheus/kube-prometheus-stack-prometheus', 'monitoring/Job/kube-prometheus-stack-admission-create', 8080)).toBe(false);
  });

  it('node-exporter: host network, so no pod policy applies; Prometheus scrapes it at the node addresses on 9100 only', () => {
    const inNamespace = renderedEnvironment('prod').docs.filter((d) => d.object.kind === 'NetworkPolicy' && d.object.metadata.namespace === 'node-exporter');
    expect(inNamespace.map((d) => d.object.metadata.name).sort()).toEqual(['allow-dns-egress', 'default-deny']);
    const { reaches } = flowWorld('prod');
    const node = '10.20.33.7';
    expect(reaches('monitoring/Prometheus/kube-prometheus-stack-prometheus', node, 9100)).toBe(true);
    expect(reaches('monitoring/Prometheus/kube-prometheus-stack-prometheus', node, 22)).toBe(false);
    expect(reaches('monitoring/StatefulSet/kube-prometheus-stack-grafana', node, 9100)).toBe(false);
  });
});

describe('operator-made pods (META-004)', () => {
  it('the chart Services select the pods the operator makes from the Prometheus and Alertmanager resources', () => {
    for (const env of ENVIRONMENTS) {
      const pods = objects(env).flatMap((o) => operatorPodsOf(o));
      expect(pods.map((p) => p.madeBy).sort(), env).toEqual([
        'the Prometheus operator from Alertmanager kube-prometheus-stack-alertmanager',
        'the Prometheus operator from Prometheus kube-prometheus-stack-prometheus',
      ]);
      for (const name of ['kube-prometheus-stack-prometheus', 'kube-prometheus-stack-alertmanager']) {
        const svc = find(env, 'Service', 'monitoring', name);
        const selected = pods.filter((p) => matchesSelector({ matchLabels: svc.spec.selector }, p.labels));
        expect(selected, `${env} ${name}`).toHaveLength(1);
      }
    }
  });

  it('models only the Prometheus operator\'s resources, with their podMetadata labels under its own', () => {
    const prometheus = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Prometheus',
      metadata: { name: 'p', namespace: 'ns' },
      spec: { podMetadata: { labels: { team: 'data', prometheus: 'overridden' } } },
    };
    expect(operatorPodsOf(prometheus)[0]!.labels).toEqual({
      team: 'data',
      prometheus: 'p',
      'app.kubernetes.io/name': 'prometheus',
      'app.kubernetes.io/instance': 'p',
      'app.kubernetes.io/managed-by': 'prometheus-operator',
      'operator.prometheus.io/name': 'p',
      'operator.prometheus.io/shard': '0',
    });
    expect(operatorPodsOf({ ...prometheus, apiVersion: 'example.com/v1' })).toEqual([]);
    expect(operatorPodsOf({ ...prometheus, kind: 'ServiceMonitor' })).toEqual([]);
  });
});
