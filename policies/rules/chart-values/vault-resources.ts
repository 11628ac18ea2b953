import type { ChartValuesRule } from '../../types';
import { valueAt } from '../../helpers';
import { finding, resourcesRule } from './data-plane-values';

const base = resourcesRule('CV-VAULT-001', 'vault', 'Vault chart', (v) => [
  'server.resources',
  ...(v.injector?.enabled === false ? [] : ['injector.resources']),
  ...(v.csi?.enabled ? ['csi.resources', 'csi.agent.resources'] : []),
]);

/** Also the injected agents: the injector's agentDefaults size every agent container it adds. */
export const vaultResources: ChartValuesRule = {
  ...base,
  title: 'Every Vault chart component, and every agent the injector adds, has CPU and memory requests and limits',
  check: (chart, rendered) => {
    const findings = base.check(chart, rendered, undefined);
    if (valueAt(chart.values, 'injector.enabled') !== false) {
      for (const key of ['cpuRequest', 'cpuLimit', 'memRequest', 'memLimit']) {
        if (!valueAt(chart.values, `injector.agentDefaults.${key}`)) findings.push(finding(chart, `injector.agentDefaults.${key} is not set`));
      }
    }
    return findings;
  },
};
