// The standard labels every object and pod template carries.
import type { EnvName } from '../../environments/catalog';

export const PART_OF = 'gridata';
export const MANAGED_BY = 'cdk8s';
export const ENVIRONMENT_LABEL = 'gridata.io/environment';

export const LABEL = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  version: 'app.kubernetes.io/version',
} as const;

export const STANDARD_LABEL_KEYS = [...Object.values(LABEL), ENVIRONMENT_LABEL] as const;

export interface LabelSubject {
  /** The application's name, e.g. "minio". */
  readonly name: string;
  /** The part it plays inside the application, e.g. "server" or "provisioner". */
  readonly component: string;
}

/**
 * Selector labels: the stable subset used in workload and Service selectors.
 * Never includes the version, which changes on every promotion.
 */
export function selectorLabels(env: EnvName, subject: LabelSubject): Record<string, string> {
  return {
    [LABEL.name]: subject.name,
    [LABEL.instance]: `${subject.name}-${env}`,
    [LABEL.component]: subject.component,
  };
}

export function standardLabels(env: EnvName, subject: LabelSubject, version: string): Record<string, string> {
  return {
    ...selectorLabels(env, subject),
    [LABEL.partOf]: PART_OF,
    [LABEL.managedBy]: MANAGED_BY,
    [LABEL.version]: sanitizeLabelValue(version),
    [ENVIRONMENT_LABEL]: env,
  };
}

/** Label values allow [A-Za-z0-9_.-], at most 63 characters. */
export function sanitizeLabelValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}
