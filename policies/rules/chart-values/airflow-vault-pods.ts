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
  // KubernetesExecutor task pods (pod_template_file): chart 1.22 reads `workers.kubernetes.*` and
  // falls back to the deprecated flat `workers.*` keys, as its template does.
  const k8s = values.workers?.kubernetes ?? {};
  const taskPod = chartVaultPod(values, {
    annotationsAt: k8s.podAnnotations && Object.keys(k8s.podAnnotations).length > 0 ? 'workers.kubernetes.podAnnotations' : 'workers.podAnnotations',
    namespace,
    serviceAccountAt: k8s.serviceAccount?.create ? 'workers.kubernetes.serviceAccount.name' : 'workers.serviceAccount.name',
    terminates: true,
    volumesAt: 'volumes',
  });
  return [taskPod, pod('triggerer', false), pod('apiServer', false), pod('scheduler', false), pod('dagProcessor', false)].filter((p): p is NonNullable<typeof p> => p !== undefined);
});
