import type { ChartValuesRule, Finding } from '../../types';
import { HA_ENVIRONMENTS, valueAt } from '../../helpers';

/** Airflow components that must run at least twice in staging and prod. */
export const AIRFLOW_HA_COMPONENTS = ['scheduler', 'apiServer'];
/** Long-running Airflow components with a PDB template in the chart (1.22): any of them run more than once needs it. */
export const AIRFLOW_PDB_COMPONENTS = ['scheduler', 'apiServer', 'dagProcessor', 'triggerer'];

export const airflowAvailability: ChartValuesRule = {
  id: 'CV-AIRFLOW-003',
  title: 'Airflow scheduler and API server run at least 2 replicas in staging and prod, and every replicated component has a PDB',
  severity: 'error',
  rationale: 'A single scheduler or API server stops every pipeline (task pods call the API server) during a node drain; without a PDB a drain may evict every replica of the DAG processor or triggerer at once.',
  remediation: 'In staging and prod set scheduler/apiServer replicas to 2 or more, and podDisruptionBudget.enabled: true on scheduler, apiServer, dagProcessor and triggerer wherever replicas > 1.',
  family: 10,
  scope: 'chart-values',
  charts: ['airflow'],
  check: (chart) => {
    if (!HA_ENVIRONMENTS.includes(chart.env)) return [];
    const findings: Finding[] = [];
    for (const component of AIRFLOW_HA_COMPONENTS) {
      const replicas = valueAt(chart.values, `${component}.replicas`) ?? 1;
      if (replicas < 2) findings.push({ message: `${component}.replicas is ${replicas}, expected at least 2`, document: chart.application });
    }
    for (const component of AIRFLOW_PDB_COMPONENTS) {
      const replicas = valueAt(chart.values, `${component}.replicas`) ?? 1;
      const required = AIRFLOW_HA_COMPONENTS.includes(component) || replicas > 1;
      if (required && valueAt(chart.values, `${component}.podDisruptionBudget.enabled`) !== true) {
        findings.push({ message: `${component}.podDisruptionBudget.enabled is not true`, document: chart.application });
      }
    }
    return findings;
  },
};
