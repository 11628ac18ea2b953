// The chart-values secret-literal check decides by the shape of the value and of the mapping around
// it: a literal string under a secret-looking key is reported whatever the key's suffix (*Key too).
import { describe, expect, it } from 'vitest';
import { secretLiterals } from '../../policies/rules/chart-values/values-checks';
import { secretLiteralReason } from '../../policies/rules/secrets/no-secret-literals';

describe('secretLiterals', () => {
  it('reports the issue #11 probe {apiKey, secretKey}', () => {
    expect(secretLiterals({ apiKey: 'abc', secretKey: 's' })).toEqual(['apiKey', 'secretKey']);
  });

  for (const key of ['apiKey', 'fernetKey', 'privateKey', 'secretKey', 'accessKey', 'webserverSecretKey', 'adminPassword', 'token']) {
    it(`reports a literal under ${key}, nested or not`, () => {
      expect(secretLiterals({ plugin: { [key]: 'literal-value' } })).toEqual([`plugin.${key}`]);
    });
  }

  it('reports a literal password beside existingSecret, and an existingSecret that is not an object name', () => {
    expect(secretLiterals({ auth: { existingSecret: 'mysql', rootPassword: 'x' }, other: { existingSecret: 'not a name!' } })).toEqual([
      'auth.rootPassword',
      'other.existingSecret',
    ]);
  });

  it('passes references: Secret and key, a Secret name with its keys, ${VAR}, files, secretKeyRef objects', () => {
    expect(
      secretLiterals({
        grafana: { admin: { existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' } },
        encryptionKey: { secretRef: 'datahub-encryption', secretKey: 'encryption_key_secret' },
        storage: { secret: { name: 'polaris-storage', awsSecretAccessKey: 'awsSecretAccessKey', password: 'password' } },
        sink: { token: '${DATAHUB_GMS_TOKEN}', apiKey: '{{ .Values.key }}', privateKey: '/vault/secrets/key', accessKey: 'file:/etc/key' },
        env: { valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
        topologyKey: 'kubernetes.io/hostname',
        emptyPassword: '',
      }),
    ).toEqual([]);
  });

  it('a secret-looking key inside a mapping that is no Secret reference stays a literal', () => {
    expect(secretLiterals({ datasource: { name: 'shop', apiKey: 'abc' } })).toEqual(['datasource.apiKey']);
  });
});

describe('secretLiteralReason on structured values', () => {
  const kwargs = (extra: Record<string, unknown>) =>
    JSON.stringify({ url: 'http://vault.vault.svc:8200', auth_type: 'kubernetes', kubernetes_role: 'airflow-scheduler', mount_point: 'secret', ...extra });

  it('judges a JSON object by its own keys: a secret-looking variable name holding an address and roles passes', () => {
    expect(secretLiteralReason('AIRFLOW__SECRETS__BACKEND_KWARGS', kwargs({ config_path: null, kv_engine_version: 2 }))).toBeUndefined();
  });

  it('reports a literal under a secret-looking key inside the object, with its path', () => {
    expect(secretLiteralReason('AIRFLOW__SECRETS__BACKEND_KWARGS', kwargs({ token: 'hvs.literal' }))).toBe(
      'AIRFLOW__SECRETS__BACKEND_KWARGS.token is set to a literal value',
    );
    expect(secretLiteralReason('KWARGS', JSON.stringify({ auth: [{ password: 'x1' }] }))).toBe('KWARGS.auth[0].password is set to a literal value');
  });

  it('still reports a credential-shaped value anywhere in the object', () => {
    expect(secretLiteralReason('CONFIG', kwargs({ url: 'postgres://app:s3cr3tpass@db:5432/app' }))).toBe('value of CONFIG looks like a credential');
  });

  it('a value that is not a JSON object is judged under the variable name as before', () => {
    expect(secretLiteralReason('AIRFLOW__SECRETS__BACKEND_KWARGS', '{not json')).toBe('AIRFLOW__SECRETS__BACKEND_KWARGS is set to a literal value');
    expect(secretLiteralReason('API_TOKEN', '["a"]')).toBe('API_TOKEN is set to a literal value');
  });
});
