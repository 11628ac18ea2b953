import type { ChartValuesRule } from '../../types';
import { missingResources } from './values-checks';

export const ARGO_CD_COMPONENTS = ['controller', 'server', 'repoServer', 'applicationSet', 'notifications', 'redis'];

export const argoCdResources: ChartValuesRule = {
  id: 'CV-ARGOCD-001',
  title: 'Every Argo CD component has CPU and memory requests and limits',
  severity: 'error',
  rationale: 'The repo-server and controller grow with the number of applications; unbounded they starve the cluster they manage.',
  remediation: 'Set resources (cpu/memory requests and limits) for the reported Argo CD component from sizing.argocd in environments/<env>.yaml.',
  family: 10,
  scope: 'chart-values',
  charts: ['argo-cd'],
  check: (chart) => missingResources(chart, [...ARGO_CD_COMPONENTS, ...(chart.values.dex?.enabled === false ? [] : ['dex'])].map((c) => `${c}.resources`)),
};
