// Runs the real amtool built from the Go module proxy by tools/go/build.sh (pinned in
// tools/go/amtool/go.mod, the Alertmanager release kube-prometheus-stack runs). No fallback:
// without the binary, callers fail loudly.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
 * The Alertmanager configuration as rendered: `alertmanager.config` of the kube-prometheus-stack
 * source in dist/<env>/apps/application.argocd.<env>-monitoring.yaml.
 */
export function renderedAlertmanagerConfig(env: string, distDir = 'dist'): Record<string, any> {
  const file = join(distDir, env, 'apps', `application.argocd.${env}-monitoring.yaml`);
  const app = parse(readFileSync(file, 'utf8'));
  const sources: any[] = app.spec.sources ?? [app.spec.source];
  const chart = sources.find((s) => s.chart === 'kube-prometheus-stack');
  const config = chart?.helm?.valuesObject?.alertmanager?.config;
  if (!config) throw new Error(`${file}: no kube-prometheus-stack source with alertmanager.config`);
  return config;
}

/** `amtool config routes test` for one label set: the receivers, comma-separated, as amtool prints them. */
export function routeReceivers(configFile: string, labels: Readonly<Record<string, string>>): string {
  const result = runAmtool(['config', 'routes', 'test', `--config.file=${configFile}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]);
  if (result.status !== 0) throw new Error(`amtool config routes test failed: ${result.stderr}${result.stdout}`);
  return result.stdout.trim();
}
