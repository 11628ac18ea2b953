import type { Rule } from '../../types';
import './airflow-vault-pods';
import './datahub-vault-pods';
import { airflowAvailability } from './airflow-availability';
import { airflowResources } from './airflow-resources';
import { airflowSecrets } from './airflow-secrets';
import { argoCdAvailability } from './argo-cd-availability';
import { argoCdResources } from './argo-cd-resources';
import { argoCdSecrets } from './argo-cd-secrets';
import { dataPlaneSecretValues } from './data-plane-secrets';
import { vaultResources } from './vault-resources';
import { vaultAvailability } from './vault-availability';
import { vsoResources } from './vault-secrets-operator-resources';
import { vsoAvailability } from './vault-secrets-operator-availability';
import { cnpgResources } from './cloudnative-pg-resources';
import { cnpgAvailability } from './cloudnative-pg-availability';
import { polarisResources } from './polaris-resources';
import { polarisAvailability } from './polaris-availability';
import { sparkOperatorResources } from './spark-operator-resources';
import { sparkOperatorAvailability } from './spark-operator-availability';
import { kubePrometheusStackAvailability } from './kube-prometheus-stack-availability';
import { kubePrometheusStackResources } from './kube-prometheus-stack-resources';
import { kubePrometheusStackSecrets } from './kube-prometheus-stack-secrets';
import { datahubResources } from './datahub-resources';
import { datahubSecrets } from './datahub-secrets';
import { datahubAvailability } from './datahub-availability';
import { datahubSyncedSecrets } from './datahub-synced-secrets';
import { datahubPrerequisitesResources } from './datahub-prerequisites-resources';
import { datahubPrerequisitesSecrets } from './datahub-prerequisites-secrets';
import { valuesKeys } from './values-keys';

export const RULES: readonly Rule[] = [
  airflowResources,
  airflowSecrets,
  airflowAvailability,
  kubePrometheusStackResources,
  kubePrometheusStackAvailability,
  kubePrometheusStackSecrets,
  argoCdResources,
  argoCdAvailability,
  argoCdSecrets,
  dataPlaneSecretValues,
  vaultResources,
  vaultAvailability,
  vsoResources,
  vsoAvailability,
  cnpgResources,
  cnpgAvailability,
  polarisResources,
  polarisAvailability,
  sparkOperatorResources,
  sparkOperatorAvailability,
  datahubResources,
  datahubSecrets,
  datahubAvailability,
  datahubSyncedSecrets,
  datahubPrerequisitesResources,
  datahubPrerequisitesSecrets,
  valuesKeys,
];
