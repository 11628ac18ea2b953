import type { ChartValuesRule, Finding } from '../../types';
import { HA_ENVIRONMENTS, valueAt } from '../../helpers';
import { availabilityRule, finding } from './data-plane-values';

const base = availabilityRule('CV-VAULT-002', 'vault', 'Vault', (v) => [
  { replicas: 'server.ha.replicas', pdb: 'server.ha.disruptionBudget.enabled', minimum: 3, required: ['server.affinity.podAntiAffinity'] },
  ...(v.injector?.enabled === false ? [] : [{ replicas: 'injector.replicas', pdb: 'injector.podDisruptionBudget', required: ['injector.affinity.podAntiAffinity'] }]),
]);

/** Raft needs an odd quorum of voters on distinct nodes; standalone mode is never HA. */
export const vaultAvailability: ChartValuesRule = {
  ...base,
  title: 'Vault runs HA raft with at least 3 voters, a PDB and node anti-affinity in staging and prod',
  check: (chart, rendered) => {
    const findings: Finding[] = base.check(chart, rendered, undefined);
    if (!HA_ENVIRONMENTS.includes(chart.env)) return findings;
    if (valueAt(chart.values, 'server.ha.enabled') !== true) findings.push(finding(chart, 'server.ha.enabled is not true'));
    if (valueAt(chart.values, 'server.ha.raft.enabled') !== true) findings.push(finding(chart, 'server.ha.raft.enabled is not true'));
    return findings;
  },
};
