import type { ChartValuesRule, Finding } from '../../types';
import { HA_ENVIRONMENTS, valueAt } from '../../helpers';
import { ARGO_CD_COMPONENTS } from './argo-cd-resources';

export const argoCdAvailability: ChartValuesRule = {
  id: 'CV-ARGOCD-002',
  title: 'Replicated Argo CD components have a PDB in staging and prod',
  severity: 'error',
  rationale: 'A drain that evicts every repo-server or API server replica stops all syncs at once.',
  remediation: 'Enable the component\'s pdb (pdb.enabled: true) wherever it runs more than one replica in staging or prod.',
  family: 10,
  scope: 'chart-values',
  charts: ['argo-cd'],
  check: (chart) => {
    if (!HA_ENVIRONMENTS.includes(chart.env)) return [];
    const findings: Finding[] = [];
    for (const component of ARGO_CD_COMPONENTS) {
      const replicas = valueAt(chart.values, `${component}.replicas`) ?? 1;
      if (replicas > 1 && valueAt(chart.values, `${component}.pdb.enabled`) !== true) {
        findings.push({ message: `${component}.replicas is ${replicas} but ${component}.pdb.enabled is not true`, document: chart.application });
      }
    }
    return findings;
  },
};
