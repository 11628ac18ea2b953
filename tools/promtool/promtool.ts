// Runs the real promtool built from the Go module proxy by tools/go/build.sh (pinned in
// tools/go/promtool/go.mod). There is no fallback: without the binary, callers fail loudly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Same rule as tools/go/build.sh: GRIDATA_CACHE, when set, replaces the checkout's .cache.
export const PROMTOOL = resolve(process.env.GRIDATA_CACHE ?? resolve(__dirname, '../../.cache'), 'go/bin/promtool');

export interface PromtoolResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function requirePromtool(): string {
  if (!existsSync(PROMTOOL)) {
    throw new Error(`promtool is not built: ${PROMTOOL} is missing. Build it with \`tools/go/build.sh promtool\`.`);
  }
  return PROMTOOL;
}

export function runPromtool(args: readonly string[], cwd: string): PromtoolResult {
  const result = spawnSync(requirePromtool(), args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function promtoolVersion(): string {
  const { stdout, stderr } = runPromtool(['--version'], join(__dirname));
  return (stdout || stderr).split('\n')[0]!.trim();
}
