// What the upstream charts really render (helm template at the pinned version, with the generated
// values of every environment, uncached): each defect issue #10 found in their output, asserted on
// that output, so a values change that brings one back fails here.
import { beforeAll, describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { matchesSelector } from '../../../policies/helpers';
import { imageRef, pinnedImage } from '../../../charts/shared/images';
import { loadEnvironment } from '../../../environments/load';
import { componentObjects, renderedEnvironment } from '../../fixtures/rendered';
import { containers, renderCharts, type RenderedChart } from './render-charts';

// Airflow is another change's (charts/airflow); its chart does not render today.
const SKIP = new Set(['airflow']);
const rendered = new Map<EnvName, Map<string, RenderedChart>>();

beforeAll(async () => {
  for (const env of ENVIRONMENTS) {
    rendered.set(env, await renderCharts(env, SKIP));
  }
}, 300_000);

const chart = (env: EnvName, component: string) => {
  const c = rendered.get(env)!.get(component);
  if (!c) throw new Error(`${env}/${component} was not rendered`);
  return c;
};
const each = <T>(fn: (env: EnvName, c: RenderedChart) => T[]) => ENVIRONMENTS.flatMap((env) => [...rendered.get(env)!.values()].flatMap((c) => fn(env, c)));

describe('helm accepts every generated value', () => {
  it('prints no warning for any chart (a warning means a value was ignored)', () => {
    expect(each((env, c) => (c.warnings.trim() ? [`${env}/${c.request.component}: ${c.warnings.trim().split('\n')[0]}`] : []))).toEqual([]);
  });

  it('Vault: server and injector anti-affinity reach the pods in prod', () => {
    const objects = chart('prod', 'vault').objects;
    const spec = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name).spec.template.spec;
    expect(spec('StatefulSet', 'vault').affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
      { labelSelector: { matchLabels: { 'app.kubernetes.io/instance': 'vault', 'app.kubernetes.io/name': 'vault', component: 'server' } }, topologyKey: 'kubernetes.io/hostname' },
    ]);
    expect(spec('Deployment', 'vault-agent-injector').affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels['app.kubernetes.io/name']).toBe('vault-agent-injector');
    expect(spec('StatefulSet', 'vault').affinity).toBeDefined();
    expect(chart('dev', 'vault').objects.find((o) => o.kind === 'StatefulSet').spec.template.spec.affinity).toBeUndefined();
  });
});

/** The namespaces the AppProject of `<env>-<component>` lets its Application deploy to. */
function projectNamespaces(env: EnvName, component: string): string[] {
  const docs = renderedEnvironment(env).docs.map((d) => d.object);
  const app = docs.find((o) => o.kind === 'Application' && o.metadata.name === `${env}-${component}`);
  const project = docs.find((o) => o.kind === 'AppProject' && o.metadata.name === app.spec.project);
  return project.spec.destinations.map((d: any) => d.namespace);
}

describe('every object lands where its AppProject allows', () => {
  it('no chart renders into a namespace outside its project (kube-prometheus-stack\'s kube-system exporters are off)', () => {
    const elsewhere = each((env, c) => {
      const allowed = projectNamespaces(env, c.request.component);
      return c.objects.filter((o) => o.metadata?.namespace && !allowed.includes(o.metadata.namespace)).map((o) => `${env}/${c.request.component} ${o.kind}/${o.metadata.namespace}/${o.metadata.name}`);
    });
    expect(elsewhere).toEqual([]);
  });

  it('monitoring keeps the kubelet, node and kube-state-metrics scrapes, and none of the control plane it cannot reach', () => {
    const monitors = chart('prod', 'monitoring').objects.filter((o) => o.kind === 'ServiceMonitor').map((o) => o.metadata.name).sort();
    expect(monitors).toContain('kube-prometheus-stack-kubelet');
    expect(monitors).toContain('kube-prometheus-stack-kube-state-metrics');
    expect(monitors).toContain('kube-prometheus-stack-prometheus-node-exporter');
    expect(monitors.filter((m) => /coredns|kube-dns|etcd|scheduler|controller-manager|kube-proxy/.test(m))).toEqual([]);
    // Their alert groups go with them: no rule watches a job that is never scraped.
    const rules = JSON.stringify(chart('prod', 'monitoring').objects.filter((o) => o.kind === 'PrometheusRule'));
    expect(rules).not.toMatch(/job="(kube-scheduler|kube-controller-manager|kube-etcd|kube-proxy)"/);
  });
});

describe('nothing random: what Argo CD applies is what was rendered', () => {
  it('a second uncached render of every chart in every environment is byte-identical', async () => {
    const differing: string[] = [];
    for (const env of ENVIRONMENTS) {
      const again = await renderCharts(env, SKIP);
      for (const [component, first] of rendered.get(env)!) {
        if (again.get(component)!.manifest !== first.manifest) differing.push(`${env}/${component}`);
      }
    }
    expect(differing).toEqual([]);
  }, 300_000);

  it('datahub-prerequisites renders no Secret: Kafka reads its password and cluster id from the VSO-synced datahub-kafka', () => {
    for (const env of ENVIRONMENTS) {
      const objects = chart(env, 'datahub-prerequisites').objects;
      expect(objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name), env).toEqual([]);
      const kafka = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'prerequisites-kafka-controller');
      const refs = kafka.spec.template.spec.containers[0].env.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => `${e.name}<-${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`);
      expect(refs).toEqual(['KAFKA_KRAFT_CLUSTER_ID<-datahub-kafka/kraft-cluster-id', 'KAFKA_CONTROLLER_PASSWORD<-datahub-kafka/controller-password']);
      expect(Object.keys(kafka.spec.template.metadata.annotations ?? {}).filter((k) => k.startsWith('checksum/passwords'))).toEqual([]);
    }
  });

  it('Argo CD renders no redis secret-init hook (its Secret is made once at bootstrap)', () => {
    const objects = chart('prod', 'argocd').objects;
    expect(objects.filter((o) => /redis-secret-init/.test(o.metadata.name)).map((o) => o.kind)).toEqual([]);
  });
});

describe('values reach the objects they are meant for', () => {
  it('Polaris: the container runs with a read-only root filesystem and the restricted context', () => {
    for (const env of ENVIRONMENTS) {
      const deployment = chart(env, 'iceberg-catalog').objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'polaris');
      expect(deployment.spec.template.spec.containers[0].securityContext, env).toEqual({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        // Merged from the chart's default: the image's user, the same as our pod-level runAsUser.
        runAsUser: 10000,
        seccompProfile: { type: 'RuntimeDefault' },
      });
    }
  });
});

describe('the CloudNativePG operator has a real PodDisruptionBudget where it runs redundant', () => {
  it.each(['staging', 'prod'] as const)('%s: the chart renders none, ours selects the chart\'s operator pods', (env) => {
    const objects = chart(env, 'cnpg').objects;
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    const operator = objects.find((o) => o.kind === 'Deployment');
    expect(operator.spec.replicas).toBeGreaterThan(1);
    const ours = componentObjects(renderedEnvironment(env), 'cnpg').filter((o) => o.kind === 'PodDisruptionBudget');
    expect(ours).toHaveLength(1);
    expect(matchesSelector(ours[0].spec.selector, operator.spec.template.metadata.labels)).toBe(true);
    expect(ours[0].metadata.namespace).toBe(operator.metadata.namespace ?? 'cnpg-system');
  });
});

describe('every container of every chart is pinned and sized', () => {
  it('has an explicit image tag (never latest, never untagged)', () => {
    const unpinned = each((env, c) =>
      containers(c.objects)
        .filter(({ container }) => {
          const image = String(container.image);
          const tag = image.slice(image.lastIndexOf('/') + 1).split(':')[1];
          return !image.includes('@sha256:') && (!tag || tag === 'latest');
        })
        .map(({ owner, container }) => `${env}/${c.request.component} ${owner} ${container.name}: ${container.image}`),
    );
    expect(unpinned).toEqual([]);
  });

  it('has cpu and memory requests and limits, init containers included', () => {
    const unsized = each((env, c) =>
      containers(c.objects)
        .filter(({ container: { resources: r } }) => !(r?.requests?.cpu && r?.requests?.memory && r?.limits?.cpu && r?.limits?.memory))
        .map(({ owner, container, init }) => `${env}/${c.request.component} ${owner} ${init ? 'init ' : ''}${container.name}`),
    );
    expect(unsized).toEqual([]);
  });

  it('OpenSearch runs no root busybox chown init container', () => {
    const sts = chart('prod', 'datahub-prerequisites').objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'opensearch-cluster-master');
    expect(sts.spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['configfile']);
  });
});

describe('auxiliary images come from the environment file', () => {
  it.each(ENVIRONMENTS)('%s: VSO kube-rbac-proxy, OpenSearch and the frozen Bitnami images equal the versions pins', (env) => {
    const e = loadEnvironment(env);
    const images = (component: string) => containers(chart(env, component).objects).map(({ container }) => String(container.image));
    expect(images('vault-secrets-operator')).toContain(imageRef(pinnedImage(e, 'vaultSecretsOperator', 'kubeRbacProxy')));
    const prerequisites = new Set(images('datahub-prerequisites'));
    expect(prerequisites).toEqual(new Set(['opensearch', 'mysql', 'kafka'].map((i) => imageRef(pinnedImage(e, 'datahub', i)))));
  });
});
