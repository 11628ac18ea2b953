import type { ChartValuesRule, Finding } from '../../types';
import { HA_ENVIRONMENTS, valueAt } from '../../helpers';

/** Long-running Airflow components whose PDB key the chart (1.22) supports. */
export const AIRFLOW_HA_COMPONENTS = ['scheduler', 'apiServer'];

export const airflowAvailability: ChartValuesRule = {
  id: 'CV-AIRFLOW-003',
  title: 'Airflow scheduler and API server run at least 2 replicas with a PDB in staging and prod',
  severity: 'error',
  rationale: 'A single scheduler or API server stops every pipeline (task pods call the API server) during a node drain.',
  remediation: 'In staging and prod set scheduler/apiServer replicas to 2 or more and podDisruptionBudget.enabled: true.',
  family: 10,
  scope: 'chart-values',
  charts: ['airflow'],
  check: (chart) => {
    if (!HA_ENVIRONMENTS.includes(chart.env)) return [];
    const findings: Finding[] = [];
    for (const component of AIRFLOW_HA_COMPONENTS) {
      const replicas = valueAt(chart.values, `${component}.replicas`) ?? 1;
      if (replicas < 2) findings.push({ message: `${component}.replicas is ${replicas}, expected at least 2`, document: chart.application });
      if (valueAt(chart.values, `${component}.podDisruptionBudget.enabled`) !== true) {
        findings.push({ message: `${component}.podDisruptionBudget.enabled is not true`, document: chart.application });
      }
    }
    return findings;
  },
};
