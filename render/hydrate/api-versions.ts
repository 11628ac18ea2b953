// The custom resource API versions the platform's charts install, reported to every chart as
// available (`helm template --api-versions`): charts test either form,
// `Capabilities.APIVersions.Has "group/version"` or `"group/version/Kind"`.
// test/render/hydrate/api-versions.test.ts keeps the list equal to the CRDs rendered into dist/.
export const PLATFORM_API_VERSIONS: readonly string[] = [
  'argoproj.io/v1alpha1',
  'monitoring.coreos.com/v1',
  'monitoring.coreos.com/v1/PodMonitor',
  'monitoring.coreos.com/v1/PrometheusRule',
  'monitoring.coreos.com/v1/ServiceMonitor',
  'monitoring.coreos.com/v1alpha1',
  'postgresql.cnpg.io/v1',
  'secrets.hashicorp.com/v1beta1',
  'sparkoperator.k8s.io/v1beta2',
];
