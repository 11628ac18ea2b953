import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../../environments/load';
import { vaultValues } from '../../../charts/vault/values';
import { vaultComponent } from '../../../charts/vault';

const values = (env: 'dev' | 'staging' | 'prod') => vaultValues(loadEnvironment(env)) as Record<string, any>;

describe('Vault chart values', () => {
  it('run prod as HA raft with 3 voters, a PDB, one voter per node and the KMS seal', () => {
    const v = values('prod');
    expect(v.server.ha.enabled).toBe(true);
    expect(v.server.ha.replicas).toBe(3);
    expect(v.server.ha.raft.enabled).toBe(true);
    expect(v.server.ha.disruptionBudget).toEqual({ enabled: true, maxUnavailable: 1 });
    expect(v.server.standalone).toEqual({ enabled: false });
    // YAML text: the chart's affinity defaults are strings, and Helm drops a map given over one.
    expect(v.server.affinity).toBe(
      'podAntiAffinity:\n  requiredDuringSchedulingIgnoredDuringExecution:\n    - labelSelector:\n        matchLabels:\n' +
        '          app.kubernetes.io/instance: vault\n          app.kubernetes.io/name: vault\n          component: server\n' +
        '      topologyKey: kubernetes.io/hostname\n',
    );
    expect(typeof v.injector.affinity).toBe('string');
    expect(v.injector.affinity).toContain('app.kubernetes.io/name: vault-agent-injector');
    const config: string = v.server.ha.raft.config;
    expect(config).toContain('storage "raft"');
    expect(config.match(/leader_api_addr = "http:\/\/vault-\d\.vault-internal:8200"/g)).toHaveLength(3);
    expect(config).toContain('seal "awskms" {\n  region     = "us-east-1"\n  kms_key_id = "alias/gridata-prod-vault-unseal"\n}');
    expect(v.server.dataStorage.size).toBe('20Gi');
  });

  it('run dev as one raft server with persistent storage, never -dev mode, unsealed by hand', () => {
    const v = values('dev');
    expect(v.server.dev).toEqual({ enabled: false });
    expect(v.server.ha).toEqual({ enabled: false });
    expect(v.server.standalone.enabled).toBe(true);
    expect(v.server.standalone.config).toContain('storage "raft" {\n  path = "/vault/data"\n}');
    expect(v.server.standalone.config).not.toContain('seal "');
    expect(v.server.dataStorage).toMatchObject({ enabled: true, size: '10Gi' });
    expect(v.server.affinity).toBe('');
    expect(v.injector.affinity).toBe('');
  });

  it('size the injector and the injected agents from the environment file', () => {
    const v = values('prod');
    expect(v.injector.replicas).toBe(2);
    expect(v.injector.resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi', 'ephemeral-storage': '64Mi' },
      limits: { cpu: '250m', memory: '128Mi', 'ephemeral-storage': '1Gi' },
    });
    expect(v.injector.agentDefaults).toMatchObject({ cpuRequest: '50m', cpuLimit: '250m', memRequest: '64Mi', memLimit: '128Mi' });
    expect(v.injector.agentImage).toEqual({ repository: 'hashicorp/vault', tag: '2.0.4' });
    expect(v.server.resources.limits).toEqual({ cpu: '2', memory: '2Gi', 'ephemeral-storage': '1Gi' });
  });

  it('expose telemetry to a ServiceMonitor and run restricted with a writable /tmp only', () => {
    const v = values('staging');
    expect(v.serverTelemetry.serviceMonitor.enabled).toBe(true);
    expect(v.server.ha.raft.config).toContain('unauthenticated_metrics_access = true');
    expect(v.server.statefulSet.securityContext.container).toMatchObject({ readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(v.server.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });

  it('ignore the caBundle the injector writes into its webhook', () => {
    expect(vaultComponent.ignoreDifferences).toEqual([
      expect.objectContaining({ kind: 'MutatingWebhookConfiguration', jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'] }),
    ]);
  });
});
