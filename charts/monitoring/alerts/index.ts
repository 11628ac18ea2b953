// Every alert group Gridata ships; each becomes one PrometheusRule in dist/<env>/monitoring/.
import { AIRFLOW_ALERTS } from './airflow';
import { ARGOCD_ALERTS } from './argocd';
import { DATA_QUALITY_ALERTS } from './data-quality';
import { OBJECT_STORE_ALERTS } from './object-store';
import { SPARK_ALERTS } from './spark';
import type { AlertGroup } from './types';
import { VAULT_ALERTS } from './vault';

export const ALERT_GROUPS: readonly AlertGroup[] = [
  AIRFLOW_ALERTS,
  SPARK_ALERTS,
  OBJECT_STORE_ALERTS,
  VAULT_ALERTS,
  DATA_QUALITY_ALERTS,
  ARGOCD_ALERTS,
];
