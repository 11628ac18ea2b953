// The repository's one exemption mechanism, for our policy rules and for kube-score/kube-linter
// findings alike: object + rule + reason + expiry. Expired or unused entries fail the build
// (policy rules are judged by `npm run policy`, linter rules by `npm run lint:k8s`).
import { DELIBERATE_LINTER_EXEMPTIONS, LINTER_EXEMPTIONS } from '../linter-exemptions';
import type { Exemption } from '../types';
import { EXEMPTIONS as AIRFLOW } from './airflow';
import { EXEMPTIONS as ARGOCD } from './argocd';
import { EXEMPTIONS as CERT_MANAGER } from './cert-manager';
import { EXEMPTIONS as CNPG } from './cnpg';
import { EXEMPTIONS as DATAHUB } from './datahub';
import { EXEMPTIONS as DATAHUB_PREREQUISITES } from './datahub-prerequisites';
import { EXEMPTIONS as ICEBERG_CATALOG } from './iceberg-catalog';
import { EXEMPTIONS as MONITORING } from './monitoring';
import { EXEMPTIONS as SPARK_OPERATOR } from './spark-operator';
import { EXEMPTIONS as VAULT } from './vault';
import { EXEMPTIONS as VAULT_SECRETS_OPERATOR } from './vault-secrets-operator';

/**
 * Exemptions from our own policy rules (policies/rules): objects of upstream charts, one file per
 * hydrated component (policies/exemptions/<component>.ts).
 */
const POLICY_EXEMPTIONS: readonly Exemption[] = [
  ...AIRFLOW, ...ARGOCD, ...CERT_MANAGER, ...CNPG, ...DATAHUB, ...DATAHUB_PREREQUISITES, ...ICEBERG_CATALOG, ...MONITORING, ...SPARK_OPERATOR, ...VAULT, ...VAULT_SECRETS_OPERATOR,
];

export const EXEMPTIONS: readonly Exemption[] = [...POLICY_EXEMPTIONS, ...LINTER_EXEMPTIONS, ...DELIBERATE_LINTER_EXEMPTIONS];

/** Rule ids of external linters; their exemptions are judged by `npm run lint:k8s`, not the policy engine. */
export function isLinterRule(rule: string): boolean {
  return rule.startsWith('kube-score:') || rule.startsWith('kube-linter:');
}
