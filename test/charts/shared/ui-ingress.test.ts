// Every UI is served at <ui>.<domain> through an Ingress of the environment's class, with a TLS
// Secret issued by cert-manager from the environment's UI issuer, to a Service that exists on the
// port the ingress controller's flow opens.
import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { environment, renderedEnvironment } from '../../fixtures/rendered';
import { renderUiIngress } from '../../../charts/shared/ui-ingress';
import type { Environment } from '../../../environments/types';

const UIS: Record<string, { component: string; namespace: string; service: string; port: number; backendTls: boolean }> = {
  argocd: { component: 'argocd', namespace: 'argocd', service: 'argocd-server', port: 443, backendTls: true },
  airflow: { component: 'airflow', namespace: 'airflow', service: 'airflow-api-server', port: 8080, backendTls: false },
  datahub: { component: 'datahub', namespace: 'datahub', service: 'datahub-datahub-frontend', port: 9002, backendTls: false },
  grafana: { component: 'monitoring', namespace: 'monitoring', service: 'kube-prometheus-stack-grafana', port: 80, backendTls: false },
  vault: { component: 'vault', namespace: 'vault', service: 'vault-ui', port: 8200, backendTls: true },
};

const EXPECTED_ISSUER: Record<EnvName, string> = { dev: 'gridata-platform-ca', staging: 'gridata-acme', prod: 'gridata-acme' };
const EXPECTED_DOMAIN: Record<EnvName, string> = { dev: 'dev.gridata.example.com', staging: 'staging.gridata.example.com', prod: 'gridata.example.com' };

function find(env: EnvName, kind: string, namespace: string, name: string) {
  return renderedEnvironment(env).docs.find((d) => d.object.kind === kind && d.object.metadata.namespace === namespace && d.object.metadata.name === name);
}

describe('UI ingresses', () => {
  for (const env of ENVIRONMENTS) {
    it(`${env}: every UI has an Ingress of class nginx at <ui>.${EXPECTED_DOMAIN[env]} with a cert-manager TLS Secret`, () => {
      const ingresses = renderedEnvironment(env).docs.filter((d) => d.object.kind === 'Ingress');
      expect(ingresses.map((d) => d.object.metadata.name).sort()).toEqual(Object.keys(UIS).sort());
      for (const [ui, want] of Object.entries(UIS)) {
        const host = `${ui}.${EXPECTED_DOMAIN[env]}`;
        const ingress = find(env, 'Ingress', want.namespace, ui)!;
        expect(ingress.path).toBe(`${env}/${want.component}/ingress.${want.namespace}.${ui}.yaml`);
        expect(ingress.object.spec).toEqual({
          ingressClassName: 'nginx',
          tls: [{ hosts: [host], secretName: `${ui}-tls` }],
          rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: want.service, port: { number: want.port } } } }] } }],
        });
        expect(ingress.object.metadata.annotations?.['nginx.ingress.kubernetes.io/backend-protocol']).toBe(want.backendTls ? 'HTTPS' : undefined);
        const certificate = find(env, 'Certificate', want.namespace, `${ui}-tls`)!.object;
        expect(certificate.spec).toEqual({
          secretName: `${ui}-tls`,
          dnsNames: [host],
          issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: EXPECTED_ISSUER[env] },
          privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
        });
        const service = find(env, 'Service', want.namespace, want.service)!.object;
        expect(service.spec.ports.map((p: any) => p.port), `${ui} Service port`).toContain(want.port);
      }
    });
  }

  it('follows the environment file: another class, domain and issuer change every Ingress and Certificate (failing fixture)', () => {
    const base = environment('prod');
    const env: Environment = { ...base, domain: 'data.example.org', ingress: { className: 'traefik', issuer: 'privateCA' } };
    const chart = new Chart(Testing.app(), 'ui');
    renderUiIngress(chart, env, { ui: 'airflow', namespace: 'airflow', service: 'airflow-api-server', servicePort: 8080 });
    const [certificate, ingress] = Testing.synth(chart);
    expect(ingress.spec.ingressClassName).toBe('traefik');
    expect(ingress.spec.rules[0].host).toBe('airflow.data.example.org');
    expect(certificate.spec.issuerRef.name).toBe('gridata-platform-ca');
    expect(certificate.spec.dnsNames).toEqual(['airflow.data.example.org']);
    expect(ingress.spec).not.toEqual(find('prod', 'Ingress', 'airflow', 'airflow')!.object.spec);
  });
});
