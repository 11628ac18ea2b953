// The Airflow chart (1.22.0, from the chart mirror) rendered by helm with the values every environment
// generates: what the cluster would get. Integration project (runs helm).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments, parseDocument, isMap, type YAMLMap } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { airflowAgentAnnotations } from '../../../charts/airflow/vault';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { loadEnvironment } from '../../../environments/load';
import type { Environment } from '../../../environments/types';
import { podSpecsOf } from '../../../policies/pod-specs';
import { evaluatePod } from '../../../policies/pod-security-standards';
import { injectVaultAgent } from '../../../policies/vault-agent-injection';
import { helmTemplate } from '../../../render/hydrate/helm';
import { REPO_ROOT } from '../../../render/hydrate/lock';
import { chartRequests } from '../../../tools/charts/sources';
import { supplyChart } from '../../../render/hydrate/supply';

const mirror = process.env.GRIDATA_CHART_MIRROR ?? join(REPO_ROOT, '../shared/chart-mirror');
const outputDir = mkdtempSync(join(tmpdir(), 'gridata-airflow-chart-'));
afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

interface Rendered {
  readonly env: Environment;
  readonly values: Record<string, any>;
  readonly objects: any[];
  /** The KubernetesExecutor pod template (ConfigMap airflow-config, pod_template_file.yaml), as a Pod. */
  readonly taskPod: any;
}

const rendered = new Map<EnvName, Rendered>();
let chartDir: string;

beforeAll(async () => {
  for (const name of ENVIRONMENTS) {
    const env = loadEnvironment(name);
    const request = chartRequests(env).find((r) => r.component === 'airflow')!;
    const { manifest } = await helmTemplate(request, { mirror, outputDir });
    const objects = parseAllDocuments(manifest).map((d) => d.toJS()).filter(Boolean);
    const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'airflow-config');
    rendered.set(name, { env, values: request.values, objects, taskPod: parse(config.data['pod_template_file.yaml']) });
  }
  chartDir = (await supplyChart('airflow', loadEnvironment('prod').versions.airflow.chart!, { mirror })).dir;
});

const get = (name: EnvName) => rendered.get(name)!;
/** The pod spec after the Vault agent injector mutated it (the policies' model of vault-k8s; a copy). */
const withInjectedAgents = (spec: any, annotations: Record<string, string>) => {
  const pod = { metadata: { annotations }, spec: structuredClone(spec) };
  expect(injectVaultAgent(pod).refusal).toBeUndefined();
  return pod.spec;
};
const object = (r: Rendered, kind: string, name: string) => {
  const found = r.objects.find((o) => o.kind === kind && o.metadata.name === name);
  expect(found, `${kind}/${name}`).toBeDefined();
  return found;
};
/** Every pod the chart makes, as [id, pod metadata, pod spec]. */
const pods = (r: Rendered) => [
  ...r.objects.flatMap((o) => podSpecsOf(o).map((p) => [`${o.kind}/${o.metadata.name}`, p.metadata, p.spec] as const)),
  ['Pod/task (pod_template_file)', r.taskPod.metadata, r.taskPod.spec] as const,
];

describe('Airflow chart: Vault agent annotations survive the chart\'s tpl', () => {
  const agentPods = [
    ['Deployment', 'airflow-api-server', 'apiServer'],
    ['Deployment', 'airflow-triggerer', 'triggerer'],
  ] as const;

  it('hands the injector exactly the annotations we declare, on the API server, triggerer and task pods, in every environment', () => {
    for (const name of ENVIRONMENTS) {
      const r = get(name);
      const sites = [
        ...agentPods.map(([kind, objectName, identity]) => [identity, object(r, kind, objectName).spec.template.metadata.annotations] as const),
        ['worker', r.taskPod.metadata.annotations] as const,
      ];
      for (const [identity, annotations] of sites) {
        const intended = airflowAgentAnnotations(r.env, identity);
        const vault = Object.fromEntries(Object.entries(annotations).filter(([k]) => k.startsWith('vault.hashicorp.com/')));
        expect(vault, `${name} ${identity}`).toEqual(intended);
      }
    }
  });

  it('renders the agent template byte for byte', () => {
    const expected =
      '{{- with secret "kv/data/dev/object-store/users/airflow" -}}\n[default]\naws_access_key_id = {{ .Data.data.accessKey }}\n' +
      'aws_secret_access_key = {{ .Data.data.secretKey }}\n{{- end }}\n';
    const r = get('dev');
    const template = 'vault.hashicorp.com/agent-inject-template-object-store';
    expect(object(r, 'Deployment', 'airflow-api-server').spec.template.metadata.annotations[template]).toBe(expected);
    expect(object(r, 'Deployment', 'airflow-triggerer').spec.template.metadata.annotations[template]).toBe(expected);
    expect(r.taskPod.metadata.annotations[template]).toBe(expected);
  });

  it('injects no agent where none is declared (scheduler, DAG processor, statsd, jobs)', () => {
    const injected = pods(get('prod')).filter(([, meta]) => meta.annotations?.['vault.hashicorp.com/agent-inject'] === 'true').map(([id]) => id);
    expect(injected).toEqual(['Deployment/airflow-api-server', 'Deployment/airflow-triggerer', 'Pod/task (pod_template_file)']);
  });
});

describe('Airflow chart: Pod Security restricted', () => {
  it('renders exactly the expected pods and containers, git-sync and init containers included', () => {
    const containers = (spec: any) => [...(spec.initContainers ?? []).map((c: any) => `init:${c.name}`), ...spec.containers.map((c: any) => c.name)];
    expect(Object.fromEntries(pods(get('prod')).map(([id, , spec]) => [id, containers(spec)]))).toEqual({
      'Deployment/airflow-api-server': ['init:wait-for-airflow-migrations', 'api-server'],
      'Deployment/airflow-dag-processor': ['init:wait-for-airflow-migrations', 'init:git-sync-init', 'dag-processor', 'git-sync', 'dag-processor-log-groomer'],
      'Deployment/airflow-scheduler': ['init:wait-for-airflow-migrations', 'scheduler', 'scheduler-log-groomer'],
      'Deployment/airflow-statsd': ['statsd'],
      'Deployment/airflow-triggerer': ['init:wait-for-airflow-migrations', 'init:git-sync-init', 'triggerer', 'git-sync', 'triggerer-log-groomer'],
      'Job/airflow-run-airflow-migrations': ['run-airflow-migrations'],
      'CronJob/airflow-cleanup': ['airflow-cleanup-pods'],
      'Pod/task (pod_template_file)': ['init:git-sync-init', 'base'],
    });
  });

  it('admits every pod, with the Vault agent containers the injector adds, in every environment', () => {
    for (const name of ENVIRONMENTS) {
      for (const [id, metadata, spec] of pods(get(name))) {
        const admitted = withInjectedAgents(spec, metadata?.annotations ?? {});
        const failures = evaluatePod({ level: 'restricted', version: 'latest' }, metadata ?? {}, admitted).map((f) => `${f.reason} (${f.detail})`);
        expect(failures, `${name} ${id}`).toEqual([]);
      }
    }
  });

  it('gives the injected agent containers a restricted securityContext and the pod the seccomp profile they inherit', () => {
    const r = get('prod');
    const spec = object(r, 'Deployment', 'airflow-api-server').spec.template;
    const mutated = withInjectedAgents(spec.spec, spec.metadata.annotations);
    const agents = [...mutated.initContainers, ...mutated.containers].filter((c: any) => c.name.startsWith('vault-agent'));
    expect(agents.map((c: any) => c.name)).toEqual(['vault-agent-init', 'vault-agent']);
    for (const agent of agents) {
      expect(agent.securityContext).toEqual({
        runAsUser: 100, runAsGroup: 1000, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: false,
      });
    }
    expect(spec.spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    // Task pods must finish: init container only.
    expect(withInjectedAgents(r.taskPod.spec, r.taskPod.metadata.annotations).containers.map((c: any) => c.name)).toEqual(['base']);
  });
});

describe('Airflow chart: task pods from workers.kubernetes', () => {
  it('builds the task pod template from workers.kubernetes: ServiceAccount, resources, secrets-backend role', () => {
    for (const name of ENVIRONMENTS) {
      const r = get(name);
      const base = r.taskPod.spec.containers[0];
      expect(r.taskPod.spec.serviceAccountName, name).toBe('airflow-worker');
      const { requests, limits } = r.env.sizing.airflow.workers.resources;
      expect(base.resources, name).toEqual({ requests: { ...requests, 'ephemeral-storage': '64Mi' }, limits: { ...limits, 'ephemeral-storage': '1Gi' } });
      const kwargs = JSON.parse(base.env.find((e: any) => e.name === 'AIRFLOW__SECRETS__BACKEND_KWARGS').value);
      expect(kwargs.kubernetes_role, name).toBe('airflow-airflow-worker');
    }
  });

  it('creates each ServiceAccount once, and none for Celery workers', () => {
    const accounts = get('prod').objects.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.name);
    expect(accounts).toEqual([...new Set(accounts)]);
    expect(accounts.filter((a) => a.startsWith('airflow-worker'))).toEqual(['airflow-worker']);
  });

  it('sets no values key that chart 1.22.0 marks deprecated', () => {
    const deprecated = deprecatedValuePaths(readFileSync(join(chartDir, 'values.yaml'), 'utf8'));
    // The parser finds the chart's own markings (a sample), so an empty answer below means something.
    expect(deprecated).toEqual(expect.arrayContaining(['securityContext', 'workers.resources', 'workers.podAnnotations', 'workers.serviceAccount.create', 'workers.env']));
    for (const name of ENVIRONMENTS) {
      const used = leafPaths(get(name).values).filter((p) => deprecated.some((d) => p === d || p.startsWith(`${d}.`)));
      expect(used, name).toEqual([]);
    }
  });
});

describe('Airflow chart: disruption budgets and chart-made Secrets', () => {
  it('gives the triggerer and the DAG processor a PDB wherever they run more than once (staging, prod), selecting their pods', () => {
    for (const name of ENVIRONMENTS) {
      const r = get(name);
      for (const [component, sizing] of [['triggerer', 'triggerer'], ['dag-processor', 'dagProcessor']] as const) {
        const deployment = object(r, 'Deployment', `airflow-${component}`);
        const replicas = r.env.sizing.airflow[sizing].replicas ?? 1;
        expect(deployment.spec.replicas, `${name} ${component}`).toBe(replicas);
        const pdb = r.objects.find((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === `airflow-${component}-pdb`);
        if (replicas < 2) {
          expect(pdb, `${name} ${component}`).toBeUndefined();
          continue;
        }
        expect(pdb.spec, `${name} ${component}`).toEqual({ selector: { matchLabels: { tier: 'airflow', component, release: 'airflow' } }, maxUnavailable: 1 });
        const labels = deployment.spec.template.metadata.labels;
        for (const [k, v] of Object.entries(pdb.spec.selector.matchLabels)) expect(labels[k], `${name} ${component} ${k}`).toBe(v);
      }
    }
    expect(get('staging').env.sizing.airflow.triggerer.replicas).toBe(2);
    expect(get('prod').env.sizing.airflow.dagProcessor.replicas).toBe(2);
  });

  it('renders no Secret: every secret is VSO-synced, and no broker URL is generated without Celery', () => {
    for (const name of ENVIRONMENTS) expect(get(name).objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name), name).toEqual([]);
  });
});

/** Dotted paths of every leaf of `values` (arrays are leaves). */
function leafPaths(values: unknown, prefix = ''): string[] {
  if (!values || typeof values !== 'object' || Array.isArray(values) || Object.keys(values).length === 0) return prefix ? [prefix] : [];
  return Object.entries(values).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

/** Keys whose own comment paragraph in the chart's values.yaml says "(deprecated, use … instead)". */
function deprecatedValuePaths(valuesYaml: string): string[] {
  const found: string[] = [];
  const walk = (map: YAMLMap, prefix: string) => {
    map.items.forEach((item, i) => {
      const key = String((item.key as any).value);
      const path = prefix ? `${prefix}.${key}` : key;
      // The comment above a map's first key is attached to the map itself.
      const comment = [i === 0 ? map.commentBefore : undefined, (item.key as any).commentBefore].filter(Boolean).join('\n');
      if (/\(deprecated/.test(comment.split(/\n\s*\n/).pop() ?? '')) found.push(path);
      if (isMap(item.value)) walk(item.value, path);
    });
  };
  walk(parseDocument(valuesYaml).contents as YAMLMap, '');
  return found;
}
