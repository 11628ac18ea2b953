// Vault serves TLS on every listener with a cert-manager certificate from the platform CA, and every
// client trusts that CA: raft peers, the in-pod CLI, injected agents, VSO, Airflow's secrets backend,
// the raft snapshot, the configuration and provisioning Jobs, Prometheus. No rendered file names a
// Vault address over plain HTTP.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { chartValues, objectOf, renderedEnvironment } from '../../fixtures/rendered';
import { injectorTrustsVaultCa } from '../../../charts/vault/post-render';

const DIST = join(__dirname, '../../../dist');

/** A Vault address over plain HTTP: the Service names, a raft peer, or anything on Vault's port. */
export const PLAIN_VAULT_ADDRESS = /http:\/\/(vault[a-z0-9.-]*|[a-z0-9.-]+:8200|127\.0\.0\.1:8200|\$\(POD_IP\):8200)/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function plainVaultAddresses(text: string): string[] {
  return text.split('\n').filter((line) => PLAIN_VAULT_ADDRESS.test(line));
}

const pod = (o: any) => (o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : o.spec.template.spec);
const containerOf = (o: any, name: string) => [...(pod(o).initContainers ?? []), ...pod(o).containers].find((c: any) => c.name === name);
const envOf = (c: any, name: string) => c.env?.find((e: any) => e.name === name);

describe('Vault TLS', () => {
  it('the committed dist/ holds no Vault address with http:// (every environment, every file, values included)', () => {
    for (const env of ENVIRONMENTS) {
      const dir = join(DIST, env);
      expect(existsSync(dir), dir).toBe(true);
      const found = filesUnder(dir).flatMap((file) => plainVaultAddresses(readFileSync(file, 'utf8')).map((line) => `${file}: ${line.trim()}`));
      expect(found).toEqual([]);
    }
  });

  it('the scan finds what it must (failing fixtures)', () => {
    expect(plainVaultAddresses('  value: http://vault.vault.svc:8200')).toHaveLength(1);
    expect(plainVaultAddresses('leader_api_addr = "http://vault-0.vault-internal:8200"')).toHaveLength(1);
    expect(plainVaultAddresses('VAULT_ADDR=http://127.0.0.1:8200')).toHaveLength(1);
    expect(plainVaultAddresses('{"url":"http://vault.vault.svc:8200"}')).toHaveLength(1);
    expect(plainVaultAddresses('value: https://vault.vault.svc:8200')).toEqual([]);
  });

  for (const env of ENVIRONMENTS) {
    describe(env, () => {
      const fixture = renderedEnvironment(env as EnvName);
      const values = chartValues(fixture, 'vault', 'vault');
      const config: string = (values.server.ha.enabled ? values.server.ha.raft.config : values.server.standalone.config) as string;

      it('the listener serves the certificate cert-manager issues from the platform CA', () => {
        expect(values.global.tlsDisable).toBe(false);
        expect(config).not.toMatch(/tls_disable/);
        expect(config).toContain('tls_cert_file   = "/vault/userconfig/vault-server-tls/tls.crt"');
        expect(config).toContain('tls_key_file    = "/vault/userconfig/vault-server-tls/tls.key"');
        const cert = objectOf(fixture, 'Certificate', 'vault-server-tls');
        expect(cert.metadata.namespace).toBe('vault');
        expect(cert.spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'gridata-platform-ca' });
        expect(cert.spec.dnsNames).toEqual(expect.arrayContaining(['vault.vault.svc', 'vault-active.vault.svc', '*.vault-internal', 'localhost']));
        expect(cert.spec.ipAddresses).toEqual(['127.0.0.1']);
        const server = objectOf(fixture, 'StatefulSet', 'vault');
        expect(pod(server).volumes).toContainEqual({ name: 'tls', secret: { secretName: 'vault-server-tls', defaultMode: 0o440 } });
        expect(envOf(containerOf(server, 'vault'), 'VAULT_ADDR').value).toBe('https://127.0.0.1:8200');
        expect(envOf(containerOf(server, 'vault'), 'VAULT_CACERT').value).toBe('/vault/userconfig/vault-server-tls/ca.crt');
      });

      it('raft peers join over https and verify the leader with the CA', () => {
        const joins = [...config.matchAll(/leader_api_addr\s+= "([^"]+)"\n\s+leader_ca_cert_file = "([^"]+)"/g)].map((m) => [m[1], m[2]]);
        expect(joins.length).toBe(values.server.ha.enabled ? values.server.ha.replicas : 0);
        for (const [addr, ca] of joins) {
          expect(addr).toMatch(/^https:\/\/vault-[0-9]+\.vault-internal:8200$/);
          expect(ca).toBe('/vault/userconfig/vault-server-tls/ca.crt');
        }
      });

      it('injected agents get the CA from the injector', () => {
        const injector = containerOf(objectOf(fixture, 'Deployment', 'vault-agent-injector'), 'sidecar-injector');
        expect(envOf(injector, 'AGENT_INJECT_VAULT_ADDR').value).toBe('https://vault.vault.svc:8200');
        expect(envOf(injector, 'AGENT_INJECT_VAULT_CACERT_BYTES').valueFrom).toEqual({ secretKeyRef: { name: 'vault-server-tls', key: 'ca.crt' } });
      });

      it('VSO verifies every connection against the namespace\'s vault-ca Secret, issued by the platform CA', () => {
        const connections = fixture.docs.filter((d) => d.object.kind === 'VaultConnection').map((d) => d.object);
        expect(connections.length).toBeGreaterThan(5);
        for (const c of connections) {
          expect(c.spec).toEqual({ address: 'https://vault.vault.svc:8200', skipTLSVerify: false, caCertSecretRef: 'vault-ca' });
          const trust = fixture.docs.find((d) => d.object.kind === 'Certificate' && d.object.metadata.namespace === c.metadata.namespace && d.object.metadata.name === 'vault-ca');
          expect(trust?.object.spec.issuerRef.name, c.metadata.namespace).toBe('gridata-platform-ca');
        }
      });

      it('the Vault clients among our Jobs trust the CA (VAULT_CACERT or SSL_CERT_FILE on a mounted ca.crt)', () => {
        const clients: [string, string, string, string, string][] = [
          ['CronJob', 'vault-raft-snapshot', 'save', 'VAULT_CACERT', 'vault-server-tls'],
          ['Job', 'vault-config-apply', 'vault-config', 'VAULT_CACERT', 'vault-server-tls'],
          ['Job', 'minio-provisioning', 'vault-credentials', 'VAULT_CACERT', 'vault-ca'],
          ['Job', 'polaris-provisioning', 'provision', 'SSL_CERT_FILE', 'vault-ca'],
        ];
        for (const [kind, name, container, variable, secret] of clients) {
          const o = objectOf(fixture, kind, name);
          const c = containerOf(o, container);
          expect(envOf(c, 'VAULT_ADDR').value, name).toBe('https://vault.vault.svc:8200');
          expect(envOf(c, variable).value, name).toBe('/etc/gridata/vault-ca/ca.crt');
          expect(c.volumeMounts, name).toContainEqual({ name: 'vault-ca', mountPath: '/etc/gridata/vault-ca', readOnly: true });
          expect(pod(o).volumes, name).toContainEqual({ name: 'vault-ca', secret: { secretName: secret, items: [{ key: 'ca.crt', path: 'ca.crt' }] } });
        }
        expect(objectOf(fixture, 'Certificate', 'vault-ca') && fixture.docs.some((d) => d.object.kind === 'Certificate' && d.object.metadata.namespace === 'object-store' && d.object.metadata.name === 'vault-ca')).toBe(true);
      });

      it("Airflow's secrets backend verifies Vault with the CA mounted into every Airflow pod", () => {
        const airflow = chartValues(fixture, 'airflow', 'airflow');
        const kwargs = JSON.parse(airflow.config.secrets.backend_kwargs);
        expect(kwargs).toMatchObject({ url: 'https://vault.vault.svc:8200', verify: '/etc/gridata/vault-ca/ca.crt' });
        expect(airflow.volumes).toContainEqual({ name: 'vault-ca', secret: { secretName: 'vault-ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } });
        expect(airflow.volumeMounts).toContainEqual({ name: 'vault-ca', mountPath: '/etc/gridata/vault-ca', readOnly: true });
        const scheduler = containerOf(objectOf(fixture, 'Deployment', 'airflow-scheduler'), 'scheduler');
        expect(scheduler.volumeMounts).toContainEqual({ name: 'vault-ca', mountPath: '/etc/gridata/vault-ca', readOnly: true });
      });
    });
  }

  it('post-render: only the injector container gets the CA (failing fixture: the chart as rendered)', () => {
    const chart = [
      { kind: 'Deployment', metadata: { name: 'vault-agent-injector' }, spec: { template: { spec: { containers: [{ name: 'sidecar-injector', env: [{ name: 'AGENT_INJECT_LISTEN', value: ':8080' }] }] } } } },
      { kind: 'Deployment', metadata: { name: 'other' }, spec: { template: { spec: { containers: [{ name: 'sidecar-injector', env: [] }] } } } },
    ];
    const [injector, other] = injectorTrustsVaultCa(JSON.parse(JSON.stringify(chart)));
    expect(injector!.spec.template.spec.containers[0].env.map((e: any) => e.name)).toEqual(['AGENT_INJECT_LISTEN', 'AGENT_INJECT_VAULT_CACERT_BYTES']);
    expect(other!.spec.template.spec.containers[0].env).toEqual([]);
  });
});
