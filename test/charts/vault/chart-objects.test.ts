// Vault's chart objects as rendered with our values and post-render: a liveness probe that never
// restarts a sealed server, the injector off the image's low uid, explicit tokens, images pulled
// Always and every container's scratch space bounded.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { VAULT_LIVENESS_PATH } from '../../../charts/vault/values';
import { componentObjects, renderedEnvironment } from '../../fixtures/rendered';

const find = (env: EnvName, kind: string, name: string) => componentObjects(renderedEnvironment(env), 'vault').find((o) => o.kind === kind && o.metadata.name === name);

describe.each([...ENVIRONMENTS])('Vault chart objects in %s', (env) => {
  it('probe liveness on the health endpoint with sealed and uninitialised answered 204, readiness with vault status', () => {
    const [server] = find(env, 'StatefulSet', 'vault').spec.template.spec.containers;
    expect(VAULT_LIVENESS_PATH).toBe('/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204');
    expect(server.livenessProbe).toMatchObject({ httpGet: { path: VAULT_LIVENESS_PATH, port: 8200, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 });
    expect(server.readinessProbe.exec.command).toEqual(['/bin/sh', '-ec', 'vault status -tls-skip-verify']);
  });

  it('run the injector as uid/gid 65532 and the server as the image\'s vault user (100:1000)', () => {
    expect(find(env, 'Deployment', 'vault-agent-injector').spec.template.spec.securityContext).toMatchObject({ runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532 });
    expect(find(env, 'StatefulSet', 'vault').spec.template.spec.securityContext).toMatchObject({ runAsUser: 100, runAsGroup: 1000, fsGroup: 1000 });
  });

  it('mount the tokens the bound server and injector need, pull Always and bound scratch space', () => {
    for (const [kind, name] of [['StatefulSet', 'vault'], ['Deployment', 'vault-agent-injector']]) {
      const pod = find(env, kind, name).spec.template.spec;
      expect(pod.automountServiceAccountToken, name).toBe(true);
      for (const c of pod.containers) {
        expect(c.imagePullPolicy, name).toBe('Always');
        expect(c.resources.requests['ephemeral-storage'], name).toBe('64Mi');
        expect(c.resources.limits['ephemeral-storage'], name).toBe('1Gi');
      }
    }
  });
});
