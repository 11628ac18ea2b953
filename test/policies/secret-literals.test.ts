// The chart-values secret-literal check decides by the shape of the value and of the mapping around
// it: a literal string under a secret-looking key is reported whatever the key's suffix (*Key too).
import { describe, expect, it } from 'vitest';
import { secretLiterals } from '../../policies/rules/chart-values/values-checks';

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
