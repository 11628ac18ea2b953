// Tells the Vault rules which ServiceAccount each DataHub chart pod runs as, should its
// podAnnotations ever carry Vault injector annotations (today the charts read VSO-synced Secrets
// only; our ingestion CronJobs are rendered documents the Vault rules check directly).
import { chartVaultPod, registerChartVaultPods } from '../vault/chart-pods';

registerChartVaultPods('datahub', (values, chart) => {
  const namespace = chart.application.object.spec?.destination?.namespace ?? 'datahub';
  const pod = (component: string, terminates: boolean, serviceAccountAt?: string) =>
    chartVaultPod(values, { annotationsAt: `${component}.podAnnotations`, namespace, serviceAccountAt, terminates, volumesAt: `${component}.extraVolumes` });
  return [
    pod('datahub-gms', false, 'datahub-gms.serviceAccount.name'),
    pod('datahub-frontend', false, 'datahub-frontend.serviceAccount.name'),
    pod('acryl-datahub-actions', false, 'acryl-datahub-actions.serviceAccount.name'),
    pod('datahubSystemUpdate', true, 'datahubSystemUpdate.serviceAccount'),
  ].filter((p): p is NonNullable<typeof p> => p !== undefined);
});
