// Runs the real amtool built from the Go module proxy by tools/go/build.sh (pinned in
// tools/go/amtool/go.mod, the Alertmanager release kube-prometheus-stack runs). No fallback:
// without the binary, callers fail loudly.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

// Same rule as tools/go/build.sh: GRIDATA_CACHE, when set, replaces the checkout's .cache.
export const AMTOOL = resolve(process.env.GRIDATA_CACHE ?? resolve(__dirname, '../../.cache'), 'go/bin/amtool');

export interface AmtoolResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runAmtool(args: readonly string[], cwd = __dirname): AmtoolResult {
  if (!existsSync(AMTOOL)) throw new Error(`amtool is not built: ${AMTOOL} is missing. Build it with \`tools/go/build.sh amtool\`.`);
  const result = spawnSync(AMTOOL, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function amtoolVersion(): string {
  const { stdout, stderr } = runAmtool(['--version']);
  return (stdout || stderr).split('\n')[0]!.trim();
}

/**
 * The Alertmanager configuration as rendered: the `alertmanager.yaml` key of the Secret the
 * kube-prometheus-stack chart renders into dist/<env>/monitoring/ (hydrated; the operator mounts it
 * into Alertmanager as is).
 */
export function renderedAlertmanagerConfig(env: string, distDir = 'dist'): Record<string, any> {
  const dir = join(distDir, env, 'monitoring');
  for (const name of readdirSync(dir).filter((f) => f.startsWith('secret.monitoring.alertmanager-')).sort()) {
    const secret = parse(readFileSync(join(dir, name), 'utf8'));
    const encoded = secret?.data?.['alertmanager.yaml'];
    const text = typeof encoded === 'string' ? Buffer.from(encoded, 'base64').toString('utf8') : secret?.stringData?.['alertmanager.yaml'];
    if (typeof text === 'string') return parse(text);
  }
  throw new Error(`${dir}: no Alertmanager configuration Secret (alertmanager.yaml) rendered`);
}

/** `amtool config routes test` for one label set: the receivers, comma-separated, as amtool prints them. */
export function routeReceivers(configFile: string, labels: Readonly<Record<string, string>>): string {
  const result = runAmtool(['config', 'routes', 'test', `--config.file=${configFile}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]);
  if (result.status !== 0) throw new Error(`amtool config routes test failed: ${result.stderr}${result.stdout}`);
  return result.stdout.trim();
}
