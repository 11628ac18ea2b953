// A throwaway etcd + kube-apiserver on loopback: no nodes. For dry runs no controllers; for
// validate:argocd optionally kube-controller-manager's garbage collector and namespace controller.
// Everything lives in one temp directory that stop() removes, also on failure and on Ctrl-C.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ApiClient } from './api-client';
import { createPki } from './certificates';
import { splitDocuments, type SourceDocument } from './documents';
import { installCrds } from './validate';

export const repoRoot = resolve(__dirname, '../..');
/** Same rule as tools/go/build.sh: GRIDATA_CACHE, when set, replaces the checkout's .cache. */
export const cacheRoot = process.env.GRIDATA_CACHE ? resolve(process.env.GRIDATA_CACHE) : join(repoRoot, '.cache');
export const goBin = join(cacheRoot, 'go/bin');
export const crdRoot = join(cacheRoot, 'crds');

export interface ControlPlane {
  readonly kubeconfig: string;
  /** The temp directory (logs, PKI, etcd data); removed by stop(). */
  readonly dir: string;
  readonly client: ApiClient;
  /** Operators whose CRDs were installed, with the module version they came from. */
  readonly crdSources: { operator: string; source: string; crds: number }[];
  stop(): Promise<void>;
}

/** Builds (or reuses) the pinned binaries and generated CRDs; a no-op when they are up to date. */
export function buildTools(targets: string[] = []): void {
  execFileSync('bash', [join(repoRoot, 'tools/go/build.sh'), ...targets], { stdio: ['ignore', 'inherit', 'inherit'] });
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export function startProcess(name: string, binary: string, args: string[], logFile: string, env?: NodeJS.ProcessEnv): ChildProcess {
  const log = createWriteStream(logFile);
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  child.on('error', (error) => log.write(`${name} failed to start: ${error.message}\n`));
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, died: () => string | undefined) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const death = died();
    if (death) throw new Error(`${what}: ${death}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export function tail(file: string, lines = 30): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
}

function writeKubeconfig(path: string, server: string, pki: ReturnType<typeof createPki>): void {
  const b64 = (file: string) => readFileSync(file).toString('base64');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'validate', cluster: { server, 'certificate-authority-data': b64(pki.caCert) } }],
    users: [{ name: 'admin', user: { 'client-certificate-data': b64(pki.adminCert), 'client-key-data': b64(pki.adminKey) } }],
    contexts: [{ name: 'validate', context: { cluster: 'validate', user: 'admin' } }],
    'current-context': 'validate',
  };
  writeFileSync(path, JSON.stringify(config, null, 2), { mode: 0o600 });
}

/** The generated CRDs under .cache/crds/<operator>/, one list per operator. */
export function generatedCrds(): { operator: string; source: string; docs: SourceDocument[] }[] {
  if (!existsSync(crdRoot)) return [];
  return readdirSync(crdRoot)
    .sort()
    .filter((operator) => existsSync(join(crdRoot, operator, '.source')))
    .map((operator) => {
      const dir = join(crdRoot, operator);
      const docs = readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .flatMap((f) => splitDocuments(join(crdRoot, operator, f), readFileSync(join(dir, f), 'utf8')));
      const source = readFileSync(join(dir, '.source'), 'utf8').trim().split('\t').slice(0, 2).join('@');
      return { operator, source, docs };
    });
}

/** "<group>/<Kind>" of a custom resource, the key CRDs are selected by. */
export function groupKind(apiVersion: string, kind: string): string {
  return `${apiVersion.includes('/') ? apiVersion.split('/')[0] : ''}/${kind}`;
}

function crdGroupKind(crd: SourceDocument): string {
  const spec = (crd.object?.spec ?? {}) as { group?: string; names?: { kind?: string } };
  return `${spec.group}/${spec.names?.kind}`;
}

export interface StartOptions {
  readonly log?: (line: string) => void;
  /**
   * Install only the CRDs of these "<group>/<Kind>"s (the ones the documents use): each CRD costs
   * the API server an OpenAPI rebuild, and the large unused ones (Prometheus, Alertmanager...)
   * dominate start-up. All generated CRDs when omitted.
   */
  readonly kinds?: ReadonlySet<string>;
  /**
   * Also run kube-controller-manager with only these controllers (e.g. garbagecollector, namespace):
   * what deleting objects needs (foreground deletion, namespace finalisation). None when omitted.
   */
  readonly controllers?: readonly string[];
  /**
   * Admission webhooks off: objects are really created (not dry-run) and the webhooks they register
   * point at Services with no pods behind them, which would refuse every later request they match.
   */
  readonly admissionWebhooks?: boolean;
}

export async function startControlPlane(options: StartOptions = {}): Promise<ControlPlane> {
  const log = options.log ?? ((line: string) => console.error(line));
  const dir = mkdtempSync(join(tmpdir(), 'gridata-validate-'));
  const children: ChildProcess[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // API server first so it does not log etcd connection errors while shutting down.
    for (const child of [...children].reverse()) await stopProcess(child);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  try {
    const pki = createPki(dir);
    const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${etcdClient}`;
    const peerUrl = `http://127.0.0.1:${etcdPeer}`;
    const etcdLog = join(dir, 'etcd.log');
    const etcd = startProcess('etcd', join(goBin, 'etcd'), [
      '--name', 'validate', '--data-dir', join(dir, 'etcd'),
      '--listen-client-urls', etcdUrl, '--advertise-client-urls', etcdUrl,
      '--listen-peer-urls', peerUrl, '--initial-advertise-peer-urls', peerUrl,
      '--initial-cluster', `validate=${peerUrl}`,
      // Nothing here must survive a crash: skip fsync for speed.
      '--unsafe-no-fsync', '--log-level', 'warn',
    ], etcdLog);
    children.push(etcd);
    await waitUntil(
      'etcd',
      async () => (await fetch(`${etcdUrl}/health`)).ok,
      30_000,
      () => (etcd.exitCode !== null ? `exited with ${etcd.exitCode}:\n${tail(etcdLog)}` : undefined),
    );

    const apiLog = join(dir, 'kube-apiserver.log');
    const apiserver = startProcess('kube-apiserver', join(goBin, 'kube-apiserver'), [
      '--etcd-servers', etcdUrl,
      '--bind-address', '127.0.0.1', '--advertise-address', '127.0.0.1', '--secure-port', String(apiPort),
      '--cert-dir', join(dir, 'apiserver-certs'),
      '--tls-cert-file', pki.serverCert, '--tls-private-key-file', pki.serverKey,
      '--client-ca-file', pki.caCert,
      '--service-account-issuer', 'https://kubernetes.default.svc.cluster.local',
      '--service-account-key-file', pki.serviceAccountPub,
      '--service-account-signing-key-file', pki.serviceAccountKey,
      '--api-audiences', 'https://kubernetes.default.svc.cluster.local',
      // Address ranges are only configuration for IP allocation here; nothing is ever routed.
      '--service-cluster-ip-range', '10.96.0.0/16',
      '--authorization-mode', 'RBAC',
      '--allow-privileged=true',
      // These are on by default too; named so a LimitRange or ResourceQuota in the render, and the
      // namespaces' Pod Security labels, judge the dry runs as on a real cluster. ServiceAccount stays
      // on: it mutates a Pod before PodSecurity judges it, as on a cluster (decision 0037).
      '--enable-admission-plugins', 'NamespaceLifecycle,LimitRanger,ServiceAccount,ResourceQuota,PodSecurity',
      ...(options.admissionWebhooks === false ? ['--disable-admission-plugins', 'MutatingAdmissionWebhook,ValidatingAdmissionWebhook'] : []),
      '--endpoint-reconciler-type', 'none',
      '--enable-priority-and-fairness=false',
      '--profiling=false',
      '-v', '1',
    ], apiLog);
    children.push(apiserver);

    const kubeconfig = join(dir, 'kubeconfig');
    writeKubeconfig(kubeconfig, `https://127.0.0.1:${apiPort}`, pki);
    const client = ApiClient.fromFile(kubeconfig);
    await waitUntil(
      'kube-apiserver',
      async () => (await client.request('GET', '/readyz')).status === 200,
      90_000,
      () => (apiserver.exitCode !== null ? `exited with ${apiserver.exitCode}:\n${tail(apiLog)}` : undefined),
    );
    log(`control plane up on https://127.0.0.1:${apiPort} (etcd ${etcdUrl}) after ${elapsed()}, temp dir ${dir}`);

    if (options.controllers && options.controllers.length > 0) {
      const kcmLog = join(dir, 'kube-controller-manager.log');
      const kcm = startProcess('kube-controller-manager', join(goBin, 'kube-controller-manager'), [
        '--kubeconfig', kubeconfig,
        '--controllers', options.controllers.join(','),
        '--leader-elect=false', '--use-service-account-credentials=false',
        // Nothing scrapes or probes it: no serving port.
        '--secure-port', '0',
        '-v', '1',
      ], kcmLog);
      children.push(kcm);
      await new Promise((r) => setTimeout(r, 1_000));
      if (kcm.exitCode !== null) throw new Error(`kube-controller-manager exited with ${kcm.exitCode}:\n${tail(kcmLog)}`);
      log(`kube-controller-manager running (${options.controllers.join(', ')})`);
    }

    const crdSources: ControlPlane['crdSources'] = [];
    const selected = generatedCrds()
      .map(({ operator, source, docs }) => ({
        operator,
        source,
        docs: docs.filter((d) => !options.kinds || options.kinds.has(crdGroupKind(d))),
      }))
      .filter(({ docs }) => docs.length > 0);
    const results = await installCrds(client, selected.flatMap(({ docs }) => docs));
    const refused = results.filter((r) => r.outcome !== 'accepted');
    if (refused.length > 0) {
      throw new Error(`CRDs refused:\n${refused.map((r) => `${r.doc.file}: ${r.message}`).join('\n')}`);
    }
    for (const { operator, source, docs } of selected) crdSources.push({ operator, source, crds: docs.length });
    log(`installed CRDs after ${elapsed()}: ${crdSources.map((c) => `${c.operator} ${c.source} (${c.crds})`).join(', ') || 'none'}`);
    return { kubeconfig, dir, client, crdSources, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
