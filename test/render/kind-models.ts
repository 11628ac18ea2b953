// Validates a rendered object against the published JSON schema of its kind
// (kubernetes-models for built-in kinds, @kubernetes-models/* for Argo CD and Prometheus operator).
import type { K8sObject } from '../../policies/types';

const PACKAGES: Record<string, string> = {
  'argoproj.io': '@kubernetes-models/argo-cd/argoproj.io',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator/monitoring.coreos.com',
};

/** Returns validation errors, or undefined when no published model exists for the kind. */
export function validateKind(obj: K8sObject): string[] | undefined {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  const modulePath = PACKAGES[group!] ? `${PACKAGES[group!]}/${version}` : group === '' ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`;
  let Model: (new (data: unknown) => { validate(): void }) | undefined;
  try {
    Model = require(modulePath)[obj.kind];
  } catch {
    return undefined;
  }
  if (!Model) return undefined;
  try {
    new Model(obj).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: { instancePath: string; message?: string }[] }).errors;
    return errors ? errors.map((e) => `${e.instancePath} ${e.message}`) : [String(error)];
  }
}
