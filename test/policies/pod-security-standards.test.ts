// The Pod Security evaluator: namespace labels as the plugin reads them, per-version behaviour, and
// the plugin's order and wording (the integration test compares it with a real API server).
import { describe, expect, it } from 'vitest';
import { enforcedPolicy, evaluatePod, formatLevelVersion, violationMessage, type LevelVersion } from '../../policies/pod-security-standards';

const restricted = (version: LevelVersion['version'] = 'latest'): LevelVersion => ({ level: 'restricted', version });
const compliant = () => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'app', image: 'app:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
});
const reasons = (lv: LevelVersion, spec: any, annotations: Record<string, string> = {}) => evaluatePod(lv, { annotations }, spec).map((f) => f.reason);

describe('enforcedPolicy', () => {
  it('reads the enforce labels; no label is privileged:latest', () => {
    expect(enforcedPolicy(undefined)).toEqual({ enforce: { level: 'privileged', version: 'latest' }, errors: [] });
    expect(enforcedPolicy({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.28' })).toEqual({
      enforce: { level: 'baseline', version: 28 },
      errors: [],
    });
  });

  it('fails closed on an invalid level and falls back to latest on an invalid version', () => {
    expect(enforcedPolicy({ 'pod-security.kubernetes.io/enforce': 'strict', 'pod-security.kubernetes.io/enforce-version': '1.28' })).toEqual({
      enforce: { level: 'restricted', version: 'latest' },
      errors: [
        'pod-security.kubernetes.io/enforce="strict": must be one of privileged, baseline, restricted',
        'pod-security.kubernetes.io/enforce-version="1.28": must be "latest" or "v1.x"',
      ],
    });
  });

  it('prints level and version as the plugin does', () => {
    expect([formatLevelVersion(restricted()), formatLevelVersion({ level: 'baseline', version: 28 })]).toEqual(['restricted:latest', 'baseline:v1.28']);
  });
});

describe('evaluatePod', () => {
  it('admits a compliant pod and anything at privileged', () => {
    expect(evaluatePod(restricted(), {}, compliant())).toEqual([]);
    expect(evaluatePod({ level: 'privileged', version: 'latest' }, {}, { hostPID: true, containers: [{ name: 'a', securityContext: { privileged: true } }] })).toEqual([]);
  });

  it('reports baseline checks first, then restricted ones, each sorted by id', () => {
    const spec = {
      hostNetwork: true,
      securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }] },
      containers: [{ name: 'app', image: 'app:1', ports: [{ containerPort: 80, hostPort: 80 }], securityContext: { privileged: true, runAsUser: 0 } }],
    };
    expect(reasons(restricted(), spec)).toEqual([
      'host namespaces', 'hostPort', 'privileged', 'forbidden sysctls',
      'allowPrivilegeEscalation != false', 'unrestricted capabilities', 'runAsNonRoot != true', 'runAsUser=0', 'seccompProfile',
    ]);
    expect(violationMessage(restricted(), evaluatePod(restricted(), {}, { ...compliant(), hostIPC: true }))).toBe(
      'violates PodSecurity "restricted:latest": host namespaces (hostIPC=true)',
    );
  });

  it('replaces the baseline capability, hostPath and seccomp checks in restricted', () => {
    const spec = compliant();
    (spec as any).volumes = [{ name: 'h', hostPath: { path: '/' } }];
    spec.containers[0]!.securityContext.capabilities = { drop: ['ALL'], add: ['SYS_ADMIN'] } as any;
    expect(evaluatePod(restricted(), {}, spec)).toEqual([
      { id: 'capabilities_restricted', reason: 'unrestricted capabilities', detail: 'container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add' },
      { id: 'restrictedVolumes', reason: 'restricted volume types', detail: 'volume "h" uses restricted volume type "hostPath"' },
    ]);
    expect(evaluatePod({ level: 'baseline', version: 'latest' }, {}, spec).map((f) => f.detail)).toEqual([
      'container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add',
      'volume "h"',
    ]);
  });

  it('applies the checks of the pinned version', () => {
    const withCapability = compliant();
    withCapability.containers[0]!.securityContext = { allowPrivilegeEscalation: false, capabilities: { add: ['NET_RAW'] } } as any;
    // Before v1.22 restricted used the baseline capability list and did not require drop ALL.
    expect(reasons(restricted(21), withCapability)).toEqual(['non-default capabilities']);
    expect(reasons(restricted(22), withCapability)).toEqual(['unrestricted capabilities']);

    const root = { ...compliant(), securityContext: { runAsNonRoot: true, runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } } };
    expect([reasons(restricted(22), root), reasons(restricted(23), root)]).toEqual([[], ['runAsUser=0']]);

    const probe = compliant();
    (probe.containers[0] as any).readinessProbe = { httpGet: { host: '10.0.0.1', port: 80 } };
    expect([reasons(restricted(33), probe), reasons(restricted(34), probe), reasons(restricted(40), probe)]).toEqual([[], ['probe or lifecycle host'], ['probe or lifecycle host']]);

    const keepalive = { ...compliant(), securityContext: { ...compliant().securityContext, sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }] } };
    expect([reasons(restricted(28), keepalive), reasons(restricted(29), keepalive)]).toEqual([['forbidden sysctls'], []]);

    const engine = { ...compliant(), securityContext: { ...compliant().securityContext, seLinuxOptions: { type: 'container_engine_t' } } };
    expect([reasons(restricted(30), engine), reasons(restricted(31), engine)]).toEqual([['seLinuxOptions'], []]);
  });

  it('judges seccomp annotations before v1.19', () => {
    const spec = { containers: [{ name: 'app', image: 'app:1' }] };
    const annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined', 'container.seccomp.security.alpha.kubernetes.io/app': 'docker/default' };
    expect(evaluatePod({ level: 'baseline', version: 18 }, { annotations }, spec)).toEqual([
      { id: 'seccompProfile_baseline', reason: 'seccompProfile', detail: 'forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined"' },
    ]);
    expect(evaluatePod({ level: 'baseline', version: 19 }, { annotations }, spec)).toEqual([]);
  });

  it('exempts Windows pods from the Linux-only restricted checks from v1.25', () => {
    const windows = { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [{ name: 'app', image: 'app:1' }] };
    expect(reasons(restricted(), windows)).toEqual([]);
    expect(reasons(restricted(24), windows)).toEqual(['allowPrivilegeEscalation != false', 'unrestricted capabilities', 'seccompProfile']);
  });

  it('lets containers inherit the pod level and names explicit and implicit offenders', () => {
    const spec = {
      securityContext: { runAsNonRoot: true },
      initContainers: [{ name: 'init', securityContext: { runAsNonRoot: false, seccompProfile: { type: 'Unconfined' } } }],
      containers: [{ name: 'app' }, { name: 'sidecar', securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } } }],
    };
    const failures = evaluatePod(restricted(), {}, spec).filter((f) => f.id === 'runAsNonRoot' || f.id === 'seccompProfile_restricted');
    expect(failures.map((f) => f.detail)).toEqual([
      'container "init" must not set securityContext.runAsNonRoot=false',
      'container "init" must not set securityContext.seccompProfile.type to "Unconfined"',
    ]);
    delete (spec.initContainers[0] as any).securityContext;
    expect(evaluatePod(restricted(), {}, spec).find((f) => f.id === 'seccompProfile_restricted')?.detail).toBe(
      'pod or containers "init", "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
    );
  });
});
