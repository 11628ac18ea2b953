// Redis for Argo CD's caches, from Debian's packages without installing them: `apt-get download`
// of redis-server (its binary is redis-check-rdb, which runs as the server under that name), its two
// libraries, unpacked with `dpkg -x` into <cache>/redis/ once and run with LD_LIBRARY_PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const REDIS_PACKAGES = ['redis-server', 'redis-tools', 'liblzf1', 'libjemalloc2'] as const;

export interface RedisInstall {
  readonly server: string;
  readonly libraryPath: string;
  /** "<package>=<version>" of what was unpacked. */
  readonly packages: string[];
}

function download(dir: string): void {
  const attempt = () => spawnSync('apt-get', ['download', ...REDIS_PACKAGES], { cwd: dir, encoding: 'utf8' });
  let result = attempt();
  if (result.status !== 0) {
    // A fresh machine has no package lists yet.
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
    result = attempt();
  }
  if (result.status !== 0) throw new Error(`apt-get download ${REDIS_PACKAGES.join(' ')} failed: ${result.stderr.trim()}`);
}

export function ensureRedis(cacheRoot: string, log: (line: string) => void): RedisInstall {
  const root = join(cacheRoot, 'redis');
  const manifest = join(root, 'packages.txt');
  const install = (packages: string[]): RedisInstall => ({
    server: join(root, 'usr/bin/redis-server'),
    libraryPath: join(root, 'usr/lib/x86_64-linux-gnu'),
    packages,
  });
  if (existsSync(manifest) && existsSync(join(root, 'usr/bin/redis-check-rdb'))) {
    return install(execFileSync('cat', [manifest], { encoding: 'utf8' }).trim().split('\n'));
  }
  mkdirSync(cacheRoot, { recursive: true });
  const work = mkdtempSync(join(cacheRoot, 'redis-download-'));
  try {
    download(work);
    const debs = readdirSync(work).filter((f) => f.endsWith('.deb')).sort();
    const tree = join(work, 'tree');
    const packages: string[] = [];
    for (const deb of debs) {
      execFileSync('dpkg', ['-x', join(work, deb), tree]);
      packages.push(execFileSync('dpkg-deb', ['-f', join(work, deb), 'Package', 'Version'], { encoding: 'utf8' }).trim().replace(/\n/, '=').replace(/^Package: |Version: /g, ''));
    }
    writeFileSync(join(tree, 'packages.txt'), packages.join('\n') + '\n');
    rmSync(root, { recursive: true, force: true });
    renameSync(tree, root);
    // redis-server is a symlink into the package's /usr/bin; keep it relative after the move.
    if (!existsSync(join(root, 'usr/bin/redis-server'))) symlinkSync('redis-check-rdb', join(root, 'usr/bin/redis-server'));
    log(`redis unpacked into ${root}: ${packages.join(', ')}`);
    return install(packages);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
