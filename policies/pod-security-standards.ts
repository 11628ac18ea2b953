// The Pod Security Standards exactly as the PodSecurity admission plugin evaluates them
// (k8s.io/pod-security-admission v0.34.4, the version kube-apiserver v1.34 embeds): the same checks,
// the same per-version behaviour, the same pod-level/container-level inheritance, the same order and
// the same wording, so a message here reads like the API server's refusal and an integration test can
// compare the two strings (test/validate/pod-security-admission.test.ts).
//
// Feature gates are those of a default v1.34 API server: UserNamespacesPodSecurityStandards is off,
// so `hostUsers: false` relaxes nothing.

export type Level = 'privileged' | 'baseline' | 'restricted';

/** A policy version: `latest` or the minor of `v1.<minor>`. */
export type PolicyVersion = 'latest' | number;

export interface LevelVersion {
  readonly level: Level;
  readonly version: PolicyVersion;
}

/** The newest policy version this evaluator knows: `latest` means it, as on a v1.34 API server. */
export const LATEST_MINOR = 34;

export const ENFORCE_LEVEL_LABEL = 'pod-security.kubernetes.io/enforce';
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

export function formatLevelVersion(lv: LevelVersion): string {
  return `${lv.level}:${lv.version === 'latest' ? 'latest' : `v1.${lv.version}`}`;
}

const LEVELS: readonly Level[] = ['privileged', 'baseline', 'restricted'];

/**
 * The enforced level of a namespace from its labels, as api.PolicyToEvaluate reads them with the API
 * server's default (privileged:latest, no AdmissionConfiguration): an invalid level fails closed to
 * restricted, an invalid version means latest. `errors` says what was invalid.
 */
export function enforcedPolicy(labels: Readonly<Record<string, string>> | undefined): { enforce: LevelVersion; errors: string[] } {
  const errors: string[] = [];
  let level: Level = 'privileged';
  let version: PolicyVersion = 'latest';
  const rawLevel = labels?.[ENFORCE_LEVEL_LABEL];
  if (rawLevel !== undefined) {
    if ((LEVELS as readonly string[]).includes(rawLevel)) level = rawLevel as Level;
    else {
      level = 'restricted';
      errors.push(`${ENFORCE_LEVEL_LABEL}=${JSON.stringify(rawLevel)}: must be one of ${LEVELS.join(', ')}`);
    }
  }
  const rawVersion = labels?.[ENFORCE_VERSION_LABEL];
  if (rawVersion !== undefined && rawVersion !== 'latest') {
    const match = /^v1\.(0|[1-9][0-9]*)$/.exec(rawVersion);
    if (match) version = Number(match[1]);
    else errors.push(`${ENFORCE_VERSION_LABEL}=${JSON.stringify(rawVersion)}: must be "latest" or "v1.x"`);
  }
  return { enforce: { level, version }, errors };
}

/** A failed check: the plugin's ForbiddenReason and ForbiddenDetail. */
export interface CheckFailure {
  readonly id: CheckId;
  readonly reason: string;
  readonly detail: string;
}

type CheckId =
  | 'appArmorProfile' | 'capabilities_baseline' | 'hostNamespaces' | 'hostPathVolumes' | 'hostPorts'
  | 'hostProbesAndHostLifecycle' | 'privileged' | 'procMount' | 'seLinuxOptions' | 'seccompProfile_baseline'
  | 'sysctls' | 'windowsHostProcess'
  | 'allowPrivilegeEscalation' | 'capabilities_restricted' | 'restrictedVolumes' | 'runAsNonRoot' | 'runAsUser'
  | 'seccompProfile_restricted';

export interface PodMetadata {
  readonly annotations?: Readonly<Record<string, string>>;
}

type CheckFn = (metadata: PodMetadata, spec: any) => { reason: string; detail: string } | undefined;

interface VersionedCheck {
  readonly minimumVersion: number;
  readonly check: CheckFn;
  /** Baseline checks this restricted check replaces from this version on. */
  readonly overrides?: readonly CheckId[];
}

interface Check {
  readonly id: CheckId;
  readonly level: 'baseline' | 'restricted';
  readonly versions: readonly VersionedCheck[];
}

// --- helpers with the plugin's wording -------------------------------------------------------

const joinQuote = (items: readonly string[]) => (items.length === 0 ? '' : `"${items.join('", "')}"`);
const pluralize = (singular: string, plural: string, count: number) => (count === 1 ? singular : plural);
/** Go's sets.String List(): unique, sorted bytewise. */
const sortedSet = (items: Iterable<string>) => [...new Set(items)].sort(compareBytes);
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
/** Go's %q for the plain strings annotations hold. */
const goQuote = (s: string) => JSON.stringify(s);
const containersLabel = (names: readonly string[]) => `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;

/** Init containers, containers, then ephemeral containers: the plugin's visiting order. */
function visitContainers(spec: any, visit: (container: any) => void): void {
  for (const c of spec?.initContainers ?? []) visit(c);
  for (const c of spec?.containers ?? []) visit(c);
  for (const c of spec?.ephemeralContainers ?? []) visit(c);
}

const isWindows = (spec: any) => spec?.os?.name === 'windows';

// --- baseline checks ---------------------------------------------------------------------------

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

const appArmorProfile: CheckFn = (metadata, spec) => {
  const allowedType = (t: unknown) => t === 'RuntimeDefault' || t === 'Localhost';
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const podProfile = spec?.securityContext?.appArmorProfile;
  if (podProfile && !allowedType(podProfile.type)) {
    badSetters.push('pod');
    badValues.push(String(podProfile.type ?? ''));
  }
  const badContainers: string[] = [];
  visitContainers(spec, (c) => {
    const profile = c.securityContext?.appArmorProfile;
    if (profile && !allowedType(profile.type)) {
      badContainers.push(c.name);
      badValues.push(String(profile.type ?? ''));
    }
  });
  if (badContainers.length > 0) badSetters.push(containersLabel(badContainers));
  const forbiddenAnnotations: string[] = [];
  for (const [key, value] of Object.entries(metadata.annotations ?? {})) {
    const allowed = value === '' || value === 'runtime/default' || value.startsWith('localhost/');
    if (key.startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowed) forbiddenAnnotations.push(`${key}=${goQuote(value)}`);
  }
  const valueList = sortedSet(badValues);
  if (forbiddenAnnotations.length > 0) {
    valueList.push(...forbiddenAnnotations.sort(compareBytes));
    badSetters.push(pluralize('annotation', 'annotations', forbiddenAnnotations.length));
  }
  if (badSetters.length === 0) return undefined;
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', valueList.length),
    detail: `${badSetters.join(' and ')} must not set AppArmor profile type to ${joinQuote(valueList)}`,
  };
};

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

const capabilitiesBaseline: CheckFn = (_metadata, spec) => {
  const badContainers: string[] = [];
  const nonDefault: string[] = [];
  visitContainers(spec, (c) => {
    const added: string[] = c.securityContext?.capabilities?.add ?? [];
    const bad = added.filter((cap) => !BASELINE_CAPABILITIES.has(cap));
    if (bad.length > 0) {
      badContainers.push(c.name);
      nonDefault.push(...bad);
    }
  });
  if (badContainers.length === 0) return undefined;
  return {
    reason: 'non-default capabilities',
    detail: `${containersLabel(badContainers)} must not include ${joinQuote(sortedSet(nonDefault))} in securityContext.capabilities.add`,
  };
};

const hostNamespaces: CheckFn = (_metadata, spec) => {
  const found = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((f) => spec?.[f] === true).map((f) => `${f}=true`);
  return found.length > 0 ? { reason: 'host namespaces', detail: found.join(', ') } : undefined;
};

const hostPathVolumes: CheckFn = (_metadata, spec) => {
  const names: string[] = (spec?.volumes ?? []).filter((v: any) => v.hostPath != null).map((v: any) => v.name);
  return names.length > 0 ? { reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}` } : undefined;
};

const hostPorts: CheckFn = (_metadata, spec) => {
  const badContainers: string[] = [];
  const ports: string[] = [];
  visitContainers(spec, (c) => {
    const used: string[] = (c.ports ?? []).filter((p: any) => p.hostPort).map((p: any) => String(p.hostPort));
    if (used.length > 0) {
      badContainers.push(c.name);
      ports.push(...used);
    }
  });
  if (badContainers.length === 0) return undefined;
  const list = sortedSet(ports);
  return {
    reason: 'hostPort',
    detail: `${containersLabel(badContainers)} ${pluralize('uses', 'use', badContainers.length)} ${pluralize('hostPort', 'hostPorts', list.length)} ${list.join(', ')}`,
  };
};

const hostProbesAndHostLifecycle: CheckFn = (_metadata, spec) => {
  const badContainers = new Set<string>();
  const hosts = new Set<string>();
  const probeHosts = (handler: any) => [handler?.httpGet?.host, handler?.tcpSocket?.host].filter((h): h is string => typeof h === 'string' && h !== '');
  visitContainers(spec, (c) => {
    for (const handler of [c.livenessProbe, c.readinessProbe, c.startupProbe, c.lifecycle?.postStart, c.lifecycle?.preStop]) {
      const bad = probeHosts(handler);
      if (bad.length > 0) {
        badContainers.add(c.name);
        bad.forEach((h) => hosts.add(h));
      }
    }
  });
  if (badContainers.size === 0) return undefined;
  const names = sortedSet(badContainers);
  const list = sortedSet(hosts);
  return {
    reason: 'probe or lifecycle host',
    detail:
      `${containersLabel(names)} ${pluralize('uses', 'use', names.length)} ` +
      `${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', list.length)} ${joinQuote(list)}`,
  };
};

const privileged: CheckFn = (_metadata, spec) => {
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    if (c.securityContext?.privileged === true) bad.push(c.name);
  });
  return bad.length > 0 ? { reason: 'privileged', detail: `${containersLabel(bad)} must not set securityContext.privileged=true` } : undefined;
};

const procMount: CheckFn = (_metadata, spec) => {
  const bad: string[] = [];
  const types: string[] = [];
  visitContainers(spec, (c) => {
    const value = c.securityContext?.procMount;
    if (value != null && value !== 'Default') {
      bad.push(c.name);
      types.push(String(value));
    }
  });
  if (bad.length === 0) return undefined;
  return { reason: 'procMount', detail: `${containersLabel(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}` };
};

function seLinuxOptions(allowedTypes: ReadonlySet<string>): CheckFn {
  return (_metadata, spec) => {
    const badSetters: string[] = [];
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const valid = (opts: any) => {
      let ok = true;
      const type = opts.type ?? '';
      if (!allowedTypes.has(type)) {
        ok = false;
        badTypes.push(type);
      }
      if (opts.user) {
        ok = false;
        setUser = true;
      }
      if (opts.role) {
        ok = false;
        setRole = true;
      }
      return ok;
    };
    const podOpts = spec?.securityContext?.seLinuxOptions;
    if (podOpts && !valid(podOpts)) badSetters.push('pod');
    const badContainers: string[] = [];
    visitContainers(spec, (c) => {
      const opts = c.securityContext?.seLinuxOptions;
      if (opts && !valid(opts)) badContainers.push(c.name);
    });
    if (badContainers.length > 0) badSetters.push(containersLabel(badContainers));
    if (badSetters.length === 0) return undefined;
    const data: string[] = [];
    const types = sortedSet(badTypes);
    if (types.length > 0) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
    return { reason: 'seLinuxOptions', detail: `${badSetters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}` };
  };
}

const SELINUX_TYPES_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const SELINUX_TYPES_1_31 = new Set([...SELINUX_TYPES_1_0, 'container_engine_t']);

const validSeccomp = (type: unknown) => type === 'RuntimeDefault' || type === 'Localhost';

/** Before v1.19 seccomp was set by annotations. */
const seccompProfileBaseline_1_0: CheckFn = (metadata, spec) => {
  const annotations = metadata.annotations ?? {};
  const validValue = (v: string) => v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
  const forbidden: string[] = [];
  const podKey = 'seccomp.security.alpha.kubernetes.io/pod';
  if (podKey in annotations && !validValue(annotations[podKey]!)) forbidden.push(`${podKey}=${goQuote(annotations[podKey]!)}`);
  visitContainers(spec, (c) => {
    const key = `container.seccomp.security.alpha.kubernetes.io/${c.name}`;
    if (key in annotations && !validValue(annotations[key]!)) forbidden.push(`${key}=${goQuote(annotations[key]!)}`);
  });
  const list = sortedSet(forbidden);
  if (list.length === 0) return undefined;
  return { reason: 'seccompProfile', detail: `forbidden ${pluralize('annotation', 'annotations', list.length)} ${list.join(', ')}` };
};

const seccompProfileBaseline_1_19: CheckFn = (_metadata, spec) => {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const podProfile = spec?.securityContext?.seccompProfile;
  if (podProfile && !validSeccomp(podProfile.type)) {
    badSetters.push('pod');
    badValues.push(String(podProfile.type ?? ''));
  }
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    const profile = c.securityContext?.seccompProfile;
    if (profile && !validSeccomp(profile.type)) {
      bad.push(c.name);
      badValues.push(String(profile.type ?? ''));
    }
  });
  if (bad.length > 0) badSetters.push(containersLabel(bad));
  if (badSetters.length === 0) return undefined;
  return { reason: 'seccompProfile', detail: `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}` };
};

const SYSCTLS_1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const SYSCTLS_1_27 = [...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SYSCTLS_1_29 = [...SYSCTLS_1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const SYSCTLS_1_32 = [...SYSCTLS_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];

function sysctls(allowed: readonly string[]): CheckFn {
  return (_metadata, spec) => {
    const forbidden: string[] = (spec?.securityContext?.sysctls ?? []).map((s: any) => s.name).filter((n: string) => !allowed.includes(n));
    return forbidden.length > 0 ? { reason: 'forbidden sysctls', detail: forbidden.join(', ') } : undefined;
  };
}

const windowsHostProcess: CheckFn = (_metadata, spec) => {
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    if (c.securityContext?.windowsOptions?.hostProcess === true) bad.push(c.name);
  });
  const setters: string[] = [];
  if (spec?.securityContext?.windowsOptions?.hostProcess === true) setters.push('pod');
  if (bad.length > 0) setters.push(containersLabel(bad));
  if (setters.length === 0) return undefined;
  return { reason: 'hostProcess', detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true` };
};

// --- restricted checks -------------------------------------------------------------------------

const allowPrivilegeEscalation_1_8: CheckFn = (_metadata, spec) => {
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    if (c.securityContext?.allowPrivilegeEscalation !== false) bad.push(c.name);
  });
  return bad.length > 0
    ? { reason: 'allowPrivilegeEscalation != false', detail: `${containersLabel(bad)} must set securityContext.allowPrivilegeEscalation=false` }
    : undefined;
};

const capabilitiesRestricted_1_22: CheckFn = (_metadata, spec) => {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbidden: string[] = [];
  visitContainers(spec, (c) => {
    const caps = c.securityContext?.capabilities;
    if (!caps) {
      missingDropAll.push(c.name);
      return;
    }
    if (!(caps.drop ?? []).includes('ALL')) missingDropAll.push(c.name);
    const bad: string[] = (caps.add ?? []).filter((cap: string) => cap !== 'NET_BIND_SERVICE');
    if (bad.length > 0) {
      addingForbidden.push(c.name);
      forbidden.push(...bad);
    }
  });
  const details: string[] = [];
  if (missingDropAll.length > 0) details.push(`${containersLabel(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  if (addingForbidden.length > 0) {
    details.push(`${containersLabel(addingForbidden)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`);
  }
  return details.length > 0 ? { reason: 'unrestricted capabilities', detail: details.join('; ') } : undefined;
};

const ALLOWED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];
/** In the plugin's order of precedence when naming a forbidden volume's type. */
const RESTRICTED_VOLUME_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs',
  'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

const restrictedVolumes: CheckFn = (_metadata, spec) => {
  const bad: string[] = [];
  const types: string[] = [];
  for (const volume of spec?.volumes ?? []) {
    if (ALLOWED_VOLUME_SOURCES.some((s) => volume[s] != null)) continue;
    bad.push(volume.name);
    types.push(RESTRICTED_VOLUME_SOURCES.find((s) => volume[s] != null) ?? 'unknown');
  }
  if (bad.length === 0) return undefined;
  const list = sortedSet(types);
  return {
    reason: 'restricted volume types',
    detail:
      `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ` +
      `${pluralize('restricted volume type', 'restricted volume types', list.length)} ${joinQuote(list)}`,
  };
};

const runAsNonRoot: CheckFn = (_metadata, spec) => {
  const badSetters: string[] = [];
  let podRunAsNonRoot = false;
  const podValue = spec?.securityContext?.runAsNonRoot;
  if (podValue != null) {
    if (!podValue) badSetters.push('pod');
    else podRunAsNonRoot = true;
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  visitContainers(spec, (c) => {
    const value = c.securityContext?.runAsNonRoot;
    if (value != null) {
      if (!value) explicitlyBad.push(c.name);
    } else if (!podRunAsNonRoot) implicitlyBad.push(c.name);
  });
  if (explicitlyBad.length > 0) badSetters.push(containersLabel(explicitlyBad));
  if (badSetters.length > 0) {
    return { reason: 'runAsNonRoot != true', detail: `${badSetters.join(' and ')} must not set securityContext.runAsNonRoot=false` };
  }
  if (implicitlyBad.length > 0) {
    return { reason: 'runAsNonRoot != true', detail: `pod or ${containersLabel(implicitlyBad)} must set securityContext.runAsNonRoot=true` };
  }
  return undefined;
};

const runAsUser: CheckFn = (_metadata, spec) => {
  const badSetters: string[] = [];
  if (spec?.securityContext?.runAsUser === 0) badSetters.push('pod');
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    if (c.securityContext?.runAsUser === 0) bad.push(c.name);
  });
  if (bad.length > 0) badSetters.push(containersLabel(bad));
  return badSetters.length > 0 ? { reason: 'runAsUser=0', detail: `${badSetters.join(' and ')} must not set runAsUser=0` } : undefined;
};

const seccompProfileRestricted_1_19: CheckFn = (_metadata, spec) => {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  let podSeccompSet = false;
  const podProfile = spec?.securityContext?.seccompProfile;
  if (podProfile) {
    if (!validSeccomp(podProfile.type)) {
      badSetters.push('pod');
      badValues.push(String(podProfile.type ?? ''));
    } else podSeccompSet = true;
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  visitContainers(spec, (c) => {
    const profile = c.securityContext?.seccompProfile;
    if (profile) {
      if (!validSeccomp(profile.type)) {
        explicitlyBad.push(c.name);
        badValues.push(String(profile.type ?? ''));
      }
    } else if (!podSeccompSet) implicitlyBad.push(c.name);
  });
  if (explicitlyBad.length > 0) badSetters.push(containersLabel(explicitlyBad));
  if (badSetters.length > 0) {
    return { reason: 'seccompProfile', detail: `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}` };
  }
  if (implicitlyBad.length > 0) {
    return { reason: 'seccompProfile', detail: `pod or ${containersLabel(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` };
  }
  return undefined;
};

/** From v1.25 Windows pods are exempt from the Linux-only restricted checks. */
const exceptWindows = (check: CheckFn): CheckFn => (metadata, spec) => (isWindows(spec) ? undefined : check(metadata, spec));

const CHECKS: readonly Check[] = [
  { id: 'appArmorProfile', level: 'baseline', versions: [{ minimumVersion: 0, check: appArmorProfile }] },
  { id: 'capabilities_baseline', level: 'baseline', versions: [{ minimumVersion: 0, check: capabilitiesBaseline }] },
  { id: 'hostNamespaces', level: 'baseline', versions: [{ minimumVersion: 0, check: hostNamespaces }] },
  { id: 'hostPathVolumes', level: 'baseline', versions: [{ minimumVersion: 0, check: hostPathVolumes }] },
  { id: 'hostPorts', level: 'baseline', versions: [{ minimumVersion: 0, check: hostPorts }] },
  { id: 'hostProbesAndHostLifecycle', level: 'baseline', versions: [{ minimumVersion: 34, check: hostProbesAndHostLifecycle }] },
  { id: 'privileged', level: 'baseline', versions: [{ minimumVersion: 0, check: privileged }] },
  { id: 'procMount', level: 'baseline', versions: [{ minimumVersion: 0, check: procMount }] },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    versions: [
      { minimumVersion: 0, check: seLinuxOptions(SELINUX_TYPES_1_0) },
      { minimumVersion: 31, check: seLinuxOptions(SELINUX_TYPES_1_31) },
    ],
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    versions: [
      { minimumVersion: 0, check: seccompProfileBaseline_1_0 },
      { minimumVersion: 19, check: seccompProfileBaseline_1_19 },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    versions: [
      { minimumVersion: 0, check: sysctls(SYSCTLS_1_0) },
      { minimumVersion: 27, check: sysctls(SYSCTLS_1_27) },
      { minimumVersion: 29, check: sysctls(SYSCTLS_1_29) },
      { minimumVersion: 32, check: sysctls(SYSCTLS_1_32) },
    ],
  },
  { id: 'windowsHostProcess', level: 'baseline', versions: [{ minimumVersion: 0, check: windowsHostProcess }] },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    versions: [
      { minimumVersion: 8, check: allowPrivilegeEscalation_1_8 },
      { minimumVersion: 25, check: exceptWindows(allowPrivilegeEscalation_1_8) },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [
      { minimumVersion: 22, check: capabilitiesRestricted_1_22, overrides: ['capabilities_baseline'] },
      { minimumVersion: 25, check: exceptWindows(capabilitiesRestricted_1_22), overrides: ['capabilities_baseline'] },
    ],
  },
  { id: 'restrictedVolumes', level: 'restricted', versions: [{ minimumVersion: 0, check: restrictedVolumes, overrides: ['hostPathVolumes'] }] },
  { id: 'runAsNonRoot', level: 'restricted', versions: [{ minimumVersion: 0, check: runAsNonRoot }] },
  { id: 'runAsUser', level: 'restricted', versions: [{ minimumVersion: 23, check: runAsUser }] },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [
      { minimumVersion: 19, check: seccompProfileRestricted_1_19, overrides: ['seccompProfile_baseline'] },
      { minimumVersion: 25, check: exceptWindows(seccompProfileRestricted_1_19), overrides: ['seccompProfile_baseline'] },
    ],
  },
];

/** Baseline ids sorted, then restricted ids sorted (Go's bytewise sort): the order of the plugin's messages. */
const ORDERED_IDS: readonly CheckId[] = [
  ...CHECKS.filter((c) => c.level === 'baseline').map((c) => c.id).sort(compareBytes),
  ...CHECKS.filter((c) => c.level === 'restricted').map((c) => c.id).sort(compareBytes),
];

/** The version of a check that applies at a policy version, if any. */
function versionAt(check: Check, minor: number): VersionedCheck | undefined {
  return [...check.versions].reverse().find((v) => v.minimumVersion <= minor);
}

/** Every check that fails for the pod at the level and version, in the order the plugin reports them. */
export function evaluatePod(lv: LevelVersion, metadata: PodMetadata, spec: any): CheckFailure[] {
  if (lv.level === 'privileged') return [];
  const minor = lv.version === 'latest' ? LATEST_MINOR : Math.min(lv.version, LATEST_MINOR);
  const applicable = new Map<CheckId, VersionedCheck>();
  for (const check of CHECKS) {
    if (check.level === 'restricted' && lv.level !== 'restricted') continue;
    const versioned = versionAt(check, minor);
    if (versioned) applicable.set(check.id, versioned);
  }
  if (lv.level === 'restricted') {
    for (const versioned of [...applicable.values()]) for (const id of versioned.overrides ?? []) applicable.delete(id);
  }
  const failures: CheckFailure[] = [];
  for (const id of ORDERED_IDS) {
    const result = applicable.get(id)?.check(metadata, spec);
    if (result) failures.push({ id, ...result });
  }
  return failures;
}

/** `reason (detail), reason (detail)`: AggregateCheckResult.ForbiddenDetail(). */
export function forbiddenDetail(failures: readonly CheckFailure[]): string {
  return failures.map((f) => (f.detail ? `${f.reason} (${f.detail})` : f.reason)).join(', ');
}

/** The text after `pods "<name>" is forbidden: ` in the API server's refusal. */
export function violationMessage(lv: LevelVersion, failures: readonly CheckFailure[]): string {
  return `violates PodSecurity "${formatLevelVersion(lv)}": ${forbiddenDetail(failures)}`;
}
