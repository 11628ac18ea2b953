// Argo CD alerts over argocd_app_info (application controller metrics).
import type { AlertGroup } from './types';

export const ARGOCD_ALERTS: AlertGroup = {
  name: 'argocd',
  alerts: [
    {
      alert: 'ArgoCdApplicationDegraded',
      expr: 'max by (name, project) (argocd_app_info{health_status="Degraded"}) > 0',
      for: '10m',
      severity: 'critical',
      summary: 'Argo CD application {{ $labels.name }} is degraded',
      description: 'Application {{ $labels.name }} (project {{ $labels.project }}) has reported health Degraded for 10 minutes.',
    },
    {
      alert: 'ArgoCdApplicationOutOfSync',
      expr: 'max by (name, project) (argocd_app_info{sync_status="OutOfSync"}) > 0',
      for: '30m',
      severity: 'warning',
      summary: 'Argo CD application {{ $labels.name }} is out of sync',
      description: 'Application {{ $labels.name }} (project {{ $labels.project }}) has differed from Git for 30 minutes; automated sync is failing or a field is rewritten by a controller.',
    },
  ],
};
