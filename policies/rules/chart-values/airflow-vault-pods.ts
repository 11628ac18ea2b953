// Tells the Vault rules which ServiceAccount each Vault-annotated Airflow pod runs as, and
// which volumes it has (the audience-bound token volume comes from the global `volumes`).
import { chartVaultPod, registerChartVaultPods } from '../vault/chart-pods';

registerChartVaultPods('airflow', (values, chart) => {
  const namespace = chart.application.object.spec?.destination?.namespace ?? 'airflow';
  const pod = (component: string, terminates: boolean) =>
    chartVaultPod(values, {
      annotationsAt: `${component}.podAnnotations`,
      namespace,
      serviceAccountAt: `${component}.serviceAccount.name`,
      terminates,
      volumesAt: 'volumes',
    });
  return [pod('workers', true), pod('triggerer', false), pod('apiServer', false), pod('scheduler', false), pod('dagProcessor', false)].filter((p): p is NonNullable<typeof p> => p !== undefined);
});
