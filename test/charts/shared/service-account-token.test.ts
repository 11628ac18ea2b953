// The post-render step that writes a ServiceAccount's token setting on the pods using it.
import { describe, expect, it } from 'vitest';
import { podTokenFromServiceAccount } from '../../../charts/shared/service-account-token';

const sa = (name: string, automount?: boolean) => ({
  kind: 'ServiceAccount',
  metadata: { name, namespace: 'ns' },
  ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
});
const deployment = (name: string, spec: Record<string, unknown>) => ({ kind: 'Deployment', metadata: { name, namespace: 'ns' }, spec: { template: { spec } } });
const cronJob = (name: string, spec: Record<string, unknown>) => ({ kind: 'CronJob', metadata: { name, namespace: 'ns' }, spec: { jobTemplate: { spec: { template: { spec } } } } });

describe('podTokenFromServiceAccount', () => {
  it('copies the ServiceAccount\'s setting, Kubernetes\' default true when it has none, into pods that leave it out', () => {
    const out = podTokenFromServiceAccount([
      sa('off', false),
      sa('on', true),
      sa('unset'),
      deployment('a', { serviceAccountName: 'off' }),
      deployment('b', { serviceAccountName: 'on' }),
      cronJob('c', { serviceAccountName: 'unset' }),
    ]);
    expect(out.slice(3).map((o: any) => (o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : o.spec.template.spec).automountServiceAccountToken)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('keeps a pod\'s own setting and leaves pods of a ServiceAccount the chart does not render alone', () => {
    const out = podTokenFromServiceAccount([
      sa('on', true),
      deployment('own', { serviceAccountName: 'on', automountServiceAccountToken: false }),
      deployment('elsewhere', { serviceAccountName: 'not-rendered' }),
      deployment('default', {}),
      { kind: 'ServiceAccount', metadata: { name: 'on', namespace: 'other' }, automountServiceAccountToken: false },
    ]) as any[];
    expect(out[1].spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(out[2].spec.template.spec).not.toHaveProperty('automountServiceAccountToken');
    expect(out[3].spec.template.spec).not.toHaveProperty('automountServiceAccountToken');
  });
});
