// Grafana dashboards as ConfigMaps labelled for the Grafana sidecar, one per dashboard.
import type { Construct } from 'constructs';
import { KubeConfigMap } from 'cdk8s-plus-28/lib/imports/k8s';
import { LABEL } from '../../shared/labels';
import { DASHBOARD_FOLDER_ANNOTATION, DASHBOARD_LABEL, MONITORING_NAMESPACE } from '../constants';
import { DATA_QUALITY } from './data-quality';
import { dashboardJson, type DashboardSpec } from './grafana-json';
import { PIPELINES } from './pipelines';
import { PLATFORM_HEALTH } from './platform-health';

export const DASHBOARDS: readonly DashboardSpec[] = [PLATFORM_HEALTH, PIPELINES, DATA_QUALITY];

export const dashboardConfigMapName = (spec: DashboardSpec) => `dashboard-${spec.uid}`;
export const dashboardFileName = (spec: DashboardSpec) => `${spec.uid}.json`;

export function renderDashboards(scope: Construct): void {
  for (const spec of DASHBOARDS) {
    new KubeConfigMap(scope, `dashboard-${spec.uid}`, {
      metadata: {
        name: dashboardConfigMapName(spec),
        namespace: MONITORING_NAMESPACE,
        labels: { [LABEL.name]: 'grafana-dashboards', [LABEL.component]: 'dashboard', [DASHBOARD_LABEL]: '1' },
        annotations: { [DASHBOARD_FOLDER_ANNOTATION]: spec.folder },
      },
      data: { [dashboardFileName(spec)]: JSON.stringify(dashboardJson(spec), null, 2) + '\n' },
    });
  }
}
