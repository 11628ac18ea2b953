// The cert-manager component: chart v1.21.1 hydrated with its CRDs, project platform, a sync wave
// before every component with a Certificate, the ClusterIssuers of each environment file, the Route53
// keys from Vault, and no HTTP-01 solver write rights.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { chartRelease, componentObjects, objectOf, renderedEnvironment } from '../../fixtures/rendered';
import { withoutHttp01SolverWrites } from '../../../charts/cert-manager/post-render';

const app = (env: EnvName, id: string) => objectOf(renderedEnvironment(env), 'Application', `${env}-${id}`);
const wave = (env: EnvName, id: string) => Number(app(env, id)?.metadata.annotations['argocd.argoproj.io/sync-wave']);
const kinds = (env: EnvName, kind: string) => componentObjects(renderedEnvironment(env), 'cert-manager').filter((o) => o.kind === kind);

describe('cert-manager', () => {
  it('hydrates chart cert-manager v1.21.1 from the Jetstack repository (locked), CRDs included, in the platform project', () => {
    for (const env of ENVIRONMENTS) {
      const release = chartRelease(renderedEnvironment(env), 'cert-manager', 'cert-manager');
      expect(release).toMatchObject({ chart: 'cert-manager', version: 'v1.21.1', repository: 'https://charts.jetstack.io', releaseName: 'cert-manager' });
      expect(release.values.crds).toEqual({ enabled: true, keep: true });
      expect(kinds(env, 'CustomResourceDefinition').map((c) => c.metadata.name).sort()).toEqual([
        'certificaterequests.cert-manager.io',
        'certificates.cert-manager.io',
        'challenges.acme.cert-manager.io',
        'clusterissuers.cert-manager.io',
        'issuers.cert-manager.io',
        'orders.acme.cert-manager.io',
      ]);
      expect(app(env, 'cert-manager').spec.project).toBe(`gridata-${env}-platform`);
    }
  });

  it('syncs before every component that renders a Certificate (waves derived from dependsOn)', () => {
    for (const env of ENVIRONMENTS) {
      const withCertificates = new Set(renderedEnvironment(env).docs.filter((d) => d.object.kind === 'Certificate').map((d) => d.path.split('/')[1]!));
      withCertificates.delete('cert-manager');
      expect([...withCertificates].sort()).toEqual(['airflow', 'argocd', 'datahub', 'monitoring', 'object-store', 'vault', 'vault-secrets-operator']);
      for (const id of withCertificates) expect(wave(env, id), id).toBeGreaterThan(wave(env, 'cert-manager'));
    }
  });

  it('keeps its leader-election leases in its own namespace (nothing in kube-system)', () => {
    for (const env of ENVIRONMENTS) {
      const namespaces = new Set(componentObjects(renderedEnvironment(env), 'cert-manager').map((o) => o.metadata.namespace).filter(Boolean));
      expect([...namespaces]).toEqual(['cert-manager']);
    }
  });

  it('makes the platform CA in-cluster (self-signed root, CA issuer) in every environment', () => {
    for (const env of ENVIRONMENTS) {
      const ca = objectOf(renderedEnvironment(env), 'Certificate', 'gridata-platform-ca');
      expect(ca.metadata.namespace).toBe('cert-manager');
      expect(ca.spec).toMatchObject({ isCA: true, secretName: 'gridata-platform-ca', issuerRef: { kind: 'ClusterIssuer', name: 'gridata-self-signed' } });
      expect(objectOf(renderedEnvironment(env), 'ClusterIssuer', 'gridata-self-signed').spec).toEqual({ selfSigned: {} });
      expect(objectOf(renderedEnvironment(env), 'ClusterIssuer', 'gridata-platform-ca').spec).toEqual({ ca: { secretName: 'gridata-platform-ca' } });
    }
  });

  it('renders the ACME issuer of the environment file (staging, prod) with DNS-01 on Route53, keys from Vault; none in dev (privateCA)', () => {
    expect(kinds('dev', 'ClusterIssuer').map((i) => i.metadata.name).sort()).toEqual(['gridata-platform-ca', 'gridata-self-signed']);
    expect(objectOf(renderedEnvironment('dev'), 'VaultStaticSecret', 'gridata-route53')).toBeUndefined();
    for (const env of ['staging', 'prod'] as const) {
      const acme = objectOf(renderedEnvironment(env), 'ClusterIssuer', 'gridata-acme').spec.acme;
      expect(acme.server).toBe(env === 'prod' ? 'https://acme-v02.api.letsencrypt.org/directory' : 'https://acme-staging-v02.api.letsencrypt.org/directory');
      expect(acme.solvers).toEqual([
        {
          selector: { dnsZones: [renderedEnvironment(env).env.domain] },
          dns01: {
            route53: {
              region: 'us-east-1',
              hostedZoneID: env === 'prod' ? 'ZPROD0GRIDATA0ZONE' : 'ZSTAGING0GRIDATA0ZONE',
              accessKeyIDSecretRef: { name: 'gridata-route53', key: 'access-key-id' },
              secretAccessKeySecretRef: { name: 'gridata-route53', key: 'secret-access-key' },
            },
          },
        },
      ]);
      const synced = objectOf(renderedEnvironment(env), 'VaultStaticSecret', 'gridata-route53');
      expect(synced.metadata.namespace).toBe('cert-manager');
      expect(synced.spec).toMatchObject({ mount: 'kv', path: `${env}/cert-manager/route53`, destination: { name: 'gridata-route53' } });
      expect(renderedEnvironment(env).env.network.acmeServer?.cidrs.length).toBeGreaterThan(0);
    }
  });

  it('asks only the cluster DNS for DNS-01 propagation (no port-53 egress to the internet)', () => {
    for (const env of ENVIRONMENTS) {
      const args: string[] = objectOf(renderedEnvironment(env), 'Deployment', 'cert-manager').spec.template.spec.containers[0].args;
      expect(args).toContain('--dns01-recursive-nameservers-only=true');
      expect(args).toContain('--leader-election-namespace=cert-manager');
    }
  });

  it('may not create pods, Services or Ingresses anywhere (DNS-01 only: no HTTP-01 solver)', () => {
    for (const env of ENVIRONMENTS) {
      const writes = kinds(env, 'ClusterRole')
        .filter((r) => r.metadata.name.startsWith('cert-manager-controller'))
        .flatMap((r) => r.rules.filter((rule: any) => rule.resources.some((res: string) => ['pods', 'services', 'ingresses', 'httproutes'].includes(res)) && rule.verbs.some((v: string) => !['get', 'list', 'watch'].includes(v))));
      expect(writes).toEqual([]);
    }
  });

  it('post-render: narrows only the solver rules of the challenges ClusterRole (failing fixture: the chart\'s rule)', () => {
    const chartRule = { apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch', 'create', 'delete'] };
    const other = { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] };
    const route = { apiGroups: ['route.openshift.io'], resources: ['routes/custom-host'], verbs: ['create'] };
    const [role, untouched] = withoutHttp01SolverWrites([
      { kind: 'ClusterRole', metadata: { name: 'cert-manager-controller-challenges' }, rules: [chartRule, other, route] },
      { kind: 'ClusterRole', metadata: { name: 'something-else' }, rules: [chartRule] },
    ]);
    expect(role!.rules).toEqual([{ ...chartRule, verbs: ['get', 'list', 'watch'] }, other]);
    expect(untouched!.rules).toEqual([chartRule]);
  });
});
