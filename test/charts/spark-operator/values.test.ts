import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../../environments/load';
import { sparkOperatorValues } from '../../../charts/spark-operator/values';
import { sparkOperatorComponent } from '../../../charts/spark-operator';
import { SPARK_DRIVER_SERVICE_ACCOUNT } from '../../../charts/shared/endpoints';
import { componentObjects, renderedEnvironment } from '../../fixtures/rendered';

const values = (env: 'dev' | 'prod') => sparkOperatorValues(loadEnvironment(env)) as Record<string, any>;

describe('Spark operator chart values', () => {
  it('watch only spark-jobs and create the exported driver ServiceAccount with its RBAC there', () => {
    const v = values('prod');
    expect(v.spark.jobNamespaces).toEqual(['spark-jobs']);
    expect(v.spark.serviceAccount).toEqual({ create: true, name: SPARK_DRIVER_SERVICE_ACCOUNT });
    expect(SPARK_DRIVER_SERVICE_ACCOUNT).toBe('spark-driver');
    expect(v.spark.rbac.create).toBe(true);
  });

  it('keep the webhook on, fail closed, and size controller and webhook from the environment', () => {
    const v = values('prod');
    expect(v.webhook).toMatchObject({ enable: true, failurePolicy: 'Fail', replicas: 2 });
    expect(v.controller.replicas).toBe(2);
    expect(v.controller.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '64Mi' },
      limits: { cpu: '500m', memory: '512Mi', 'ephemeral-storage': '1Gi' },
    });
    expect(v.webhook.resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi', 'ephemeral-storage': '64Mi' },
      limits: { cpu: '250m', memory: '256Mi', 'ephemeral-storage': '1Gi' },
    });
    expect(v.image).toEqual({ registry: 'ghcr.io', repository: 'kubeflow/spark-operator/controller', tag: '2.5.2', pullPolicy: 'Always' });
  });

  it('use leader election, PodMonitor and PDBs only where there are spare replicas', () => {
    const prod = values('prod');
    expect(prod.controller.leaderElection.enable).toBe(true);
    expect(prod.prometheus.podMonitor.create).toBe(true);
    expect(prod.controller.podDisruptionBudget).toEqual({ enable: true, minAvailable: 1 });
    expect(prod.webhook.podDisruptionBudget).toEqual({ enable: true, minAvailable: 1 });
    const dev = values('dev');
    expect(dev.controller.podDisruptionBudget.enable).toBe(false);
  });

  it('apply server-side and ignore the caBundle the webhook rewrites', () => {
    expect(sparkOperatorComponent.serverSideApply).toBe(true);
    expect(sparkOperatorComponent.ignoreDifferences!.map((d) => d.kind)).toEqual(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);
  });
});

describe.each(['dev', 'staging', 'prod'] as const)('Spark operator chart objects in %s', (env) => {
  const find = (name: string) => componentObjects(renderedEnvironment(env), 'spark-operator').find((o) => o.kind === 'Deployment' && o.metadata.name === name);

  it('run the webhook as uid/gid 65532 and the controller as the image\'s spark user (spark-submit needs it)', () => {
    expect(find('spark-operator-webhook').spec.template.spec.securityContext).toMatchObject({ runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532 });
    expect(find('spark-operator-controller').spec.template.spec.securityContext).toMatchObject({ runAsUser: 185, runAsGroup: 185, fsGroup: 185 });
  });

  it('pull Always and bound every container\'s scratch space', () => {
    for (const name of ['spark-operator-controller', 'spark-operator-webhook']) {
      for (const c of find(name).spec.template.spec.containers) {
        expect(c.imagePullPolicy, name).toBe('Always');
        expect(c.resources.requests['ephemeral-storage'], name).toBe('64Mi');
        expect(c.resources.limits['ephemeral-storage'], name).toBe('1Gi');
      }
    }
  });
});
