// Argo CD as local processes against the throwaway API server: Redis on loopback, the repo-server
// and the application-controller, each the multi-call `argocd` binary under its argv[0] name.
// The controller reaches "in-cluster" (https://kubernetes.default.svc) through ARGOCD_FAKE_IN_CLUSTER:
// it then uses KUBECONFIG instead of a pod's service account, as Argo CD's own local runs do.
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { cacheRoot, freePort, goBin, startProcess, stopProcess, tail, waitUntil } from '../validate/control-plane';
import type { RedisInstall } from './redis';

export const ARGOCD_NAMESPACE = 'argocd';
/** The Argo CD module tools/go/argocd/go.mod pins (checked by test/tools/argocd/argocd-build.test.ts). */
export const ARGOCD_MODULE = 'github.com/argoproj/argo-cd/v3@v3.6.1';

export interface ArgoCd {
  readonly controllerLog: string;
  readonly repoServerLog: string;
  readonly redisPort: number;
  /** The `argocd` CLI (offline admin commands). */
  readonly cli: string;
  stop(): Promise<void>;
}

export interface ArgoCdOptions {
  readonly dir: string;
  readonly kubeconfig: string;
  readonly redis: RedisInstall;
  /** Settings of the install's argocd-cmd-params-cm that change what the controller computes. */
  readonly serverSideDiff: boolean;
  /** Seconds between full reconciliations (the default 120 s waits longer than a test should). */
  readonly resyncSeconds: number;
  readonly log: (line: string) => void;
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

export async function startArgoCd(options: ArgoCdOptions): Promise<ArgoCd> {
  const { dir, kubeconfig, redis, log } = options;
  const bin = join(dir, 'argocd-bin');
  const home = join(dir, 'argocd-home');
  const tmp = join(dir, 'argocd-tmp');
  for (const d of [bin, home, tmp]) mkdirSync(d, { recursive: true });
  for (const name of ['argocd', 'argocd-application-controller', 'argocd-repo-server']) symlinkSync(join(goBin, 'argocd'), join(bin, name));
  // The repo-server runs this script of Argo CD's image on every revision (v3.6 still verifies GPG
  // signatures through it, and answers "permission denied" when it is missing); it ships in the module.
  const wrapper = join(cacheRoot, 'go', 'mod', ARGOCD_MODULE, 'hack', 'git-verify-wrapper.sh');
  if (!existsSync(wrapper)) throw new Error(`${wrapper} missing: run tools/go/build.sh argocd`);
  copyFileSync(wrapper, join(bin, 'git-verify-wrapper.sh'));
  // git reads this user's config; nothing of the machine's leaks in.
  writeFileSync(join(home, '.gitconfig'), '[safe]\n\tdirectory = *\n');
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: home,
    TMPDIR: tmp,
    KUBECONFIG: kubeconfig,
    ARGOCD_FAKE_IN_CLUSTER: 'true',
    // No GnuPG here; signature verification is not configured in any AppProject.
    ARGOCD_GPG_ENABLED: 'false',
  };
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of [...children].reverse()) await stopProcess(child);
  };
  try {
    const [redisPort, repoPort, repoMetrics, controllerMetrics] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const redisLog = join(dir, 'redis.log');
    const redisProcess = startProcess('redis', redis.server, ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], redisLog, {
      ...env,
      LD_LIBRARY_PATH: redis.libraryPath,
    });
    children.push(redisProcess);
    await waitUntil('redis', () => tcpOpen(redisPort), 15_000, () => (redisProcess.exitCode !== null ? `exited:\n${tail(redisLog)}` : undefined));

    const repoServerLog = join(dir, 'argocd-repo-server.log');
    const repoServer = startProcess('argocd-repo-server', join(bin, 'argocd-repo-server'), [
      '--address', '127.0.0.1', '--port', String(repoPort),
      '--metrics-address', '127.0.0.1', '--metrics-port', String(repoMetrics),
      '--redis', `127.0.0.1:${redisPort}`, '--disable-tls', '--client-ca-path=',
      // Argo CD learns of new commits by a webhook, which clears this cache; there is none here.
      '--revision-cache-expiration', '5s',
      '--logformat', 'text', '--loglevel', 'info',
    ], repoServerLog, env);
    children.push(repoServer);
    await waitUntil('argocd-repo-server', () => tcpOpen(repoPort), 60_000, () => (repoServer.exitCode !== null ? `exited:\n${tail(repoServerLog)}` : undefined));

    const controllerLog = join(dir, 'argocd-application-controller.log');
    const controller = startProcess('argocd-application-controller', join(bin, 'argocd-application-controller'), [
      '--kubeconfig', kubeconfig, '--namespace', ARGOCD_NAMESPACE,
      '--repo-server', `127.0.0.1:${repoPort}`, '--repo-server-plaintext',
      '--redis', `127.0.0.1:${redisPort}`,
      '--metrics-port', String(controllerMetrics),
      '--app-resync', String(options.resyncSeconds), '--app-resync-jitter', '0',
      '--status-processors', '8', '--operation-processors', '8',
      // Health of each resource written into the Application's status, where this stage reads it
      // (Argo CD 3 keeps it only in Redis by default); it changes no sync or health decision.
      '--persist-resource-health',
      ...(options.serverSideDiff ? ['--server-side-diff-enabled'] : []),
      '--logformat', 'text', '--loglevel', 'info',
    ], controllerLog, env);
    children.push(controller);
    await new Promise((r) => setTimeout(r, 2_000));
    if (controller.exitCode !== null) throw new Error(`argocd-application-controller exited:\n${tail(controllerLog)}`);
    log(`Argo CD running: redis :${redisPort}, repo-server :${repoPort}, application-controller (server-side diff ${options.serverSideDiff ? 'on' : 'off'}, resync ${options.resyncSeconds}s)`);
    return { controllerLog, repoServerLog, redisPort, cli: join(bin, 'argocd'), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
