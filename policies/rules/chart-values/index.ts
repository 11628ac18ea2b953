import type { Rule } from '../../types';
import './airflow-vault-pods';
import { airflowAvailability } from './airflow-availability';
import { airflowResources } from './airflow-resources';
import { airflowSecrets } from './airflow-secrets';
import { kubePrometheusStackAvailability } from './kube-prometheus-stack-availability';
import { kubePrometheusStackResources } from './kube-prometheus-stack-resources';
import { kubePrometheusStackSecrets } from './kube-prometheus-stack-secrets';

export const RULES: readonly Rule[] = [
  airflowResources,
  airflowSecrets,
  airflowAvailability,
  kubePrometheusStackResources,
  kubePrometheusStackAvailability,
  kubePrometheusStackSecrets,
];
